"""Workbooks (workflows.exports) written as .xlsx files with openpyxl: a bold, frozen header row, money with two
decimals, dates as dates, a bold total row, and columns wide enough for their Chinese text."""
from __future__ import annotations

import io
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from workflows import exports

MONEY = "#,##0.00"
DAY = "yyyy-mm-dd"
MINUTE = "yyyy-mm-dd hh:mm"
WIDEST = 40   # characters a column grows to at most
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def to_xlsx(book: exports.Workbook) -> bytes:
    # imported on the first export, not at start-up (openpyxl takes ~150 ms to import)
    from openpyxl import Workbook as XlsxBook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = XlsxBook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for sheet in book.sheets:
        ws = wb.create_sheet(_BAD_TITLE.sub("_", sheet.title)[:31] or "Sheet")
        ws.append(sheet.header)
        for cell in ws[1]:
            cell.font = bold
        rows = [*sheet.rows, sheet.total] if sheet.total is not None else sheet.rows
        for row in rows:
            ws.append([_cell(v) for v in row])
        if sheet.total is not None:
            for cell in ws[ws.max_row]:
                cell.font = bold
        widths = [_width(h) for h in sheet.header]
        for r, row in enumerate(rows, start=2):
            for c, v in enumerate(row):
                cell = ws.cell(row=r, column=c + 1)
                if c in sheet.money and v is not None:
                    cell.number_format = MONEY
                elif isinstance(v, datetime):
                    cell.number_format = MINUTE
                elif isinstance(v, date):
                    cell.number_format = DAY
                widths[c] = max(widths[c], _width(v))
        for c, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = min(w + 2, WIDEST)
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(v: Any) -> Any:
    """Decimals as numbers Excel keeps exactly enough (openpyxl writes Decimal as its text), the rest as they are."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() and abs(v) < 10 ** 15 else float(v)
    return v


def _width(v: Any) -> int:
    """Display width of a value: a CJK character takes two columns."""
    if v is None:
        return 0
    if isinstance(v, datetime):
        return 16
    if isinstance(v, date):
        return 10
    text = str(v)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
