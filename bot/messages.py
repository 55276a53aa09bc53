"""Channel-neutral messages in and out of the conversation."""
from __future__ import annotations

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


def from_notice(n: Any) -> Outgoing:
    """A workflow Notice (buttons as (label, data) pairs) as an Outgoing message."""
    return Outgoing(to=n.to, text=n.text, buttons=[[Button(lab, data) for lab, data in row] for row in n.buttons],
                    id=n.id)
