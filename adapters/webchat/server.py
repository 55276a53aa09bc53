"""FastAPI app: the web chat page, its WebSocket, login, and the channel webhooks."""
from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import itertools
from collections import defaultdict
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import Cookie, FastAPI, Form, Header, WebSocket, WebSocketDisconnect
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from adapters import channels, network_remote, passwords, traceability
from adapters.webchat import auth
from bot.messages import Incoming, Outgoing, from_notice
from locales import Translator
from workflows import lots

PAGE = Path(__file__).with_name("page.html")
COOKIE = "kuguan_session"


class Hub:
    """Live connections per user; pushes reach every open tab (history lives in the database)."""

    def __init__(self, fanout: Any = None) -> None:
        self.sockets: dict[str, set[WebSocket]] = defaultdict(set)
        self.fanout = fanout  # RedisFanout when replicas share pushes

    async def deliver(self, messages: list[Outgoing]) -> None:
        payloads = [to_json(m) for m in messages]
        await self.deliver_local(payloads)
        if self.fanout is not None:
            await self.fanout.publish(payloads)

    async def deliver_local(self, payloads: list[dict[str, Any]]) -> None:
        for payload in payloads:
            to = payload["to"]
            for ws in list(self.sockets.get(to, ())):
                try:
                    await ws.send_json(payload)
                except Exception:  # noqa: BLE001 - a dead socket is dropped
                    self.sockets[to].discard(ws)


def to_json(m: Outgoing) -> dict[str, Any]:
    d: dict[str, Any] = {"to": m.to, "text": m.text, "id": m.id,
                         "buttons": [[{"label": b.label, "data": b.data} for b in row] for row in m.buttons]}
    if m.image:
        d["image"] = "data:image/png;base64," + base64.b64encode(m.image).decode()
    if m.file:
        d["file"] = {"name": m.file.name, "url": f"data:{m.file.mime};base64," + base64.b64encode(m.file.content).decode()}
    return d


def create_app(c: Any, *, run_scheduler: bool = True) -> FastAPI:
    fanout = None
    if c.settings.redis_url:
        from adapters.webchat.fanout import RedisFanout
        fanout = RedisFanout(c.settings.redis_url, c.tenant)
    hub = Hub(fanout)
    chans = channels.setup(c, also=hub.deliver)
    secret = c.settings.session_secret
    seq = itertools.count(1)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if fanout is not None:
            await fanout.start(hub.deliver_local)
        await chans.start()
        sched = _start_scheduler(c, chans) if run_scheduler else None
        loop = asyncio.get_running_loop()
        ingest = _start_mqtt(c, lambda notices: asyncio.run_coroutine_threadsafe(
            chans.push([from_notice(n) for n in notices]), loop))
        yield
        if ingest is not None:
            ingest.stop()
        if sched is not None:
            sched.shutdown(wait=False)
        await chans.stop()
        if fanout is not None:
            await fanout.close()

    app = FastAPI(title="kuguan", lifespan=lifespan)
    app.state.hub = hub

    def current(token: str | None) -> str | None:
        """The user the session cookie signs, while they are still here (someone who left is logged out)."""
        ident = auth.verify(secret, token)
        if not ident or ident[0] != c.tenant:
            return None
        with c.uow(write=False) as uow:
            user = uow.catalog.user(ident[1])
        return ident[1] if user is not None and user.active else None

    @app.get("/", response_class=HTMLResponse)
    async def page() -> str:
        return PAGE.read_text("utf-8")

    @app.post("/login")
    async def login(username: Annotated[str, Form()], password: Annotated[str, Form()]) -> Any:
        with c.uow(write=False) as uow:
            row = uow.catalog.user_row(username)
            ok = row is not None and row.active is not False and passwords.verify(row.password_hash, password)
        if not ok:
            return JSONResponse({"error": "用户名或密码错误 / wrong username or password"}, status_code=401)
        resp = JSONResponse({"ok": True, "username": username})
        resp.set_cookie(COOKIE, auth.sign(secret, c.tenant, username), httponly=True, samesite="strict")
        return resp

    @app.post("/logout")
    async def logout() -> Any:
        resp = RedirectResponse("/", status_code=303)
        resp.delete_cookie(COOKIE)
        return resp

    @app.get("/me")
    async def me(kuguan_session: Annotated[str | None, Cookie()] = None) -> Any:
        user = current(kuguan_session)
        if user is None:
            return JSONResponse({"error": "not logged in"}, status_code=401)
        with c.uow(write=False) as uow:  # the persistent message log: pushes sent while offline included
            history = uow.chat.recent_messages(user)
        return {"username": user, "history": history}

    links = traceability.links(c.settings, c.tenant)
    translate = Translator.load()

    @app.get("/lot/{tenant}/{sku}/{lot}/{token}", response_class=HTMLResponse)
    async def lot_page(tenant: str, sku: str, lot: str, token: str,
                       accept_language: Annotated[str | None, Header()] = None) -> Any:
        """A lot's public trace page (its QR code's address): no login; the address's signature is the key."""
        lang = "en" if (accept_language or "").lower().startswith("en") else "zh_CN"
        view = None
        if tenant == c.tenant and links.valid(tenant, sku, lot, token):
            with c.uow(write=False) as uow:
                view = lots.public_view(uow, sku, lot)
                tz = ZoneInfo(uow.catalog.settings().timezone)
        if view is None:
            return HTMLResponse(translate("lotpage.not_found", lang), status_code=404)
        return HTMLResponse(traceability.page(view, translate, lang, tz))

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.websocket("/ws")
    async def ws(websocket: WebSocket) -> None:
        user = current(websocket.cookies.get(COOKIE))
        if user is None:
            await websocket.close(code=4401)
            return
        await websocket.accept()
        hub.sockets[user].add(websocket)
        try:
            while True:
                data = await websocket.receive_json()
                inc = Incoming(tenant=c.tenant, channel="web", chat_id=user, username=user,
                               text=str(data.get("text") or ""), message_id=f"{id(websocket)}-{next(seq)}"
                               if not data.get("id") else str(data["id"]),
                               press=data.get("press"), pressed_message=data.get("message"),
                               image=_photo(data.get("photo")))
                if inc.text:
                    await websocket.send_json({"echo": inc.text})
                out = await asyncio.to_thread(c.conversation.handle_sync, inc)
                await hub.deliver([m for m in out if m.to == user])          # replies: this browser
                await chans.push([m for m in out if m.to != user])           # pushes: outbox + hub
        except WebSocketDisconnect:
            pass
        finally:
            hub.sockets[user].discard(websocket)

    for r in chans.routers:
        app.include_router(r)
    app.include_router(network_remote.router(c))   # (another server's courier: the network between servers)
    return app


def _photo(sent: Any) -> bytes | None:
    """A photo the page sent (base64): its bytes; b"" for what is no base64 (the conversation says it is no
    picture); None when none was sent."""
    if sent is None:
        return None
    try:
        return base64.b64decode(str(sent), validate=True)
    except (binascii.Error, ValueError):
        return b""


def _start_mqtt(c: Any, deliver: Any) -> Any:
    """The sensors' readings on lots from the MQTT broker (``KUGUAN_MQTT_URL``), for this server's tenant only; a
    temperature out of its product's range alerts (``c.on_reading``: the cold chain's check)."""
    if not c.settings.mqtt_url:
        return None
    from urllib.parse import urlsplit

    from adapters import iot
    where = urlsplit(c.settings.mqtt_url)
    ingest = iot.MqttIngest(lambda tenant: c.uow if tenant == c.tenant else None, c.clock,
                            host=where.hostname or "127.0.0.1", port=where.port or 1883,
                            on_reading=c.on_reading, deliver=deliver)
    ingest.start()
    return ingest


def _start_scheduler(c: Any, chans: Any) -> Any:
    """APScheduler drives the job bodies on the system clock: every second it runs whatever fell due.

    Each (job, slot) is claimed in the database before it runs, so several `serve` replicas never
    send the same push twice.
    """
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    state = {"last": c.clock.now()}

    async def tick() -> None:
        now = c.clock.now()
        notices = await asyncio.to_thread(c.scheduler.advance, state["last"], now)
        state["last"] = now
        await chans.push([from_notice(n) for n in notices])

    async def purge() -> None:  # sent pushes older than 30 days; their buttons have long expired
        from datetime import timedelta

        from adapters.outbox.store import OutboxStore
        await asyncio.to_thread(OutboxStore(c.engine).purge, sent_before=c.clock.now() - timedelta(days=30))

    courier = network_remote.Courier(c.uow, c.clock, tenant=c.tenant, base_url=c.settings.public_url, engine=c.engine)

    async def carry() -> None:   # what our company sent companies on other servers, taken there
        await asyncio.to_thread(courier.deliver)

    sched = AsyncIOScheduler(timezone=str(c.clock.tz))
    sched.add_job(tick, "interval", seconds=1, max_instances=1, coalesce=True)
    sched.add_job(carry, "interval", seconds=5, max_instances=1, coalesce=True)
    sched.add_job(purge, "cron", hour=3, minute=17)
    sched.start()
    return sched
