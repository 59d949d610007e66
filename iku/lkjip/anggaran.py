"""LKjIP Bab III B, Realisasi Anggaran: from the budget register the descriptor declares.

datapackage.yaml may name one of its registers as the budget register, and which of its columns
hold what (a register of any shape can serve):

    anggaran:
      register: anggaran        # a resource of this descriptor
      program: kegiatan         # programme or activity name
      pagu: pagu                # number columns
      realisasi: realisasi
      sasaran: kode_iku         # optional: the IKU whose sasaran the programme serves
      satuan: juta rupiah       # optional, printed with the figures (bawaan: rupiah)

Without it, the report says that no budget register is declared.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from iku.fmt import round_half_up
from iku.load import read_yaml

KEY = "anggaran"
COLUMN_ROLES = ("program", "pagu", "realisasi", "sasaran")


@dataclass(frozen=True)
class Declaration:
    register: str
    program: str
    pagu: str
    realisasi: str
    sasaran: str | None
    satuan: str


@dataclass(frozen=True)
class Line:
    program: str
    sasaran: tuple[str, ...]  # IKU codes the programme's rows name
    pagu: float
    realisasi: float

    @property
    def absorption(self) -> float | None:
        """Serapan (%): realisasi / pagu × 100."""
        return round_half_up(self.realisasi / self.pagu * 100) if self.pagu else None


def declared(descriptor: dict) -> dict | None:
    """The `anggaran` block as written, or None when the descriptor has none."""
    value = descriptor.get(KEY) if isinstance(descriptor, dict) else None
    return value if isinstance(value, dict) else None


def declaration(files: dict[str, bytes]) -> Declaration | None:
    """The checked declaration of a data root (its problems are `periksa`'s to report)."""
    if "datapackage.yaml" not in files:
        return None
    descriptor, _ = read_yaml("datapackage.yaml", files["datapackage.yaml"])
    block = declared(descriptor or {})
    if block is None or not all(isinstance(block.get(k), str) for k in ("register", "program", "pagu", "realisasi")):
        return None
    return Declaration(block["register"], block["program"], block["pagu"], block["realisasi"],
                       block.get("sasaran") if isinstance(block.get("sasaran"), str) else None,
                       str(block.get("satuan") or "rupiah"))


def lines(table: pd.DataFrame, decl: Declaration, year: int) -> list[Line]:
    """The year's programmes in register order, rows of the same programme added together."""
    rows = table[table["tahun"] == year]
    out: dict[str, dict] = {}
    for _, row in rows.iterrows():
        name = str(row[decl.program])
        entry = out.setdefault(name, {"sasaran": [], "pagu": 0.0, "realisasi": 0.0})
        entry["pagu"] += float(row[decl.pagu]) if pd.notna(row[decl.pagu]) else 0.0
        entry["realisasi"] += float(row[decl.realisasi]) if pd.notna(row[decl.realisasi]) else 0.0
        if decl.sasaran and pd.notna(row[decl.sasaran]) and str(row[decl.sasaran]) not in entry["sasaran"]:
            entry["sasaran"].append(str(row[decl.sasaran]))
    return [Line(name, tuple(e["sasaran"]), round_half_up(e["pagu"]), round_half_up(e["realisasi"])) for name, e in out.items()]
