"""`iku templat`: a workbook that already knows the registers' rules.

One sheet per register, generated from the Frictionless resources (`iku.excel.registers`)
and filled with the rows already in the register, after a first sheet "Petunjuk". Excel's own
data validation stops most mistakes at the keyboard; `iku impor` checks everything again.
The file is byte-identical for the same data: timestamps come from SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re._parser as regex_parser  # to learn the text length a pattern allows
import zipfile
from decimal import Decimal, InvalidOperation

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from iku.excel.petunjuk import write_guide
from iku.excel.registers import fields, key

DATE_FORMAT = "yyyy-mm-dd"  # the same text a CSV holds, and unambiguous in every Excel locale
TEXT_FORMAT = "@"  # text cells keep "001" and "3.10" as typed
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
KEY_FILL = PatternFill("solid", fgColor="FCE4D6")
LAST_ROW = 1_048_576
AUTHOR = "iku templat"
_TYPE_WORDS = {"string": "teks", "integer": "bilangan bulat", "number": "angka (boleh desimal)",
               "year": "tahun empat angka", "date": "tanggal", "boolean": "ya atau tidak"}


def build_workbook(resources: list[dict], csvs: dict[str, bytes], years: tuple[int, int] | None, office: str = "") -> Workbook:
    """The template as an openpyxl Workbook. `csvs` maps a resource path to its current bytes."""
    workbook = Workbook()
    write_guide(workbook.active, resources, office)
    for resource in resources:
        sheet = workbook.create_sheet(resource["name"][:31])
        _write_register(sheet, resource, csvs.get(resource["path"], b""), years)
    return workbook


def _write_register(sheet, resource: dict, content: bytes, years: tuple[int, int] | None) -> None:
    columns = fields(resource)
    keys = set(key(resource))
    sheet.freeze_panes = "A2"
    for index, field in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=field["name"])
        cell.font = Font(bold=True)
        cell.fill = KEY_FILL if field["name"] in keys else HEADER_FILL
        cell.comment = Comment(_header_note(field, field["name"] in keys, years), AUTHOR, width=320, height=160)
    widths = [max(len(f["name"]), 12 if f["type"] in ("date", "number") else 8) for f in columns]
    for row_number, record in enumerate(_csv_records(content, [f["name"] for f in columns]), start=2):
        for index, (field, text) in enumerate(zip(columns, record), start=1):
            cell = sheet.cell(row=row_number, column=index, value=typed_value(text, field))
            cell.number_format = _number_format(field)
            widths[index - 1] = max(widths[index - 1], min(len(text), 60))
    for index, field in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = widths[index - 1] + 3
        sheet.column_dimensions[letter].number_format = _number_format(field)  # also for rows typed later
        validation = data_validation(field, years)
        validation.add(f"{letter}2:{letter}{LAST_ROW}")
        sheet.add_data_validation(validation)


def _csv_records(content: bytes, names: list[str]) -> list[list[str]]:
    """The register's rows as text, in the CSV's order and the declaration's column order."""
    text = content.decode("utf-8-sig", errors="replace")
    if not text.strip():
        return []
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = [h.strip() for h in rows[0]]
    where = {name: header.index(name) for name in names if name in header}
    return [[r[where[n]].strip() if n in where and where[n] < len(r) else "" for n in names]
            for r in rows[1:] if any(c.strip() for c in r)]


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


def _number_format(field: dict) -> str:
    return {"date": DATE_FORMAT, "integer": "0", "year": "0", "number": "General"}.get(field["type"], TEXT_FORMAT)


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


def data_validation(field: dict, years: tuple[int, int] | None) -> DataValidation:
    """Excel's own check for one column, with an Indonesian input message and error."""
    constraints = field.get("constraints", {})
    low, high = _limits(field, years)
    options: dict = {}
    if constraints.get("enum"):
        options = {"type": "list", "formula1": '"' + ",".join(map(str, constraints["enum"])) + '"'}
    elif field["type"] in ("integer", "year", "number"):
        options = {"type": "whole" if field["type"] != "number" else "decimal", **_range(low, high)}
    elif field["type"] == "date":
        options = {"type": "date", "operator": "between", "formula1": "DATE(1990,1,1)", "formula2": "DATE(2099,12,31)"}
    elif text_length(field):
        shortest, longest = text_length(field)
        options = {"type": "textLength", "operator": "between", "formula1": str(shortest), "formula2": str(longest)}
    message = rule_text(field, years)
    return DataValidation(allow_blank=not constraints.get("required"), showInputMessage=True, showErrorMessage=bool(options),
                          promptTitle=field["name"][:32], prompt=message[:255], errorTitle="Isian tidak sesuai aturan",
                          error=("Isian ini tidak sesuai aturan kolom " + field["name"] + ". " + message)[:255],
                          errorStyle="stop", **options)


def _range(low, high) -> dict:
    if low is not None and high is not None:
        return {"operator": "between", "formula1": str(low), "formula2": str(high)}
    if low is not None:
        return {"operator": "greaterThanOrEqual", "formula1": str(low)}
    if high is not None:
        return {"operator": "lessThanOrEqual", "formula1": str(high)}
    return {"operator": "between", "formula1": "-1E+15", "formula2": "1E+15"}


def source_date() -> dt.datetime:
    """The build's fixed time (SOURCE_DATE_EPOCH), so two builds of one commit are identical."""
    return dt.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "0")), dt.timezone.utc).replace(tzinfo=None)


def workbook_bytes(workbook: Workbook) -> bytes:
    """Save without the clock: openpyxl stamps the save time into docProps/core.xml and every
    zip entry; both are set from SOURCE_DATE_EPOCH instead."""
    when = source_date()
    workbook.properties.created = workbook.properties.modified = when
    workbook.properties.creator = workbook.properties.lastModifiedBy = AUTHOR
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()  # save_workbook() would overwrite `modified` with now
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]  # zip dates start in 1980
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, entry.external_attr
            target.writestr(info, source.read(entry.filename))
    return fixed.getvalue()
