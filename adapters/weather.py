"""Weather feed from a CSV file (date,location,rain_mm,temp_c) or an HTTP URL returning the same CSV."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path


class CsvWeather:
    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.days: dict[tuple[str, str], tuple[float, float | None]] = {}
        for r in rows:
            rain = float(r.get("rain_mm") or 0)
            temp = float(r["temp_c"]) if r.get("temp_c") else None
            self.days[(r["date"], r.get("location") or "*")] = (rain, temp)

    @classmethod
    def from_file(cls, path: Path) -> CsvWeather:
        return cls(list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig")))))

    @classmethod
    def from_url(cls, url: str) -> CsvWeather:
        import httpx
        return cls(list(csv.DictReader(io.StringIO(httpx.get(url, timeout=10).text))))

    def day(self, location: str | None, d: date) -> tuple[float, float | None] | None:
        return self.days.get((d.isoformat(), location or "*")) or self.days.get((d.isoformat(), "*"))

    def rain_days_ahead(self, location: str | None, start: datetime) -> int:
        """Consecutive rainy days (≥ 1 mm) starting today."""
        n = 0
        d = start.date()
        while True:
            day = self.day(location, d)
            if day is None or day[0] < 1:
                return n
            n += 1
            d += timedelta(days=1)

    def temperature(self, location: str | None, at: datetime) -> float | None:
        day = self.day(location, at.date())
        return day[1] if day else None
