"""The demo tenant: a restaurant chain (2 stores, 1 warehouse, 30 products, a few weeks of sales)."""
from __future__ import annotations

import csv
import io
import math
import random
import secrets
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from adapters import importer, passwords
from adapters.db import tables as t

DATA = Path(__file__).parent / "demo"
ORDER = ("locations", "partners", "users", "products", "stock")


def sales_rows(now: datetime, *, days: int = 28, seed: int = 7) -> list[dict[str, str]]:
    """Deterministic daily sales with a weekly pattern for the two stores."""
    rng = random.Random(seed)
    products = list(csv.DictReader((DATA / "products.csv").open(encoding="utf-8")))
    rows = []
    for i in range(days, 0, -1):
        day = (now - timedelta(days=i)).date()
        weekend = 1.4 if day.weekday() >= 5 else 1.0
        for loc in ("NS", "FT"):
            for p in products:
                base = float(p["safety_stock"]) / 4
                lam = base * weekend * (1.2 if loc == "NS" else 0.9)
                q = max(0, round(rng.gauss(lam, math.sqrt(max(lam, 1)))))
                if q:
                    rows.append({"date": day.isoformat(), "location": loc, "sku": p["sku"], "qty": str(q)})
    return rows


def import_sales(uow: Any, *, now: datetime) -> None:
    """The demo stores' last 28 days of sales (``sales_rows``), through the sales importer."""
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "sales.csv"
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=["date", "location", "sku", "qty"])
        w.writeheader()
        w.writerows(sales_rows(now))
        f.write_text(buf.getvalue(), encoding="utf-8")
        importer.import_file(uow, "sales", f, now=now)


def run(uow_factory: Callable[..., Any], *, now: datetime, force: bool, echo: Callable[[str], None]) -> bool:
    with uow_factory() as uow:
        if uow.catalog.products() and not force:
            echo("demo data already present; nothing seeded (use --force to re-import)")
            return False
        for kind in ORDER:
            importer.import_file(uow, kind, DATA / f"{kind}.csv", now=now)
        import_sales(uow, now=now)
        creds = []
        for user in uow.catalog.users():
            pw = secrets.token_urlsafe(9)
            row: t.AppUser = uow.catalog.user_row(user.username)
            row.password_hash = passwords.hash_password(pw)
            uow.catalog.s.add(row)
            creds.append((user.username, user.display_name, user.role.value, pw))
        uow.commit()
    echo("Demo tenant seeded. Passwords (shown once, store them now):")
    for username, name, role, pw in creds:
        echo(f"  {username:10} {name:8} {role:10} {pw}")
    return True
