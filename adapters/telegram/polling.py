"""Long polling (when TELEGRAM_BOT_TOKEN is set and no webhook is used), with the channel's outbox sender."""
from __future__ import annotations

import asyncio

from aiogram import Bot

from adapters.outbox import limits
from adapters.outbox.delivery import Delivery
from adapters.outbox.ports import Directory, Handler
from adapters.outbox.sender import Sender
from adapters.telegram import routers, transport


def sender(bot: Bot, delivery: Delivery) -> Sender:
    """The Telegram outbox sender, registered with the delivery so enqueued messages wake it."""
    s = Sender(channel=routers.CHANNEL, store=delivery.store, transport=transport.TelegramTransport(bot),
               limits=limits.TELEGRAM)
    delivery.register(routers.CHANNEL, s.wake)
    return s


async def run_polling(token: str, handler: Handler, directory: Directory, *, delivery: Delivery, tenant: str,
                      api_base: str | None = None, handle_signals: bool = False) -> None:
    """Poll getUpdates and run the outbox sender until cancelled (or a signal, with handle_signals)."""
    bot = transport.make_bot(token, api_base=api_base)
    dp = routers.dispatcher(handler=handler, directory=directory, delivery=delivery, tenant=tenant)
    out = sender(bot, delivery)
    task = asyncio.create_task(out.run())
    try:
        await bot.delete_webhook(drop_pending_updates=False)
        await dp.start_polling(bot, handle_signals=handle_signals, close_bot_session=False)
    finally:
        out.stop()
        await task
        await bot.session.close()
