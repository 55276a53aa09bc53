"""Units of measure: global weight/volume units plus per-product pack units.

Every quantity is a ``Decimal`` in the product's base unit once it crosses the boundary.
"""
from __future__ import annotations

import decimal
from collections.abc import Iterable
from decimal import Decimal

from domain import errors

# dimension -> {unit name: factor to the dimension's reference unit (gram, millilitre)}
_MASS = {
    "克": Decimal(1), "g": Decimal(1), "G": Decimal(1),
    "两": Decimal(50),
    "斤": Decimal(500), "市斤": Decimal(500),
    "公斤": Decimal(1000), "千克": Decimal(1000), "kg": Decimal(1000), "KG": Decimal(1000), "Kg": Decimal(1000),
    "吨": Decimal(1000000), "t": Decimal(1000000),
}
_VOLUME = {
    "毫升": Decimal(1), "ml": Decimal(1), "mL": Decimal(1), "ML": Decimal(1),
    "升": Decimal(1000), "l": Decimal(1000), "L": Decimal(1000), "公升": Decimal(1000),
}
# a dozen of anything counted one by one (两打鸡蛋, 一打可颂), unless the product has its own 打
DOZEN = "打"
COUNTED = frozenset({"个", "只", "枚", "颗", "瓶", "罐", "听", "支", "根", "件", "块", "张", "条", "份", "盒", "袋", "包",
                     "杯", "串", "把", "片", "卷", "套", "副", "双", "对", "台", "部", "本", "顶", "节", "粒", "棵", "盆",
                     "桶", "尾"})
GLOBAL_UNITS: dict[str, tuple[str, Decimal]] = {
    **{u: ("mass", f) for u, f in _MASS.items()},
    **{u: ("volume", f) for u, f in _VOLUME.items()},
}


def dimension(unit: str) -> str | None:
    entry = GLOBAL_UNITS.get(unit)
    return entry[0] if entry else None


def pack_redefines(base_unit: str, packs: Iterable[tuple[str, Decimal]]) -> str | None:
    """The first pack named like a unit everyone knows of the base unit's kind with another size (公斤=2 for a product
    in 斤: it would redefine the kilogram), or None. 吨=1000 for a product in kg only says what everyone knows."""
    base = GLOBAL_UNITS.get(base_unit)
    for p, size in packs:
        unit = GLOBAL_UNITS.get(p)
        if unit and base and unit[0] == base[0] and unit[1] != size * base[1]:
            return p
    return None


def is_global(unit: str) -> bool:
    return unit in GLOBAL_UNITS


def factor(unit: str, *, base_unit: str, packs: dict[str, Decimal]) -> Decimal:
    """How many base units one ``unit`` is, for a product with ``base_unit`` and ``packs``.

    Raises ``errors.UnitMismatch`` when the unit does not fit the product.
    """
    if unit == "" or unit == base_unit:
        return Decimal(1)
    if unit in packs:
        return packs[unit]
    if unit == DOZEN and base_unit in COUNTED:
        return Decimal(12)
    src, dst = GLOBAL_UNITS.get(unit), GLOBAL_UNITS.get(base_unit)
    if src and dst and src[0] == dst[0]:
        return src[1] / dst[1]
    raise errors.UnitMismatch(unit=unit, base_unit=base_unit)


def to_base(qty: Decimal, unit: str, *, base_unit: str, packs: dict[str, Decimal]) -> Decimal:
    return normalize(qty * factor(unit, base_unit=base_unit, packs=packs))


MAX_QTY = Decimal("1e12")   # no real quantity is this large (a typo or garbage): refused, never recorded


def too_large(value: Decimal) -> bool:
    return abs(value) >= MAX_QTY


def normalize(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to scientific notation (1E+3 -> 1000)."""
    q = value.quantize(Decimal("0.000001")) if value.as_tuple().exponent < -6 else value  # type: ignore[operator]
    n = q.normalize()
    if n != n.to_integral_value():
        return n
    # an integer: plain digits, with room for all of them (the default 28 digits would fail on a longer one)
    return n.quantize(Decimal(1), context=decimal.Context(prec=max(28, n.adjusted() + 2)))


def parse_packs(spec: str) -> dict[str, Decimal]:
    """``箱=24|板=30`` -> {"箱": Decimal(24), "板": Decimal(30)}."""
    out: dict[str, Decimal] = {}
    for part in (spec or "").replace("，", "|").replace(",", "|").split("|"):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            raise errors.BadInput(code="bad_unit_spec", detail=part)
        name, _, val = part.partition("=")
        try:
            f = Decimal(val.strip())
        except Exception as exc:  # decimal.InvalidOperation
            raise errors.BadInput(code="bad_unit_spec", detail=part) from exc
        if f <= 0 or not f.is_finite():
            raise errors.BadInput(code="bad_unit_spec", detail=part)
        out[name.strip()] = f
    return out


def format_packs(packs: dict[str, Decimal]) -> str:
    return "|".join(f"{k}={normalize(v)}" for k, v in packs.items())


def in_packs(qty: Decimal, *, packs: dict[str, Decimal]) -> str | None:
    """A human hint like ``2箱6`` for a base quantity, in the largest pack it fills (50张 of film in 盒=10 and 箱=500:
    5盒); None if no packs, or it fills none."""
    fits = [(n, f) for n, f in packs.items() if 1 < f <= abs(qty)]
    if not fits:
        return None
    name, f = max(fits, key=lambda kv: kv[1])
    whole = int(abs(qty) // f)
    rest = normalize(abs(qty) - f * whole)
    if qty < 0:   # -2050: -2箱-50 (not -2箱+50, which is -1950)
        return f"-{whole}{name}" + (f"-{rest}" if rest else "")
    return f"{whole}{name}" + (f"+{rest}" if rest else "")
