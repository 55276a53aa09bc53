"""Chat identities ↔ kuguan users, on the database (used by the Telegram and WeCom adapters)."""
from __future__ import annotations

import asyncio
from typing import Any


class DbDirectory:
    def __init__(self, uow: Any, clock: Any) -> None:
        self.uow, self.clock = uow, clock

    def lookup_sync(self, channel: str, external_id: str) -> str | None:
        with self.uow(write=False) as uow:
            found: str | None = uow.chat.identity(channel, str(external_id))
            return found

    def bind_sync(self, channel: str, external_id: str, invite_code: str) -> str | None:
        with self.uow() as uow:
            username = uow.chat.redeem_invite(code=invite_code, channel=channel, external_id=str(external_id),
                                              now=self.clock.now())
            if username is None:
                return None
            uow.commit()
            return str(username)

    def address_sync(self, channel: str, username: str) -> str | None:
        with self.uow(write=False) as uow:
            addr: str | None = uow.chat.address(channel, username)
            return addr

    async def lookup(self, channel: str, external_id: str) -> str | None:
        return await asyncio.to_thread(self.lookup_sync, channel, external_id)

    async def bind(self, channel: str, external_id: str, invite_code: str) -> str | None:
        return await asyncio.to_thread(self.bind_sync, channel, external_id, invite_code)

    async def address(self, channel: str, username: str) -> str | None:
        return await asyncio.to_thread(self.address_sync, channel, username)
