"""A local fake Telegram Bot API server (aiohttp on 127.0.0.1, random port) that records every method called.

It enforces the limits the outbox promises to respect: more than `overall` sends in any second, or two sends to
one chat within a second, are answered with 429 and `retry_after`, as Telegram does; a text over 4096 UTF-16
code units gets Telegram's 400 "message is too long".
"""
from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.channels.local_server import LocalServer

SENDS = ("sendMessage", "sendPhoto", "sendDocument")
TEXT_LIMIT = 4096


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float


@dataclass
class FakeBotAPI(LocalServer):
    overall: int = 30
    per_chat_seconds: float = 1.0
    retry_after: int = 1
    force_429: int = 0  # answer the first N sends with 429 regardless
    updates: list[dict[str, Any]] = field(default_factory=list)  # served once by getUpdates
    files: dict[str, bytes] = field(default_factory=dict)  # file_id → content, lent by getFile and /file/…
    calls: list[Call] = field(default_factory=list)
    too_many: int = 0
    _recent: deque[float] = field(default_factory=deque)
    _last_by_chat: dict[str, float] = field(default_factory=lambda: defaultdict(lambda: -1e9))
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))

    def called(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def start(self) -> FakeBotAPI:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/stats", self._stats)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        await self._serve(app)
        return self

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        form = await request.post()
        params: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
        files = {k: {"filename": v.filename, "content": v.file.read()} for k, v in form.items()
                 if isinstance(v, web.FileField)}
        for k, v in list(params.items()):   # an uploaded file (document=attach://<field>): its name and bytes
            if isinstance(v, str) and v.startswith("attach://") and v[9:] in files:
                params[k] = files[v[9:]]
        for key in ("reply_markup",):
            if key in params:
                params[key] = json.loads(params[key])
        now = time.monotonic()
        self.calls.append(Call(method, params, now))
        if method == "sendMessage" and len(str(params.get("text", "")).encode("utf-16-le")) // 2 > TEXT_LIMIT:
            return web.json_response({"ok": False, "error_code": 400,
                                      "description": "Bad Request: message is too long"}, status=400)
        if method in SENDS:
            limited = self._limited(str(params.get("chat_id")), now)
            if limited:
                self.too_many += 1
                return web.json_response({"ok": False, "error_code": 429,
                                          "description": f"Too Many Requests: retry after {self.retry_after}",
                                          "parameters": {"retry_after": self.retry_after}}, status=429)
            chat = int(params["chat_id"])
            return self._ok({"message_id": next(self._ids), "date": int(time.time()), "text": params.get("text"),
                             "chat": {"id": chat, "type": "private" if chat > 0 else "group"}})
        if method == "getMe":
            return self._ok({"id": 42, "is_bot": True, "first_name": "kuguan", "username": "kuguan_bot"})
        if method == "getFile":   # the path the file is then fetched from, as the real API lends it
            fid = str(params.get("file_id"))
            if fid not in self.files:
                return web.json_response({"ok": False, "error_code": 400,
                                          "description": "Bad Request: invalid file_id"}, status=400)
            return self._ok({"file_id": fid, "file_unique_id": f"u{fid}", "file_size": len(self.files[fid]),
                             "file_path": f"photos/{fid}.jpg"})
        if method == "getUpdates":
            updates, self.updates = self.updates, []
            if not updates:
                await asyncio.sleep(0.05)
            return self._ok(updates)
        return self._ok(True)

    async def _file(self, request: web.Request) -> web.Response:
        fid = request.match_info["path"].removeprefix("photos/").removesuffix(".jpg")
        self.calls.append(Call("download", {"file_id": fid}, time.monotonic()))
        if fid not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[fid], content_type="image/jpeg")

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response({"too_many": self.too_many, "sends": [c.at for c in self.calls if c.method in SENDS]})

    def _limited(self, chat: str, now: float) -> bool:
        if self.force_429 > 0:
            self.force_429 -= 1
            return True
        while self._recent and self._recent[0] <= now - 1.0:
            self._recent.popleft()
        if len(self._recent) >= self.overall or now - self._last_by_chat[chat] < self.per_chat_seconds:
            return True
        self._recent.append(now)
        self._last_by_chat[chat] = now
        return False

    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})


def serve_in_process(conn: Any) -> None:
    """Run a FakeBotAPI in this (child) process: send its port through `conn`, stop when `conn` says so."""
    async def main() -> None:
        api = await FakeBotAPI().start()
        conn.send(api.port)
        await asyncio.get_running_loop().run_in_executor(None, conn.recv)
        await api.stop()

    asyncio.run(main())
