"""A job's stand-in for a message (``purchasing.Turn``): a scheduled rule placing its owner's standing order, the
network taking a linked customer's order. What the write says of itself goes to ``user`` as a push (``prefix``
first), or nowhere (``quiet``); pushes to others go out as they are."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from domain import catalog, events


@dataclass
class JobTurn:
    user: catalog.User
    now: datetime
    box: Any
    message_id: str | None = None
    events: list[events.Event] = field(default_factory=list)
    prefix: str = ""
    quiet: bool = False

    @property
    def lang(self) -> str:
        return self.user.language

    def reply(self, text: str, buttons: Any = None, image: bytes | None = None) -> None:
        if not self.quiet:
            self.box.push(self.user.username, f"{self.prefix}{text}", buttons)

    def push(self, to: str, text: str, buttons: Any = None) -> None:
        self.box.push(to, text, buttons)
