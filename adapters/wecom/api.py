"""The WeCom server API over httpx: access token cached until it expires, refreshed when a call says it is invalid."""
from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import httpx

TOKEN_INVALID = {40001, 40014, 42001}  # invalid credential, invalid access_token, access_token expired
TOO_FAST = {45009, 45033}  # frequency / concurrency over the limit
BUSY = {-1}  # system busy, try again


class WeComError(Exception):
    def __init__(self, errcode: int, errmsg: str) -> None:
        super().__init__(f"WeCom error {errcode}: {errmsg}")
        self.errcode, self.errmsg = errcode, errmsg


class WeComAPI:
    def __init__(self, *, corp_id: str, secret: str, agent_id: int, base_url: str = "https://qyapi.weixin.qq.com",
                 client: httpx.AsyncClient | None = None, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.corp_id, self.secret, self.agent_id = corp_id, secret, agent_id
        self.client = client or httpx.AsyncClient(base_url=base_url, timeout=10.0)
        self.monotonic = monotonic
        self._token: str | None = None
        self._expires = 0.0
        self._lock = asyncio.Lock()

    async def aclose(self) -> None:
        await self.client.aclose()

    async def token(self, *, refresh: bool = False) -> str:
        async with self._lock:
            if refresh or self._token is None or self.monotonic() >= self._expires:
                r = await self.client.get("/cgi-bin/gettoken", params={"corpid": self.corp_id,
                                                                        "corpsecret": self.secret})
                data = _checked(r)
                self._token = str(data["access_token"])
                # refresh five minutes early, so a token never expires on the way
                self._expires = self.monotonic() + max(60, int(data.get("expires_in", 7200)) - 300)
            return self._token

    async def call(self, path: str, *, json: dict[str, Any] | None = None,
                   files: dict[str, tuple[str, bytes, str]] | None = None,
                   params: dict[str, str] | None = None) -> dict[str, Any]:
        """POST with the access token; on an invalid/expired token, fetch a new one and try once more."""
        for attempt in (0, 1):
            token = await self.token(refresh=attempt == 1)
            r = await self.client.post(path, params={"access_token": token, **(params or {})}, json=json, files=files)
            try:
                return _checked(r)
            except WeComError as exc:
                if exc.errcode not in TOKEN_INVALID or attempt == 1:
                    raise
        raise AssertionError("unreachable")

    async def send(self, message: dict[str, Any]) -> dict[str, Any]:
        return await self.call("/cgi-bin/message/send", json={"agentid": self.agent_id, **message})

    async def update_card(self, *, userids: list[str], response_code: str, replace_name: str) -> dict[str, Any]:
        """Turn the clicked card's buttons into one unclickable button (button_interaction cards)."""
        return await self.call("/cgi-bin/message/update_template_card",
                               json={"userids": userids, "agentid": self.agent_id, "response_code": response_code,
                                     "button": {"replace_name": replace_name}})

    async def upload_image(self, content: bytes, *, filename: str = "chart.png") -> str:
        return await self.upload(content, kind="image", filename=filename, mime="image/png")

    async def upload(self, content: bytes, *, kind: str, filename: str, mime: str) -> str:
        """A temporary media upload (``kind`` image or file, kept 3 days by WeCom): its media_id."""
        data = await self.call("/cgi-bin/media/upload", params={"type": kind},
                               files={"media": (filename, content, mime)})
        return str(data["media_id"])


    async def download(self, media_id: str) -> bytes:
        """A temporary media file a user sent (a photo's MediaId): its bytes. WeCom answers an error as JSON, a
        file as itself."""
        for attempt in (0, 1):
            token = await self.token(refresh=attempt == 1)
            r = await self.client.get("/cgi-bin/media/get", params={"access_token": token, "media_id": media_id})
            r.raise_for_status()
            if not r.headers.get("content-type", "").startswith(("application/json", "text/plain")):
                return r.content
            try:
                _checked(r)
            except WeComError as exc:
                if exc.errcode not in TOKEN_INVALID or attempt == 1:
                    raise
        raise AssertionError("unreachable")


def _checked(r: httpx.Response) -> dict[str, Any]:
    r.raise_for_status()
    data: dict[str, Any] = r.json()
    if data.get("errcode", 0) != 0:
        raise WeComError(int(data["errcode"]), str(data.get("errmsg", "")))
    return data
