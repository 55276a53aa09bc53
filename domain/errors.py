"""Domain errors. Each carries a stable ``code``; the conversation maps codes to localized text."""
from __future__ import annotations

from typing import Any


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
