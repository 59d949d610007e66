"""`iku templat`: a workbook that already knows the registers' rules.

One sheet per register, generated from the Frictionless resources (`iku.excel.registers`)
and filled with the rows already in the register, after a first sheet "Petunjuk". Excel's own
data validation stops most mistakes at the keyboard; `iku impor` checks everything again.

XlsxWriter writes it in constant-memory mode: each row goes to disk as it is written, so a
register of 10^6 rows needs no more memory than one of ten (tests/bench/xlsx.py compares it
with openpyxl). The file is byte-identical for the same data: the document's dates come from
SOURCE_DATE_EPOCH, and every zip entry carries one fixed time and mode (`iku.reproducible.fixed_zip`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re._parser as regex_parser  # to learn the text length a pattern allows
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

import xlsxwriter

from iku.excel import xlsxrows
from iku.excel.partial import properties
from iku.excel.petunjuk import write_guide
from iku.excel.registers import fields, key
from iku.reproducible import fixed_zip, source_date

DATE_FORMAT = "yyyy-mm-dd"  # the same text a CSV holds, and unambiguous in every Excel locale
TEXT_FORMAT = "@"  # text cells keep "001" and "3.10" as typed
HEADER_FILL, KEY_FILL = "#DDEBF7", "#FCE4D6"
LAST_ROW = 1_048_576
AUTHOR = "iku templat"
_TYPE_WORDS = {"string": "teks", "integer": "bilangan bulat", "number": "angka (boleh desimal)",
               "year": "tahun empat angka", "date": "tanggal", "boolean": "ya atau tidak"}


def workbook_bytes(resources: list[dict], csvs: dict[str, bytes], years: tuple[int, int] | None, office: str = "",
                   partial: dict[str, int] | None = None) -> bytes:
    """The template's bytes. `csvs` maps a resource path to its current bytes; `partial` maps a
    register name to the one reporting year whose rows its sheet carries (the site's workbook of
    a large register, `iku.excel.commands.site_years`)."""
    partial = partial or {}
    with tempfile.TemporaryDirectory(prefix="iku-templat-") as temp:
        path = Path(temp) / "register.xlsx"
        workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": temp,
                                                    "strings_to_numbers": False, "strings_to_formulas": False,
                                                    "strings_to_urls": False})
        when = source_date()
        workbook.set_properties({"author": AUTHOR, "created": when})
        for name, year in properties(partial).items():
            workbook.set_custom_property(name, year)
        formats = _Formats(workbook)
        write_guide(workbook.add_worksheet("Petunjuk"), formats, resources, office, partial)
        for resource in resources:
            sheet = workbook.add_worksheet(resource["name"][:31])
            _write_register(sheet, formats, resource, csvs.get(resource["path"], b""), years, partial.get(resource["name"]))
        workbook.close()
        return fixed_zip(path.read_bytes(), when)


class _Formats:
    """One XlsxWriter format per look, made once per workbook."""

    def __init__(self, workbook) -> None:
        self.add = workbook.add_format
        self.number = {kind: workbook.add_format({"num_format": number_format(kind)})
                       for kind in ("date", "integer", "year", "number", "string", "boolean")}
        self.header = workbook.add_format({"bold": True, "pattern": 1, "bg_color": HEADER_FILL})
        self.key = workbook.add_format({"bold": True, "pattern": 1, "bg_color": KEY_FILL})


def _write_register(sheet, formats: _Formats, resource: dict, content: bytes, years, only_year: int | None) -> None:
    columns = fields(resource)
    keys = set(key(resource))
    year = (resource["tahun_dari"], str(only_year)) if only_year is not None else None
    records = list(_csv_records(content, [f["name"] for f in columns], year))
    widths = [max(len(f["name"]), 12 if f["type"] in ("date", "number") else 8) for f in columns]
    for record in records:
        for index, text in enumerate(record):
            widths[index] = max(widths[index], min(len(text), 60))
    cell_formats = [formats.number.get(f["type"], formats.number["string"]) for f in columns]
    # Constant-memory mode: column settings, validations and comments before the first row.
    for index, field in enumerate(columns):
        sheet.set_column(index, index, widths[index] + 3, cell_formats[index])  # also for rows typed later
        sheet.data_validation(1, index, LAST_ROW - 1, index, validation_options(field, years))
    sheet.freeze_panes(1, 0)
    for index, field in enumerate(columns):
        is_key = field["name"] in keys
        sheet.write_string(0, index, field["name"], formats.key if is_key else formats.header)
        sheet.write_comment(0, index, _header_note(field, is_key, years), {"author": AUTHOR, "width": 320, "height": 160})
    kinds = [f["type"] for f in columns]
    if xlsxrows.write_rows(sheet, records, lambda text, index: typed_value(text, columns[index]),
                           [kind == "date" for kind in kinds], cell_formats):
        return
    for row, record in enumerate(records, start=1):
        for index, text in enumerate(record):
            value = typed_value(text, columns[index])
            if value is None:
                sheet.write_blank(row, index, None, cell_formats[index])
            elif isinstance(value, str):
                sheet.write_string(row, index, value, cell_formats[index])
            elif kinds[index] == "date":
                sheet.write_datetime(row, index, value, cell_formats[index])
            else:
                sheet.write_number(row, index, value, cell_formats[index])



def _csv_records(content: bytes, names: list[str], year: tuple[str, str] | None = None):
    """The register's rows as text, in the CSV's order and the declaration's column order (one at
    a time); with `year` (column, year) only the rows of that reporting year."""
    text = content.decode("utf-8-sig", errors="replace")
    if not text.strip():
        return
    rows = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(rows)]
    where = {name: header.index(name) for name in names if name in header}
    column = where.get(year[0]) if year else None
    for r in rows:
        if column is not None and (column >= len(r) or r[column].strip()[:4] != year[1]):
            continue
        if any(c.strip() for c in r):
            yield [r[where[n]].strip() if n in where and where[n] < len(r) else "" for n in names]


def typed_value(text: str, field: dict):
    """What Excel should hold for a CSV cell: a number, a date, or the text itself when the
    text is not a valid value (so `iku impor` reports it rather than it silently vanishing)."""
    if text == "":
        return None
    kind = field["type"]
    try:
        if kind in ("integer", "year"):
            return int(text)
        if kind == "number":
            number = Decimal(text)
            return int(number) if number == number.to_integral_value() and "." not in text else float(number)
        if kind == "date":
            return dt.date.fromisoformat(text)
    except (ValueError, InvalidOperation):
        return text
    return text


def number_format(kind: str) -> str:
    return {"date": DATE_FORMAT, "integer": "0", "year": "0", "number": "General"}.get(kind, TEXT_FORMAT)


def _limits(field: dict, years: tuple[int, int] | None) -> tuple[object, object]:
    constraints = field.get("constraints", {})
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if field["type"] == "year" and years:
        low, high = years
    return low, high


def _number_words(value) -> str:
    return str(value).replace(".", ",")


def rule_text(field: dict, years: tuple[int, int] | None) -> str:
    """The column's rule in one Indonesian sentence (input message and header comment)."""
    constraints = field.get("constraints", {})
    words = [("Wajib diisi. " if constraints.get("required") else "Boleh kosong. ") + f"Isi: {_TYPE_WORDS.get(field['type'], 'teks')}"]
    if constraints.get("enum"):
        words.append("pilih dari daftar: " + ", ".join(map(str, constraints["enum"])))
    low, high = _limits(field, years)
    if low is not None and high is not None:
        words.append(f"dari {_number_words(low)} sampai {_number_words(high)}")
    elif low is not None:
        words.append(f"paling kecil {_number_words(low)}")
    elif high is not None:
        words.append(f"paling besar {_number_words(high)}")
    if field["type"] == "date":
        words.append("ketik seperti 2024-02-29")
    if field["type"] in ("integer", "number", "year"):
        words.append("angka saja, tanpa satuan atau tanda %")
    lengths = text_length(field)
    if lengths:
        words.append(f"{lengths[0]}–{lengths[1]} karakter tanpa spasi")
    return "; ".join(words) + "."


def _header_note(field: dict, is_key: bool, years) -> str:
    note = f"{field['name']}: {field.get('description', '')}\n{rule_text(field, years)}"
    if is_key:
        note += "\nKolom kunci: setiap baris harus punya isi berbeda di kolom kunci (bersama kolom kunci lain)."
    return note


def text_length(field: dict) -> tuple[int, int] | None:
    """(shortest, longest) text a `pattern` allows, when it bounds the length."""
    pattern = field.get("constraints", {}).get("pattern")
    if not pattern or field["type"] != "string":
        return None
    low, high = regex_parser.parse(pattern).getwidth()
    return (low, high) if high < regex_parser.MAXREPEAT else None


def validation_options(field: dict, years: tuple[int, int] | None) -> dict:
    """Excel's own check for one column (XlsxWriter's options), with an Indonesian input
    message and error."""
    constraints = field.get("constraints", {})
    low, high = _limits(field, years)
    options: dict = {"validate": "any"}
    if constraints.get("enum"):
        options = {"validate": "list", "source": [str(c) for c in constraints["enum"]]}
    elif field["type"] in ("integer", "year", "number"):
        options = {"validate": "integer" if field["type"] != "number" else "decimal", **_range(low, high)}
    elif field["type"] == "date":
        options = {"validate": "date", "criteria": "between", "minimum": "=DATE(1990,1,1)", "maximum": "=DATE(2099,12,31)"}
    elif text_length(field):
        shortest, longest = text_length(field)
        options = {"validate": "length", "criteria": "between", "minimum": str(shortest), "maximum": str(longest)}
    message = rule_text(field, years)
    return {**options, "ignore_blank": not constraints.get("required"), "show_input": True,
            "show_error": options["validate"] != "any", "input_title": field["name"][:32], "input_message": message[:255],
            "error_title": "Isian tidak sesuai aturan", "error_type": "stop",
            "error_message": ("Isian ini tidak sesuai aturan kolom " + field["name"] + ". " + message)[:255]}


def _range(low, high) -> dict:
    if low is not None and high is not None:
        return {"criteria": "between", "minimum": str(low), "maximum": str(high)}
    if low is not None:
        return {"criteria": ">=", "value": str(low)}
    if high is not None:
        return {"criteria": "<=", "value": str(high)}
    return {"criteria": "between", "minimum": "-1E+15", "maximum": "1E+15"}

