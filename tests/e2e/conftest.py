"""End-to-end fixtures: the real composition root (bootstrap) in script mode, on a fresh database."""
from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

import app as kuguan
from adapters import script
from adapters.clock import VirtualClock
from tests.conftest import CAFE, load_catalog


class Chat:
    def __init__(self, session: script.ScriptSession) -> None:
        self.session = session

    def send(self, **obj) -> list[dict]:  # type: ignore[no-untyped-def]
        return self.session.line(json.dumps(obj, ensure_ascii=False))

    def say(self, user: str, text: str, **extra) -> list[dict]:  # type: ignore[no-untyped-def]
        return self.send(user=user, text=text, **extra)

    def press(self, user: str, label: str) -> list[dict]:
        return self.send(user=user, press=label)

    def stock(self) -> dict[str, float]:
        rows = self.send(export="stock")[0]["rows"]
        out: dict[str, float] = {}
        for r in rows:
            out[f"{r['location']}:{r['sku']}"] = out.get(f"{r['location']}:{r['sku']}", 0.0) + float(r["qty"])
        return out

    def export(self, kind: str) -> list[dict]:
        return self.send(export=kind)[0]["rows"]


def make_chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, url: str | None = None,
              catalog: Path = CAFE, clock: str = "2026-06-15T09:00:00+08:00") -> Chat:
    monkeypatch.setenv("KUGUAN_DATABASE_URL", url or f"sqlite:///{tmp_path}/chat.db")
    vclock = VirtualClock(datetime.fromisoformat(clock))
    c = kuguan.bootstrap(clock=vclock)
    load_catalog(c.uow, catalog)
    session = script.ScriptSession(conversation=c.conversation, clock=vclock, tenant="default",
                                   advance=c.scheduler.advance, uow=c.uow)
    chat = Chat(session)
    chat.container = c  # type: ignore[attr-defined]
    return chat


@pytest.fixture
def chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    return make_chat(tmp_path, monkeypatch)


PHONE = Path(__file__).parents[1] / "nlu" / "fixtures" / "phone"


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    """The phone shop (手机壳 ¥29, 充电宝 ¥89) with 50 phone cases and 10 power banks in at 华强店."""
    chat = make_chat(tmp_path, monkeypatch, catalog=PHONE)
    assert "已记录" in texts(chat.say("xm", "收到手机壳50个,充电宝10个"))
    return chat


def foam_lattes(chat: Chat) -> None:
    """The café makes milk foam (B11, from milk) and lattes (B12, from foam and beans), each by its recipe."""
    for said in ("新增商品奶泡,单位升", "新增商品拿铁,单位杯,售价28", "每升奶泡用牛奶1.2升", "每杯拿铁用奶泡0.15升、咖啡豆18克"):
        chat.say("zhou", said)
        chat.press("zhou", "确认")


def confirmed(chat: Chat, user: str, text: str) -> str:
    """A message, confirmed when it asks first: the texts of the last answer."""
    out = chat.say(user, text)
    if any(b == "确认" for m in out for row in m.get("buttons") or [] for b in row):
        out = chat.press(user, "确认")
    return texts(out)


def texts(out: list[dict], to: str | None = None) -> str:
    return "\n".join(m.get("text") or m.get("error") or "" for m in out if to is None or m.get("to") == to)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def held_port() -> socket.socket:
    """A local port bound now and held until a server takes it (``serving(sock=…)``): no other connection's own
    port can land on it in between, as one picked by ``free_port`` and bound later can."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    return s


@contextlib.contextmanager
def serving(container, sock: socket.socket | None = None) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The served app (web chat, webhooks; no scheduler) on a held local port (``sock``, else one held now), in a
    thread: yields its URL."""
    import uvicorn

    from adapters.webchat import server

    sock = sock or held_port()
    port = int(sock.getsockname()[1])
    srv = uvicorn.Server(uvicorn.Config(server.create_app(container, run_scheduler=False), host="127.0.0.1",
                                        port=port, log_level="warning"))
    th = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    th.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        th.join(timeout=5)
