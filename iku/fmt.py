"""Indonesian number and date formats (1.234,5; 4 April 2023) and the rounding rule."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

from iku import bahasa

DASH = "–"


def round_half_up(value: float, places: int = 2) -> float:
    """Round as people do on paper (2,345 -> 2,35), not banker's rounding on binary floats."""
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def number(value: float | int | None, places: int = 2) -> str:
    """1234.5 -> '1.234,5'; trailing zeros after the comma are dropped; None -> '–'."""
    if value is None:
        return DASH
    pattern = "#,##0" + ("." + "#" * places if places else "")
    return format_decimal(round_half_up(float(value), places), format=pattern, locale=bahasa.babel_locale())


# Units that name the kind of figure rather than a quantity: "84,72", not "84,72 indeks".
DIMENSIONLESS_UNITS = {"indeks", "nilai", "skor"}


def with_unit(value: float | None, unit: str, places: int = 2) -> str:
    if value is None:
        return DASH
    text = number(value, places)
    if unit == "%":
        return f"{text}%"
    return text if unit in DIMENSIONLESS_UNITS else f"{text} {bahasa.d(unit)}"


def date(value: dt.date | None) -> str:
    """date(2023, 4, 4) -> '4 April 2023'."""
    if value is None:
        return DASH
    return format_date(value, "d MMMM y", locale=bahasa.babel_locale())
