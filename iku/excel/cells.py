"""One Excel cell -> the text the canonical CSV holds, exactly.

Numbers: Excel keeps 15 significant digits and shows no more, so a float is rounded to 15
significant digits and written in the shortest plain decimal form (90.53, never
90.53000000000001, never 9.053E+1). Dates: openpyxl and calamine convert serial numbers with the
workbook's own epoch (1900 or 1904) and Excel's 1900 leap-year quirk, so a date cell becomes
the same calendar day, written ISO (2024-02-29). Anything a workbook can hold that a CSV
cell cannot say unambiguously (a percent-formatted number, a date typed as text, a number with
a unit) is returned as a problem code instead of a guess.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from openpyxl.cell.cell import TYPE_ERROR

NUMERIC = ("integer", "number", "year")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PLAIN_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
_NUMBER_WITH_UNIT = re.compile(r"^-?\d+([.,]\d+)?\s*(%|[^\d\s.,-].*)$")


def number_text(value: int | float) -> str:
    """Shortest plain decimal text of an Excel number (15 significant digits, as Excel)."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    shortest = repr(value)  # the shortest text that reads back as this float
    if "e" not in shortest and "n" not in shortest and len(shortest.lstrip("-").replace(".", "").lstrip("0")) <= 15:
        return shortest  # at most 15 significant digits: already what the rounding below gives
    exact = Decimal(format(value, ".15g"))
    if exact == 0:
        return "0"
    return format(exact.normalize(), "f")


def cell_text(value: object, data_type: str, number_format: str, field: dict) -> tuple[str, str | None, str]:
    """(CSV text, problem code or None, the value as the staff member sees it)."""
    kind = field.get("type", "string")
    if value is None:
        return "", None, ""
    if data_type == TYPE_ERROR:
        return "", "angka_galat", str(value)
    if isinstance(value, bool):
        return _boolean_text(value, field), None, str(value)
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        if kind in NUMERIC:
            return "", "angka_tanggal", day.isoformat()
        return day.isoformat(), None, day.isoformat()
    if isinstance(value, dt.time | dt.timedelta):
        return str(value), None, str(value)
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return "", "angka_galat", str(value)
        text = number_text(value)
        if kind == "date":
            return "", "tanggal_angka", text
        if kind in NUMERIC and "%" in (number_format or ""):
            return "", "angka_persen", number_text(value * 100) + "%"
        return text, None, text
    text = str(value).strip()
    if kind == "date" and text and not _ISO_DATE.match(text):
        return "", "tanggal_teks", text
    if kind in NUMERIC and text:
        if _NUMBER_WITH_UNIT.match(text):
            return "", "angka_bersatuan", text
        if not _PLAIN_NUMBER.match(text):
            return "", "angka_teks", text
        return text.replace(",", "."), None, text
    return text, None, text


def _boolean_text(value: bool, field: dict) -> str:
    choices = [str(c).lower() for c in field.get("constraints", {}).get("enum", [])]
    if {"ya", "tidak"} <= set(choices):
        return "ya" if value else "tidak"
    return "true" if value else "false"
