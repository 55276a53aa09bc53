"""Routing the conversation's messages into the outbox, and resolving button presses back from it.

A message addressed to the sender of the incoming message goes back to the chat it came from; any other
message (a push) goes to every channel where its addressee is bound. Buttons travel as (outbox row id, button
index), so callback data stays a few bytes however long the conversation's button data is.

A text longer than its channel takes in one message (Telegram: 4096 characters; WeCom: 2048 bytes, and it cuts
the rest off) is split at line ends into several rows, sent in order; its buttons then go on a last row of their
own that repeats the text's first line, so they still say what they act on. Each row is one API call, so the
rate limits, retries and dedupe keys of the outbox hold for every part.
"""
from __future__ import annotations

import asyncio
import base64
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from adapters.outbox import store as store_
from adapters.outbox.ports import Directory
from bot.messages import Attachment, Button, Incoming, Outgoing

log = logging.getLogger(__name__)
REPLY, PUSH = 0, 1
# the longest text one message of a channel carries, counted in UTF-16 code units (Telegram) or UTF-8 bytes
TEXT_LIMITS: dict[str, tuple[int, str]] = {"telegram": (4096, "utf16"), "wecom": (2048, "bytes")}


def text_size(text: str, unit: str) -> int:
    """Length of ``text`` in ``unit``: "chars", "utf16" (code units: an emoji beyond the BMP counts 2) or "bytes"."""
    if unit == "bytes":
        return len(text.encode())
    if unit == "utf16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def split_text(text: str, *, limit: int, unit: str = "chars") -> list[str]:
    """``text`` in parts of at most ``limit`` ``unit``s (see ``text_size``), cut at line ends where a line fits.

    Joining the parts with newlines gives the text back, except where a line longer than ``limit`` had to be cut.
    """
    def size(s: str) -> int:
        return text_size(s, unit)

    if size(text) <= limit:
        return [text]
    pieces: list[str] = []
    for line in text.split("\n"):
        while size(line) > limit:   # a line that fits no message on its own: cut it where the limit falls
            lo, hi = 1, min(len(line), limit)   # the longest prefix that fits, by bisection
            while lo < hi:
                mid = (lo + hi + 1) // 2
                lo, hi = (mid, hi) if size(line[:mid]) <= limit else (lo, mid - 1)
            cut = lo
            pieces.append(line[:cut])
            line = line[cut:]
        pieces.append(line)
    parts: list[str] = []
    for piece in pieces:
        if parts and size(parts[-1]) + 1 + size(piece) <= limit:
            parts[-1] += "\n" + piece
        else:
            parts.append(piece)
    return parts


def to_payload(m: Outgoing) -> dict[str, Any]:
    return {"to": m.to, "text": m.text, "id": m.id,
            "buttons": [[[b.label, b.data] for b in row] for row in m.buttons],
            "image": base64.b64encode(m.image).decode() if m.image else None,
            "file": {"name": m.file.name, "mime": m.file.mime, "data": base64.b64encode(m.file.content).decode()}
            if m.file else None}


def payloads(m: Outgoing, channel: str) -> list[dict[str, Any]]:
    """The rows of one message on ``channel``: one, or the parts of a text too long for one message."""
    whole = to_payload(m)
    if channel not in TEXT_LIMITS:
        return [whole]
    limit, unit = TEXT_LIMITS[channel]
    parts = split_text(m.text, limit=limit, unit=unit)
    if len(parts) == 1:
        return [whole]
    out = [dict(whole, text=part, buttons=[], image=whole["image"] if n == 0 else None,
                file=whole["file"] if n == 0 else None) for n, part in enumerate(parts)]
    if m.buttons:
        out.append(dict(whole, text=split_text(m.text.partition("\n")[0], limit=limit, unit=unit)[0], image=None,
                        file=None))
    return out


def buttons(payload: dict[str, Any]) -> list[list[Button]]:
    return [[Button(label, data) for label, data in row] for row in payload.get("buttons") or []]


def image(payload: dict[str, Any]) -> bytes | None:
    return base64.b64decode(payload["image"]) if payload.get("image") else None


def file(payload: dict[str, Any]) -> Attachment | None:
    f = payload.get("file")
    return Attachment(f["name"], base64.b64decode(f["data"]), f["mime"]) if f else None


@dataclass(frozen=True)
class Pressed:
    """A button resolved from its outbox row: what the conversation needs for Incoming.press."""
    message: int | None  # Outgoing.id, the conversation's id of the message that carried the button
    label: str
    data: str


class Delivery:
    def __init__(self, store: store_.OutboxStore, directory: Directory, *, tenant: str,
                 channels: Sequence[str] = ("telegram", "wecom"),
                 also: Callable[[list[Outgoing]], Awaitable[None]] | None = None) -> None:
        """`also` receives the pushes too (e.g. the web chat hub, for users with a browser open)."""
        self.store, self.directory, self.tenant = store, directory, tenant
        self.channels = tuple(channels)
        self.also = also
        self._wakers: dict[str, Callable[[], None]] = {}

    def register(self, channel: str, wake: Callable[[], None]) -> None:
        """A sender for this channel runs in this process: wake it when something is enqueued."""
        self._wakers[channel] = wake

    async def deliver(self, messages: list[Outgoing], *, origin: Incoming | None = None,
                      key: str | None = None) -> list[int]:
        """Enqueue replies and pushes; returns the new outbox row ids.

        The dedupe key is derived from the origin's channel message id (or `key`), so delivering the result of
        the same incoming message twice enqueues nothing the second time.
        """
        base = key or (f"{origin.channel}:{origin.message_id}" if origin and origin.message_id else uuid.uuid4().hex)
        drafts: list[store_.Draft] = []
        pushes: list[Outgoing] = []
        for i, m in enumerate(messages):
            tenant = origin.tenant if origin else self.tenant
            if origin is not None and (origin.username is None or m.to == origin.username):
                targets = [(origin.channel, origin.chat_id, REPLY)]
            else:
                pushes.append(m)
                targets = [(ch, ext, PUSH) for ch in self.channels
                           if (ext := await self.directory.address(ch, m.to)) is not None]
            for ch, chat, prio in targets:
                rows = payloads(m, ch)
                drafts += [store_.Draft(tenant=tenant, channel=ch, chat_id=str(chat), payload=payload, priority=prio,
                                        dedupe_key=f"{base}:{i}:{ch}:{chat}"[:192] + (f":{n}" if n else ""))
                           for n, payload in enumerate(rows)]
        ids = await asyncio.to_thread(self.store.add, drafts) if drafts else []
        for channel in {d.channel for d in drafts}:
            if channel in self._wakers:
                self._wakers[channel]()
        if pushes and self.also is not None:
            await self.also(pushes)
        return ids

    async def pressed(self, row_id: int, index: int, *, channel: str, chat_id: str) -> Pressed | None:
        """The button `index` (row by row) of outbox row `row_id`, if that row went to this chat."""
        env = await asyncio.to_thread(self.store.get, row_id)
        if env is None or env.channel != channel or env.chat_id != str(chat_id):
            return None
        flat = [b for row in buttons(env.payload) for b in row]
        if not 0 <= index < len(flat):
            return None
        message = env.payload.get("id")
        return Pressed(message=int(message) if message is not None else None, label=flat[index].label,
                       data=flat[index].data)
