"""One router per feature (/start, text messages, button presses), combined in one Dispatcher.

Handlers get their dependencies by parameter name from the dispatcher's data: `conversation` (the Handler;
aiogram reserves the name `handler`), `directory`, `delivery` (the outbox) and `tenant`.
"""
from __future__ import annotations

import contextlib
import io

from aiogram import Bot, Dispatcher, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message

from adapters.outbox.delivery import Delivery
from adapters.outbox.ports import Directory, Handler
from adapters.telegram import keyboards
from bot.messages import Incoming

PHOTO_MAX = 20 * 1024 * 1024   # the Bot API lends bots files up to 20 MB
CHANNEL = "telegram"


def dispatcher(*, handler: Handler, directory: Directory, delivery: Delivery, tenant: str) -> Dispatcher:
    dp = Dispatcher(conversation=handler, directory=directory, delivery=delivery, tenant=tenant)
    dp.include_routers(start_router(), callback_router(), message_router())
    return dp


async def _converse(incoming: Incoming, conversation: Handler, delivery: Delivery) -> None:
    out = await conversation.handle(incoming)
    await delivery.deliver(out, origin=incoming)


def start_router() -> Router:
    router = Router(name="start")

    @router.message(CommandStart())
    async def start(message: Message, command: CommandObject, conversation: Handler, directory: Directory,
                    delivery: Delivery, tenant: str) -> None:
        if message.from_user is None:
            return
        user_id = str(message.from_user.id)
        code = (command.args or "").strip()
        username = await directory.bind(CHANNEL, user_id, code) if code else None
        username = username or await directory.lookup(CHANNEL, user_id)
        text = f"/start {code}".strip()
        await _converse(Incoming(tenant=tenant, channel=CHANNEL, chat_id=str(message.chat.id), username=username,
                                 text=text, message_id=f"{message.chat.id}:{message.message_id}"), conversation, delivery)

    return router


def message_router() -> Router:
    router = Router(name="messages")

    @router.message(F.text)
    async def text(message: Message, conversation: Handler, directory: Directory, delivery: Delivery,
                   tenant: str) -> None:
        if message.from_user is None:
            return
        username = await directory.lookup(CHANNEL, str(message.from_user.id))
        await _converse(Incoming(tenant=tenant, channel=CHANNEL, chat_id=str(message.chat.id), username=username,
                                 text=message.text or "", message_id=f"{message.chat.id}:{message.message_id}"),
                        conversation, delivery)

    @router.message(F.photo | (F.document.mime_type.startswith("image/")))
    async def photo(message: Message, conversation: Handler, directory: Directory, delivery: Delivery,
                    tenant: str) -> None:
        """A delivery note's photo (or the picture sent as a file, uncompressed): its bytes to the conversation."""
        if message.from_user is None or message.bot is None:
            return
        username = await directory.lookup(CHANNEL, str(message.from_user.id))
        sent = message.photo[-1] if message.photo else message.document   # (the largest size Telegram made)
        image = b""
        if username is not None and sent is not None and (sent.file_size or 0) <= PHOTO_MAX:
            got = await message.bot.download(sent.file_id, destination=io.BytesIO())
            image = got.getvalue() if isinstance(got, io.BytesIO) else b""
        await _converse(Incoming(tenant=tenant, channel=CHANNEL, chat_id=str(message.chat.id), username=username,
                                 text=message.caption or "", image=image,
                                 message_id=f"{message.chat.id}:{message.message_id}"), conversation, delivery)

    return router


def callback_router() -> Router:
    router = Router(name="buttons")

    @router.callback_query(keyboards.Press.filter())
    async def press(query: CallbackQuery, callback_data: keyboards.Press, bot: Bot, conversation: Handler,
                    directory: Directory, delivery: Delivery, tenant: str) -> None:
        await query.answer()
        if query.message is None:
            return
        chat_id = str(query.message.chat.id)
        pressed = await delivery.pressed(callback_data.row, callback_data.i, channel=CHANNEL, chat_id=chat_id)
        with contextlib.suppress(TelegramBadRequest):  # too old to edit, or edited already
            await bot.edit_message_reply_markup(chat_id=query.message.chat.id, message_id=query.message.message_id,
                                                reply_markup=keyboards.spent(pressed.label) if pressed else None)
        if pressed is None:
            return
        username = await directory.lookup(CHANNEL, str(query.from_user.id))
        await _converse(Incoming(tenant=tenant, channel=CHANNEL, chat_id=chat_id, username=username,
                                 text=pressed.label, message_id=f"cb:{query.id}", press=pressed.data,
                                 pressed_message=pressed.message), conversation, delivery)

    @router.callback_query()
    async def stale(query: CallbackQuery) -> None:
        await query.answer()

    return router
