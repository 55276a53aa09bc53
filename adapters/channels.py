"""Wires the chat channels into `serve`: Telegram (webhook or long polling), WeCom, the outbox.

Replies to a web-chat user go straight to their browser; every push (to anyone else, and every
scheduled message) goes through the persistent outbox to each channel the addressee is bound on,
and to the web hub for open browser tabs.
"""
from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter

from adapters.directory import DbDirectory
from adapters.outbox import limits
from adapters.outbox.delivery import Delivery
from adapters.outbox.ports import InThread
from adapters.outbox.sender import Sender
from adapters.outbox.store import OutboxStore
from bot.messages import Outgoing


@dataclass
class Channels:
    delivery: Delivery
    routers: list[APIRouter] = field(default_factory=list)
    senders: list[Sender] = field(default_factory=list)
    starters: list[Any] = field(default_factory=list)
    _tasks: list[asyncio.Task[Any]] = field(default_factory=list)

    async def start(self) -> None:
        for s in self.senders:
            self._tasks.append(asyncio.create_task(s.run()))
        for make in self.starters:
            self._tasks.append(asyncio.create_task(make()))

    async def stop(self) -> None:
        for s in self.senders:
            s.stop()
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def push(self, messages: list[Outgoing]) -> None:
        if messages:
            await self.delivery.deliver(messages)


def setup(c: Any, also: Any) -> Channels:
    s = c.settings
    conversation = InThread(c.conversation)  # its database work must not block the event loop
    directory = DbDirectory(c.uow, c.clock)
    store = OutboxStore(c.engine)
    names = [n for n, on in (("telegram", s.telegram_bot_token), ("wecom", s.wecom_token)) if on]
    delivery = Delivery(store, directory, tenant=c.tenant, channels=names, also=also)
    ch = Channels(delivery=delivery)
    if s.telegram_bot_token:
        from adapters.telegram import polling, routers, transport, webhook
        if s.telegram_webhook_secret:
            bot = transport.make_bot(s.telegram_bot_token, api_base=s.telegram_api_base)
            dp = routers.dispatcher(handler=conversation, directory=directory, delivery=delivery, tenant=c.tenant)
            ch.routers.append(webhook.router(dispatcher=dp, bot=bot, secret=s.telegram_webhook_secret))
            ch.senders.append(polling.sender(bot, delivery))
            if s.telegram_webhook_url:  # tell Telegram where to post, with the same secret
                url, secret = s.telegram_webhook_url, s.telegram_webhook_secret
                ch.starters.append(lambda: bot.set_webhook(url, secret_token=secret))
        else:
            token = s.telegram_bot_token
            ch.starters.append(lambda: polling.run_polling(token, conversation, directory, delivery=delivery,
                                                           tenant=c.tenant, api_base=s.telegram_api_base))
    if s.wecom_token and s.wecom_aes_key and s.wecom_corp_id:
        from adapters.wecom import callback
        from adapters.wecom.transport import WeComTransport
        conf = callback.WeComConfig.from_settings(s)
        api = conf.api()
        inbound = callback.Inbound(conversation=conversation, directory=directory, delivery=delivery, api=api,
                                   tenant=c.tenant)
        ch.routers.append(callback.router(crypto=conf.crypto(), inbound=inbound, agent_id=conf.agent_id))
        sender = Sender(channel=callback.CHANNEL, store=store, transport=WeComTransport(api), limits=limits.WECOM)
        delivery.register(callback.CHANNEL, sender.wake)
        ch.senders.append(sender)
    return ch
