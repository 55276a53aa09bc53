"""Domain errors. Each carries a stable ``code``; the conversation maps codes to localized text."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

_R = TypeVar("_R")


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, code: str | None = None, **params: Any) -> None:
        if code:
            self.code = code
        self.params = params
        super().__init__(f"{self.code}: {params}" if params else self.code)


class BadInput(DomainError):
    code = "bad_input"


class UnitMismatch(DomainError):
    code = "unit_mismatch"


class NotFound(DomainError):
    code = "not_found"


class InsufficientStock(DomainError):
    code = "insufficient_stock"


class NotAllowed(DomainError):
    code = "not_allowed"


class InvalidState(DomainError):
    code = "invalid_state"


def undoable(row: _R | None, undone: Callable[[], bool], *, kind: str, id: int) -> _R:
    """The record ``row`` (a payment, a cost, an invoice: kept, undone by an opposite row that ``reverses`` it) as one
    that may be undone: refused when there is none, it is itself an undoing (``{kind}_not_found``), or ``undone``
    says it was undone already (``{kind}_voided``)."""
    if row is None or getattr(row, "reverses", None) is not None:
        raise NotFound(code=f"{kind}_not_found", id=id)
    if undone():
        raise InvalidState(code=f"{kind}_voided", id=id)
    return row

