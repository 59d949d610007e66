"""Validation problems as data: a stable code, a location, and a message in Indonesian.

Checks *return* problems and never print, so the same list feeds the build, the
`iku periksa` command and the tests (which assert on code and position, not wording).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from iku.pribadi import redact


class Severity(str, Enum):
    ERROR = "galat"
    WARNING = "peringatan"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        # Whatever rule wrote the message, a NIK, phone number or e-mail in it is shown masked;
        # so is the column, which is a header as written (someone may type a NIK into row 1).
        object.__setattr__(self, "message", redact(self.message))
        if self.column:
            object.__setattr__(self, "column", redact(self.column))

    def location(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(str(self.row))
        if self.column:
            parts.append(self.column)
        return ":".join(parts)

    def __str__(self) -> str:
        prefix = "" if self.severity is Severity.ERROR else "peringatan: "
        return f"{self.location()}: {prefix}{self.message}"


class DataError(Exception):
    """Raised when the data root has errors; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_reading_order)
        super().__init__(format_report(self.problems))


def _reading_order(problem: Problem) -> tuple:
    return (problem.file, problem.row or 0, problem.column or "", problem.code)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def format_report(problems: list[Problem]) -> str:
    if not problems:
        return "Semua data valid."
    n_err = len(errors(problems))
    n_warn = len(problems) - n_err
    lines = [str(p) for p in sorted(problems, key=_reading_order)]
    summary = f"Ditemukan {n_err} kesalahan"
    if n_warn:
        summary += f" dan {n_warn} peringatan"
    summary += " pada data. Perbaiki semuanya, lalu jalankan pemeriksaan lagi."
    return "\n".join([summary, *lines])
