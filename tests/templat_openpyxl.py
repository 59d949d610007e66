"""The register workbook as openpyxl wrote it before issue 24 (normal mode, every cell in
memory): the reference the streaming writer is compared with, cell by cell (tests only).
The rules (texts, limits, typed values) are shared; what is compared is what each writer puts
in the file."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from iku.excel import template as t
from iku.excel.petunjuk import GUIDE_SHEET, HEADINGS, steps
from iku.excel.registers import fields, key


def workbook(resources: list[dict], csvs: dict[str, bytes], years, office: str = "") -> bytes:
    book = Workbook()
    guide = book.active
    guide.title = GUIDE_SHEET
    guide.append(["Petunjuk pengisian register" + (f" {office}" if office else "")])
    guide["A1"].font = Font(bold=True, size=14)
    guide.append([])
    for line in steps(resources):
        guide.append([line])
        if line in HEADINGS:
            guide.cell(row=guide.max_row, column=1).font = Font(bold=True)
    for resource in resources:
        guide.append([f"• {resource['name']}: {resource.get('description') or resource.get('title', '')}"])
    guide.column_dimensions["A"].width = 120
    for row in guide.iter_rows():
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    for resource in resources:
        _register(book.create_sheet(resource["name"][:31]), resource, csvs.get(resource["path"], b""), years)
    raw = io.BytesIO()
    book.save(raw)
    return raw.getvalue()


def _register(sheet, resource: dict, content: bytes, years) -> None:
    columns = fields(resource)
    keys = set(key(resource))
    sheet.freeze_panes = "A2"
    for index, field in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=field["name"])
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=(t.KEY_FILL if field["name"] in keys else t.HEADER_FILL)[1:])
        cell.comment = Comment(t._header_note(field, field["name"] in keys, years), t.AUTHOR, width=320, height=160)
    widths = [max(len(f["name"]), 12 if f["type"] in ("date", "number") else 8) for f in columns]
    for row_number, record in enumerate(t._csv_records(content, [f["name"] for f in columns]), start=2):
        for index, (field, text) in enumerate(zip(columns, record), start=1):
            cell = sheet.cell(row=row_number, column=index, value=t.typed_value(text, field))
            cell.number_format = t.number_format(field["type"])
            widths[index - 1] = max(widths[index - 1], min(len(text), 60))
    for index, field in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = widths[index - 1] + 3
        sheet.column_dimensions[letter].number_format = t.number_format(field["type"])
        validation = _validation(field, years)
        validation.add(f"{letter}2:{letter}{t.LAST_ROW}")
        sheet.add_data_validation(validation)


def _validation(field: dict, years) -> DataValidation:
    constraints = field.get("constraints", {})
    low, high = t._limits(field, years)
    options: dict = {}
    if constraints.get("enum"):
        options = {"type": "list", "formula1": '"' + ",".join(map(str, constraints["enum"])) + '"'}
    elif field["type"] in ("integer", "year", "number"):
        options = {"type": "whole" if field["type"] != "number" else "decimal", **_range(low, high)}
    elif field["type"] == "date":
        options = {"type": "date", "operator": "between", "formula1": "DATE(1990,1,1)", "formula2": "DATE(2099,12,31)"}
    elif t.text_length(field):
        shortest, longest = t.text_length(field)
        options = {"type": "textLength", "operator": "between", "formula1": str(shortest), "formula2": str(longest)}
    message = t.rule_text(field, years)
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
