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


def plain_number(value: float, places: int = 4) -> str:
    """Without thousands separators, for years and figures inside a worked sum: 2023,6667; -0 shows as 0."""
    rounded = round_half_up(float(value), places) + 0.0  # + 0.0: no "-0"
    return format_decimal(rounded, format="0." + "#" * places, locale=bahasa.babel_locale())


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


_ID_UNITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas")
_EN_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
             "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def words(count: int) -> str:
    """A count in words, as a sentence writes it: 6 -> 'enam' ('six'); 21 -> 'dua puluh satu'
    ('twenty-one'). From 100 on, digits (1.234), as Indonesian style guides write large counts."""
    if not 0 <= count < 100:
        return number(count, 0)
    if bahasa.current() == "en":
        if count < 20:
            return _EN_UNITS[count]
        tens, units = divmod(count, 10)
        return _EN_TENS[tens] + (f"-{_EN_UNITS[units]}" if units else "")
    if count < 12:
        return _ID_UNITS[count]
    if count < 20:
        return f"{_ID_UNITS[count - 10]} belas"
    tens, units = divmod(count, 10)
    return f"{_ID_UNITS[tens]} puluh" + (f" {_ID_UNITS[units]}" if units else "")
