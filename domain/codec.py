"""JSON round-trip for commands and clarifications, so pending drafts survive a restart."""
from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from domain import commands, rules

_CLASSES: dict[str, type[Any]] = {
    c.__name__: c
    for mod in (commands, rules)
    for c in vars(mod).values()
    if isinstance(c, type) and (dataclasses.is_dataclass(c) or issubclass(c, Enum)) and c.__module__ == mod.__name__
}


def dump(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {"__t": type(obj).__name__}
        for f in dataclasses.fields(obj):
            out[f.name] = dump(getattr(obj, f.name))
        return out
    if isinstance(obj, Enum):
        return {"__e": type(obj).__name__, "v": obj.value}
    if isinstance(obj, Decimal):
        return {"__d": str(obj)}
    if isinstance(obj, datetime):
        return {"__dt": obj.isoformat()}
    if isinstance(obj, date):   # (a day without a time: 取消明天的包桌 awaiting its confirmation)
        return {"__da": obj.isoformat()}
    if isinstance(obj, time):   # (an hour of each day: 晚上8点以后面包半价 awaiting its confirmation)
        return {"__tm": obj.isoformat()}
    if isinstance(obj, tuple):
        return {"__tu": [dump(x) for x in obj]}
    if isinstance(obj, list):
        return [dump(x) for x in obj]
    if isinstance(obj, dict):
        return {"__m": [[dump(k), dump(v)] for k, v in obj.items()]}
    return obj


def load(data: Any) -> Any:
    if isinstance(data, list):
        return [load(x) for x in data]
    if not isinstance(data, dict):
        return data
    if "__tu" in data:
        return tuple(load(x) for x in data["__tu"])
    if "__d" in data:
        return Decimal(data["__d"])
    if "__dt" in data:
        return datetime.fromisoformat(data["__dt"])
    if "__da" in data:
        return date.fromisoformat(data["__da"])
    if "__tm" in data:
        return time.fromisoformat(data["__tm"])
    if "__e" in data:
        return _CLASSES[data["__e"]](data["v"])
    if "__m" in data:
        return {load(k): load(v) for k, v in data["__m"]}
    if "__t" in data:
        cls = _CLASSES[data["__t"]]
        kwargs = {k: load(v) for k, v in data.items() if k != "__t"}
        return cls(**kwargs)
    return {k: load(v) for k, v in data.items()}
