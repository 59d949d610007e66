"""Two register workbooks compared as Excel shows them: sheets, cell values and types, number
formats, fonts and fills, validations, comments, frozen panes and column widths (tests only)."""

from __future__ import annotations

from openpyxl import load_workbook


def _validations(sheet) -> list[tuple]:
    return sorted((str(v.sqref), v.type, v.operator or (None if v.type in (None, "list") else "between"), v.formula1, v.formula2,
                   bool(v.allow_blank), bool(v.showInputMessage), bool(v.showErrorMessage), v.promptTitle, v.prompt,
                   v.errorTitle, v.error, v.errorStyle or "stop") for v in sheet.data_validations.dataValidation)


def describe(path) -> dict:
    """Everything a staff member meets in the workbook, as plain values."""
    workbook = load_workbook(path)
    result = {"sheets": workbook.sheetnames}
    for sheet in workbook.worksheets:
        cells = {}
        for row in sheet.iter_rows():
            for c in row:
                if c.value in (None, "") and not c.comment:
                    continue
                cells[c.coordinate] = (c.value, c.data_type, c.number_format, bool(c.font.b), c.font.sz if c.font.sz != 11 else None,
                                       c.fill.fgColor.rgb[-6:] if c.fill.fill_type == "solid" else None,
                                       bool(c.alignment.wrap_text), c.alignment.vertical,
                                       (c.comment.text, c.comment.author) if c.comment else None)
        # Width as Excel shows it: XlsxWriter stores Excel's 0.71 character padding, openpyxl does not.
        widths = {column: int(d.width) for d in sheet.column_dimensions.values() if d.width
                  for column in range(d.min, d.max + 1)}
        formats = {column: d.number_format for d in sheet.column_dimensions.values()
                   for column in range(d.min, d.max + 1) if d.number_format != "General"}
        result[sheet.title] = {"cells": cells, "validations": _validations(sheet), "freeze": sheet.freeze_panes,
                               "widths": widths, "column formats": formats}
    return result


def differences(old, new) -> list[str]:
    """Human-readable differences between two workbooks (empty when they are the same to Excel)."""
    a, b = describe(old), describe(new)
    found = [f"sheets {a['sheets']} != {b['sheets']}"] if a["sheets"] != b["sheets"] else []
    for title in (s for s in a["sheets"] if s in b["sheets"]):
        for part in ("validations", "freeze", "widths", "column formats"):
            if a[title][part] != b[title][part]:
                found.append(f"{title} {part}: {a[title][part]} != {b[title][part]}")
        for place in sorted(set(a[title]["cells"]) | set(b[title]["cells"])):
            if a[title]["cells"].get(place) != b[title]["cells"].get(place):
                found.append(f"{title}!{place}: {a[title]['cells'].get(place)} != {b[title]['cells'].get(place)}")
    return found
