"""Script mode: JSON lines in, JSON lines out (the shared evaluation drives this)."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from adapters import importer
from adapters.clock import VirtualClock
from bot.conversation import Conversation
from bot.messages import Incoming, Outgoing, from_notice


class ScriptSession:
    def __init__(self, *, conversation: Conversation, clock: VirtualClock, tenant: str,
                 advance: Callable[[datetime, datetime], list[Any]], uow: Callable[..., Any]) -> None:
        self.conv, self.clock, self.tenant, self.advance, self.uow = conversation, clock, tenant, advance, uow
        self.n = 0

    def line(self, raw: str) -> list[dict[str, Any]]:
        self.n += 1
        try:
            obj = json.loads(raw)
            if not isinstance(obj, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            return [{"error": f"bad json: {exc}"}]
        try:
            return self.dispatch(obj)
        except Exception as exc:  # one bad line never kills the session
            return [{"error": f"{type(exc).__name__}: {exc}"}]

    def dispatch(self, obj: dict[str, Any]) -> list[dict[str, Any]]:
        if "at" in obj:
            target = datetime.fromisoformat(str(obj["at"]))
            start = self.clock.now()
            if target.tzinfo is None:
                target = target.replace(tzinfo=self.clock.tz)
            out = self.advance(start, target) if target > start else []
            self.clock.set(max(target, start))
            return [_msg(from_notice(m)) for m in out]
        if "export" in obj:
            kind = str(obj["export"])
            with self.uow(write=False) as uow:
                return [{"export": kind, "rows": importer.export_rows(uow, kind)}]
        user = str(obj.get("user") or "")
        if not user:
            return [{"error": "missing user"}]
        if "press" in obj:
            label = str(obj["press"])
            found = self._find_button(user, label)
            if found is None:
                return [{"error": f"no button {label!r} for {user}"}]
            msg_id, data = found
            inc = Incoming(tenant=self.tenant, channel="script", chat_id=user, username=user, press=data,
                           pressed_message=msg_id)
        elif "photo" in obj:   # {"user": …, "photo": "note.jpg", "text": caption}: a picture sent, as a phone would
            inc = Incoming(tenant=self.tenant, channel="script", chat_id=user, username=user,
                           image=Path(str(obj["photo"])).read_bytes(), text=str(obj.get("text") or ""),
                           message_id=obj.get("id"))
        else:
            inc = Incoming(tenant=self.tenant, channel="script", chat_id=user, username=user,
                           text=str(obj.get("text") or ""), message_id=obj.get("id"))
        return [_msg(m) for m in self.conv.handle_sync(inc)]

    def _find_button(self, user: str, label: str) -> tuple[int, str] | None:
        with self.uow(write=False) as uow:
            msg = uow.chat.latest_with_buttons(user)
            if msg is None:
                return None
            msg_id, buttons = int(msg.id), [b for row in msg.buttons for b in row]
        for lab, data in buttons:
            if lab == label:
                return msg_id, str(data)
        for lab, data in buttons:
            if str(lab).startswith(label):
                return msg_id, str(data)
        return None


def _msg(m: Outgoing) -> dict[str, Any]:
    d: dict[str, Any] = {"to": m.to, "text": m.text, "buttons": [[b.label for b in row] for row in m.buttons]}
    if m.image is not None:
        d["image"] = f"<png {len(m.image)} bytes>"
    if m.file is not None:
        d["file"] = f"<{m.file.name} {len(m.file.content)} bytes>"
    return d


def run(session: ScriptSession, lines: Iterable[str], out: IO[str] = sys.stdout) -> None:
    for raw in lines:
        if not raw.strip():
            session.n += 1
            out.write(json.dumps({"done": session.n}) + "\n")
            out.flush()
            continue
        for obj in session.line(raw):
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        out.write(json.dumps({"done": session.n}) + "\n")
        out.flush()
