"""Sends outbox rows with the Bot API (sendMessage / sendPhoto / sendDocument) and maps its errors for the sender."""
from __future__ import annotations

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNotFound,
    TelegramRetryAfter,
)
from aiogram.types import BufferedInputFile, Message

from adapters.outbox import delivery
from adapters.outbox.ports import Envelope, Permanent, RetryAfter
from adapters.telegram import keyboards

CAPTION_LIMIT = 1024


def make_bot(token: str, *, api_base: str | None = None) -> Bot:
    """A Bot on aiogram's aiohttp session; `api_base` points it at another Bot API server (tests, local server)."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_base)) if api_base else AiohttpSession()
    return Bot(token, session=session)


class TelegramTransport:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, envelope: Envelope) -> str | None:
        p = envelope.payload
        chat = int(envelope.chat_id)
        text: str = p.get("text") or ""
        markup = keyboards.markup(envelope.id, delivery.buttons(p))
        picture = delivery.image(p)
        attached = delivery.file(p)
        try:
            message: Message
            short = len(text) <= CAPTION_LIMIT
            send = self.bot.send_photo if picture is not None else self.bot.send_document
            upload = BufferedInputFile(picture, "chart.png") if picture is not None else \
                BufferedInputFile(attached.content, attached.name) if attached is not None else None
            if upload is not None:   # the text as the caption when it fits, else after it
                message = await send(chat, upload, caption=(text or None) if short else None,
                                     reply_markup=markup if short else None)
                if not short:
                    message = await self.bot.send_message(chat, text, reply_markup=markup)
            else:
                message = await self.bot.send_message(chat, text, reply_markup=markup)
        except TelegramRetryAfter as exc:
            raise RetryAfter(float(exc.retry_after)) from exc
        except TelegramMigrateToChat as exc:
            raise Permanent(f"chat moved to {exc.migrate_to_chat_id}") from exc
        except (TelegramForbiddenError, TelegramBadRequest, TelegramNotFound) as exc:
            raise Permanent(exc.message) from exc
        return str(message.message_id)
