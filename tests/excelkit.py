"""Workbooks for the `iku impor` tests, made by the tests themselves: the template of the
sample data, edited with openpyxl as a staff member would edit it in Excel, or raw bytes for
files openpyxl cannot make (old .xls, password-protected, damaged). No binary fixture is stored."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from iku.excel.commands import register_workbook

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def template(data_root: Path, target: Path) -> Path:
    target.write_bytes(register_workbook(data_root))
    return target


def edit(path: Path, change) -> Path:
    """Open the workbook, let `change(workbook)` edit it, save it back."""
    workbook = load_workbook(path)
    change(workbook)
    workbook.save(path)
    return path


def last_row(sheet) -> int:
    return max(r for r in range(1, sheet.max_row + 1) if any(c.value is not None for c in sheet[r]))


def column(sheet, name: str) -> str:
    """The letter of the column headed `name` (the template's order is the declaration's)."""
    return next(c.column_letter for c in sheet[1] if c.value == name)


def put(path: Path, sheet: str, name: str, value, row: int = 2, number_format: str | None = None) -> Path:
    def change(workbook):
        cell = workbook[sheet][f"{column(workbook[sheet], name)}{row}"]
        cell.value = value
        if number_format:
            cell.number_format = number_format
    return edit(path, change)


def set_cached_value(path: Path, sheet_index: int, coordinate: str, cached: str) -> Path:
    """Give a formula cell the value Excel would have stored with it (openpyxl writes formulas
    without one): the cell's <v></v> in the sheet's XML gets `cached`."""
    name = f"xl/worksheets/sheet{sheet_index}.xml"
    with zipfile.ZipFile(path) as source:
        entries = {info.filename: source.read(info.filename) for info in source.infolist()}
    xml = entries[name].decode()
    start = xml.index(f'<c r="{coordinate}"')
    end = xml.index("</c>", start)
    cell = xml[start:end].replace("<v></v>", f"<v>{cached}</v>").replace("<v />", f"<v>{cached}</v>")
    if f"<v>{cached}</v>" not in cell:
        cell = cell + f"<v>{cached}</v>"
    entries[name] = (xml[:start] + cell + xml[end:]).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for filename, content in entries.items():
            target.writestr(filename, content)
    path.write_bytes(buffer.getvalue())
    return path


def ole_file(path: Path, encrypted: bool) -> Path:
    """The start of an OLE2 compound file, as Excel 97-2003 (.xls) and password-protected
    .xlsx files are: signature, header, and a directory entry naming the main stream."""
    stream = "EncryptedPackage" if encrypted else "Workbook"
    header = OLE_SIGNATURE + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"\x00" * 478
    entry = stream.encode("utf-16-le").ljust(64, b"\x00") + (len(stream) * 2 + 2).to_bytes(2, "little") + b"\x02" + b"\x00" * 61
    path.write_bytes(header + entry + b"\x00" * 1024)
    return path
