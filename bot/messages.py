"""Channel-neutral messages in and out of the conversation."""
from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Button:
    label: str
    data: str  # opaque, short (fits Telegram's 64-byte callback data): "<action>:<id>"


@dataclass(frozen=True)
class Incoming:
    tenant: str
    channel: str  # "script" | "web" | "telegram" | "wecom" | "cli"
    chat_id: str  # the channel's chat/user identity
    username: str | None  # resolved kuguan username (None = unknown sender)
    text: str = ""
    message_id: str | None = None  # channel message id, for idempotency
    press: str | None = None  # Button.data when a button was pressed
    pressed_message: int | None = None  # id of the outgoing message whose button was pressed
    image: bytes | None = None  # a photo sent (a delivery note to record), as the channel delivered it


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message (a spreadsheet of the books)."""
    name: str
    content: bytes
    mime: str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Outgoing:
    to: str  # kuguan username
    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    image: bytes | None = None  # PNG
    id: int | None = None  # message id once stored by the conversation (buttons refer to it)
    file: Attachment | None = None


def media_of(m: Outgoing) -> dict[str, Any]:
    """What goes with a message, as JSON (base64), to keep beside its text: {} for none."""
    out: dict[str, Any] = {}
    if m.image is not None:
        out["image"] = base64.b64encode(m.image).decode()
    if m.file is not None:
        out["file"] = {"name": m.file.name, "mime": m.file.mime, "data": base64.b64encode(m.file.content).decode()}
    return out


def media_in(media: dict[str, Any] | None) -> Outgoing:
    """An Outgoing holding only what ``media_of`` kept (text and addressee to be set)."""
    media = media or {}
    f = media.get("file")
    return Outgoing(to="", text="", image=base64.b64decode(media["image"]) if media.get("image") else None,
                    file=Attachment(name=f["name"], content=base64.b64decode(f["data"]), mime=f["mime"]) if f else None)


def from_notice(n: Any) -> Outgoing:
    """A workflow Notice (buttons as (label, data) pairs) as an Outgoing message."""
    return Outgoing(to=n.to, text=n.text, buttons=[[Button(lab, data) for lab, data in row] for row in n.buttons],
                    id=n.id)
