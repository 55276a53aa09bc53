"""Inline keyboards. Callback data carries ids only (outbox row, button index), far below the 64-byte limit."""
from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.messages import Button


class Press(CallbackData, prefix="k"):
    """A press on button `i` (counted row by row) of the message sent from outbox row `row`."""
    row: int
    i: int


class Spent(CallbackData, prefix="x"):
    """The one button left after a press: it only acknowledges."""


def markup(row_id: int, rows: list[list[Button]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    keyboard: list[list[InlineKeyboardButton]] = []
    index = 0
    for row in rows:
        line = []
        for b in row:
            line.append(InlineKeyboardButton(text=b.label, callback_data=Press(row=row_id, i=index).pack()))
            index += 1
        keyboard.append(line)
    return InlineKeyboardMarkup(inline_keyboard=keyboard)


def spent(label: str) -> InlineKeyboardMarkup:
    """What replaces the keyboard once a button was pressed, so nothing can be pressed twice."""
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text=f"✓ {label}",
                                                                       callback_data=Spent().pack())]])
