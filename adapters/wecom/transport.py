"""Sends outbox rows with message/send: text, or a button_interaction template card when there are buttons.

A card's task_id carries the outbox row id and each button's key its index, so a click resolves to the
conversation's full button data however long it is.
"""
from __future__ import annotations

import secrets
from typing import Any

from adapters.outbox import delivery, limits
from adapters.outbox.ports import Envelope, Permanent, RetryAfter
from adapters.outbox.sender import Sender
from adapters.wecom import api as api_
from bot.messages import Button

TEXT_BYTES = delivery.TEXT_LIMITS["wecom"][0]  # longer text is cut by WeCom (delivery splits it before)
TITLE_CHARS, SUBTITLE_CHARS, MAX_BUTTONS = 36, 160, 6


def task_id(row_id: int) -> str:
    return f"kg-{row_id}-{secrets.token_hex(4)}"  # unique per app; letters, digits and -_@ only


def row_of(task: str) -> int | None:
    parts = task.split("-")
    return int(parts[1]) if len(parts) == 3 and parts[0] == "kg" and parts[1].isdigit() else None


def _cut(text: str, limit: int) -> str:
    data = text.encode()
    return text if len(data) <= limit else data[:limit - 3].decode(errors="ignore") + "…"


def text_message(to: str, text: str) -> dict[str, Any]:
    return {"touser": to, "msgtype": "text", "text": {"content": _cut(text, TEXT_BYTES)}}


def card_message(to: str, *, row_id: int, text: str, buttons: list[Button]) -> dict[str, Any]:
    title, _, rest = text.partition("\n")
    card: dict[str, Any] = {
        "card_type": "button_interaction", "task_id": task_id(row_id),
        "main_title": {"title": title[:TITLE_CHARS]},
        "button_list": [{"text": b.label, "key": str(i), "style": 1 if b.label.startswith("确认") else 2}
                        for i, b in enumerate(buttons[:MAX_BUTTONS])]}
    if rest:
        card["sub_title_text"] = rest[:SUBTITLE_CHARS]
    return {"touser": to, "msgtype": "template_card", "template_card": card}


def _fits_card(text: str) -> bool:
    title, _, rest = text.partition("\n")
    return len(title) <= TITLE_CHARS and len(rest) <= SUBTITLE_CHARS


class WeComTransport:
    def __init__(self, api: api_.WeComAPI) -> None:
        self.api = api

    async def send(self, envelope: Envelope) -> str | None:
        p, to = envelope.payload, envelope.chat_id
        text: str = p.get("text") or ""
        flat = [b for row in delivery.buttons(p) for b in row]
        picture = delivery.image(p)
        attached = delivery.file(p)
        try:
            if picture is not None:
                media = await self.api.upload_image(picture)
                await self._send({"touser": to, "msgtype": "image", "image": {"media_id": media}})
            if attached is not None:   # the text first (a file message has none), so the file comes under it
                if text and not flat:
                    await self._send(text_message(to, text))
                media = await self.api.upload(attached.content, kind="file", filename=attached.name, mime=attached.mime)
                sent = await self._send({"touser": to, "msgtype": "file", "file": {"media_id": media}})
                if not flat:
                    return sent
            if not flat:
                return await self._send(text_message(to, text)) if text or picture is None else None
            if not _fits_card(text):  # the whole text first, then a card that fits
                await self._send(text_message(to, text))
                text = text.partition("\n")[0][:TITLE_CHARS]
            return await self._send(card_message(to, row_id=envelope.id, text=text, buttons=flat))
        except api_.WeComError as exc:
            if exc.errcode in api_.TOO_FAST:
                raise RetryAfter(60.0) from exc
            if exc.errcode in api_.BUSY:
                raise
            raise Permanent(str(exc)) from exc

    async def _send(self, message: dict[str, Any]) -> str | None:
        data = await self.api.send(message)
        if data.get("invaliduser"):
            raise Permanent(f"invalid user {data['invaliduser']}")
        return str(data["msgid"]) if data.get("msgid") else None


def sender(api: api_.WeComAPI, outbox: delivery.Delivery) -> Sender:
    """The WeCom outbox sender (30 messages a minute per member), registered so enqueued messages wake it."""
    s = Sender(channel="wecom", store=outbox.store, transport=WeComTransport(api), limits=limits.WECOM)
    outbox.register("wecom", s.wake)
    return s
