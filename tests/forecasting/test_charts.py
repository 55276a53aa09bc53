from datetime import date, timedelta
from decimal import Decimal

from adapters.forecasting import charts


def test_the_chart_is_a_png_with_history_and_band():
    hist = [(date(2024, 1, 1) + timedelta(days=i), Decimal(i % 5)) for i in range(30)]
    fc = [{"date": date(2024, 1, 31) + timedelta(days=i), "qty": 2.0, "q10": 1.0, "q90": 3.5} for i in range(7)]
    png = charts.chart_png(history=hist, forecast=fc, title="可乐 未来一周预测", unit="瓶")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000


def test_an_empty_chart_still_renders():
    assert charts.chart_png(history=[], forecast=[], title="")[:4] == b"\x89PNG"
