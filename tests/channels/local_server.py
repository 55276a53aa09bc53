"""An aiohttp app on 127.0.0.1 at a random port: the common start-up of the fake channel servers."""
from __future__ import annotations

from aiohttp import web


class LocalServer:
    """Mixin for the fakes: ``await self._serve(app)`` starts it, ``stop()`` ends it, ``base`` is its URL."""

    _runner: web.AppRunner | None = None
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _serve(self, app: web.Application) -> None:
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
