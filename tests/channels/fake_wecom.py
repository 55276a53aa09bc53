"""A local fake WeCom server API (aiohttp on 127.0.0.1, random port): tokens, message/send, card updates, uploads."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.channels.local_server import LocalServer


@dataclass
class FakeWeCom(LocalServer):
    corp_id: str = "wx5823bf96d3bd56c7"
    secret: str = "app-secret"
    tokens_issued: int = 0
    valid: set[str] = field(default_factory=set)
    sent: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    uploads: int = 0
    files: list[dict[str, Any]] = field(default_factory=list)   # each upload: type, filename, content
    media: dict[str, bytes] = field(default_factory=dict)   # media_id → what a user sent (a photo), for media/get
    rejected_tokens: int = 0
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def expire_tokens(self) -> None:
        self.valid.clear()

    async def start(self) -> FakeWeCom:
        app = web.Application()
        app.router.add_get("/cgi-bin/gettoken", self._token)
        app.router.add_post("/cgi-bin/message/send", self._send)
        app.router.add_post("/cgi-bin/message/update_template_card", self._update)
        app.router.add_post("/cgi-bin/media/upload", self._upload)
        app.router.add_get("/cgi-bin/media/get", self._media)
        await self._serve(app)
        return self

    async def _token(self, request: web.Request) -> web.Response:
        if request.query.get("corpid") != self.corp_id or request.query.get("corpsecret") != self.secret:
            return web.json_response({"errcode": 40001, "errmsg": "invalid credential"})
        self.tokens_issued += 1
        token = f"tok-{self.tokens_issued}"
        self.valid.add(token)
        return web.json_response({"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": 7200})

    def _expired(self, request: web.Request) -> web.Response | None:
        if request.query.get("access_token") in self.valid:
            return None
        self.rejected_tokens += 1
        return web.json_response({"errcode": 42001, "errmsg": "access_token expired"})

    async def _send(self, request: web.Request) -> web.Response:
        if (bad := self._expired(request)) is not None:
            return bad
        body = await request.json()
        self.sent.append(body)
        answer: dict[str, Any] = {"errcode": 0, "errmsg": "ok", "invaliduser": "", "msgid": f"msg{next(self._ids)}"}
        if body.get("msgtype") == "template_card":
            answer["response_code"] = f"rc{next(self._ids)}"
        return web.json_response(answer)

    async def _update(self, request: web.Request) -> web.Response:
        if (bad := self._expired(request)) is not None:
            return bad
        self.updates.append(await request.json())
        return web.json_response({"errcode": 0, "errmsg": "ok", "invaliduser": []})

    async def _upload(self, request: web.Request) -> web.Response:
        if (bad := self._expired(request)) is not None:
            return bad
        form = await request.post()
        self.uploads += 1
        media = form.get("media")
        kind = request.query.get("type", "")
        if isinstance(media, web.FileField):
            self.files.append({"type": kind, "filename": media.filename, "content": media.file.read()})
        return web.json_response({"errcode": 0, "errmsg": "", "type": kind, "media_id": f"media{self.uploads}"})

    async def _media(self, request: web.Request) -> web.Response:
        if (bad := self._expired(request)) is not None:
            return bad
        found = self.media.get(request.query.get("media_id", ""))
        if found is None:
            return web.json_response({"errcode": 40007, "errmsg": "invalid media_id"})
        return web.Response(body=found, content_type="image/jpeg")
