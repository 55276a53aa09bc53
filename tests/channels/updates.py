"""Real Bot API update JSON, as Telegram posts it to a webhook or returns it from getUpdates."""
from __future__ import annotations

import itertools
from typing import Any

_ids = itertools.count(9000)


def _user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "小王", "language_code": "zh-hans"}


def _chat(chat_id: int) -> dict[str, Any]:
    if chat_id < 0:
        return {"id": chat_id, "type": "group", "title": "门店群"}
    return {"id": chat_id, "type": "private", "first_name": "小王"}


def message(user_id: int, text: str, *, chat_id: int | None = None, message_id: int = 1) -> dict[str, Any]:
    msg: dict[str, Any] = {"message_id": message_id, "from": _user(user_id), "chat": _chat(chat_id or user_id),
                           "date": 1781480000, "text": text}
    if text.startswith("/"):
        msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": next(_ids), "message": msg}


def press(user_id: int, data: str, *, chat_id: int | None = None, message_id: int = 500) -> dict[str, Any]:
    chat = chat_id or user_id
    return {"update_id": next(_ids), "callback_query": {
        "id": f"cq{next(_ids)}", "from": _user(user_id), "chat_instance": "-1234", "data": data,
        "message": {"message_id": message_id, "date": 1781480000, "chat": _chat(chat), "text": "收到可乐2箱?",
                    "from": {"id": 42, "is_bot": True, "first_name": "kuguan"}}}}


def photo(user_id: int, file_id: str, *, caption: str = "", message_id: int = 2) -> dict[str, Any]:
    """A photo message: Telegram sends its sizes smallest first, each with its own file_id."""
    sizes = [{"file_id": f"{file_id}-s", "file_unique_id": "s1", "width": 90, "height": 60, "file_size": 1200},
             {"file_id": file_id, "file_unique_id": "s2", "width": 1280, "height": 853, "file_size": 90000}]
    msg: dict[str, Any] = {"message_id": message_id, "from": _user(user_id), "chat": _chat(user_id),
                           "date": 1781480000, "photo": sizes}
    if caption:
        msg["caption"] = caption
    return {"update_id": next(_ids), "message": msg}
