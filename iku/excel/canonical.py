"""The canonical register CSV: UTF-8 without BOM, LF line ends, the declaration's column
order, ISO dates and dot decimals, and a stable row order, so that `git diff` after an
import shows only the rows that really changed.

Row order: rows are identified by their key (`primaryKey`). Rows already in the register keep
their place; new rows follow in key order. When the register was already in key order, the
new rows are merged into that order instead. A cell whose value did not change keeps its
exact text (64.80 stays 64.80, though Excel holds 64.8).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation

from iku.excel.registers import fields, key

NUMERIC = ("integer", "number", "year")


def _same_value(old: str, new: str, kind: str) -> bool:
    if old == new:
        return True
    if kind in NUMERIC and old and new:
        try:
            return Decimal(old.replace(",", ".")) == Decimal(new)
        except InvalidOperation:
            return False
    return False


def key_function(resource: dict):
    """A row's key, for sorting and matching: numbers compared as numbers (2 before 10). Made once
    per register, so the key's columns are looked up once, not per row."""
    names = [f["name"] for f in fields(resource)]
    kinds = {f["name"]: f["type"] for f in fields(resource)}
    columns = [(names.index(name), kinds[name] in NUMERIC) for name in key(resource) or names]

    def sort_key_of(record: list[str]) -> tuple:
        parts = []
        for position, numeric in columns:
            text = record[position]
            try:
                parts.append((0, Decimal(text), "") if numeric else (1, Decimal(0), text))
            except InvalidOperation:
                parts.append((1, Decimal(0), text))
        return tuple(parts)
    return sort_key_of


def existing_rows(resource: dict, content: bytes) -> list[list[str]]:
    """The rows already in the register, in the declaration's column order ([] if unreadable)."""
    try:
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    except (UnicodeDecodeError, csv.Error):
        return []
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    names = [f["name"] for f in fields(resource)]
    if not set(names) <= set(header):
        return []
    where = [header.index(n) for n in names]
    return [[r[i].strip() if i < len(r) else "" for i in where] for r in rows[1:] if any(c.strip() for c in r)]


def removed_rows(resource: dict, records: list[list[str]], before: bytes) -> list[list[str]]:
    """The rows of the register (as written before) whose key is in none of `records`: what
    writing `records` would delete."""
    key_of = key_function(resource)
    incoming = {key_of(r) for r in records}
    return [r for r in existing_rows(resource, before) if key_of(r) not in incoming]


def key_text(resource: dict, record: list[str]) -> str:
    """A row named by its key, as the duplicate-key message names it: `tahun=2021, semester=I`."""
    names = [f["name"] for f in fields(resource)]
    return ", ".join(f"{name}={record[names.index(name)]}" for name in key(resource) or names)


def register_csv(resource: dict, records: list[list[str]], before: bytes) -> tuple[bytes, int, int]:
    """(the canonical CSV, how many rows are new, changed or gone, how many of them are gone)."""
    kinds = [f["type"] for f in fields(resource)]
    key_of = key_function(resource)
    old_rows = existing_rows(resource, before)
    by_key = {key_of(r): r for r in old_rows}
    incoming = {key_of(r): r for r in records}
    kept = []
    gone = changed = sum(1 for k in by_key if k not in incoming)  # deleted rows
    for k, old in by_key.items():
        if k in incoming:
            new = incoming[k]
            merged = old if old == new else [o if _same_value(o, n, kind) else n for o, n, kind in zip(old, new, kinds)]
            changed += merged != old
            kept.append(merged)
    # Each row's key is made once (a key holds a Decimal per numeric column: 10^5 rows' keys are
    # tens of MiB); keys are unique, so sorting keys sorts the rows, and a stable sort of the
    # rows by their keys is `sorted(rows, key=key_of)`.
    added_keys = sorted(k for k in incoming if k not in by_key)
    added = [incoming[k] for k in added_keys]
    del incoming, by_key
    changed += len(added)
    old_keys = [key_of(r) for r in kept]
    rows = kept + added
    if old_keys == sorted(old_keys):
        keys = old_keys + added_keys
        rows = [rows[i] for i in sorted(range(len(rows)), key=keys.__getitem__)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f["name"] for f in fields(resource)])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8"), changed, gone
