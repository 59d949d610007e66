"""Stage 1, load: read a data root into memory, as text, exactly once.

Every file is read as bytes (which also gives the data fingerprint), then decoded and split
into cells. Cells stay strings here; types are the validator's business. Anything that makes
a file unreadable becomes a `Problem`, never an exception.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from iku.messages import problem
from iku.problems import Problem

CSV_SUFFIX = ".csv"
_EXCEL_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


@dataclass
class Decree:
    path: str
    meta: dict
    body: str
    body_line: int = 1  # line of the file where the body starts, for messages


@dataclass
class RawData:
    root: Path
    files: dict[str, bytes]
    instansi: dict = field(default_factory=dict)
    skala: dict = field(default_factory=dict)
    terjemahan: dict = field(default_factory=dict)  # optional: English for data strings
    paket: dict = field(default_factory=dict)  # datapackage.yaml: the registers' descriptor
    decrees: list[Decree] = field(default_factory=list)
    # name of the table (iku, target, or a register) -> cells as strings, indexed by CSV line number
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @cached_property  # hashing every file once per data state, however often it is asked
    def fingerprint(self) -> str:
        return fingerprint(self.files)

    def label(self, rel: str) -> str:
        return display_path(self.root, rel)


def display_path(root: Path, rel: str) -> str:
    """How a staff member finds the file: relative to where they run the command, if inside it
    (so `data/register/<register>.csv` also matches the path GitHub shows), else `<folder>/<file>`."""
    return _display_path(str(root), rel, os.getcwd())


@lru_cache(maxsize=1024)  # resolving paths asks the file system; the Riwayat asks for every commit
def _display_path(root: str, rel: str, cwd: str) -> str:
    try:
        return (Path(root).resolve() / rel).relative_to(Path(cwd).resolve()).as_posix()
    except ValueError:
        return f"{Path(root).name}/{rel}"


def read_files(root: Path) -> dict[str, bytes]:
    """All files under the data root, keyed by POSIX path relative to it, in a stable order."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def fingerprint(files: dict[str, bytes]) -> str:
    """SHA-256 over every file's path and content: changes whenever any data changes."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def normalise_header(name: str) -> str:
    return re.sub(r"\s+", "_", name.strip().lower())


def decode(path: str, content: bytes) -> tuple[str | None, list[Problem]]:
    if not content.strip():
        return None, [problem("berkas_kosong", path, None, None)]
    if content.startswith(_EXCEL_SIGNATURES):
        return None, [problem("berkas_excel", path, None, None)]
    try:
        return content.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        return None, [problem("bukan_utf8", path, line, None)]


def sniff_delimiter(first_line: str) -> str:
    # Excel in Indonesian locale saves with ';' because ',' is the decimal separator.
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _explain_csv_error(text: str) -> str:
    if "unexpected end of data" in text:
        return "tanda kutip \" dibuka tetapi tidak ditutup"
    if "expected after" in text:
        return "setelah tanda kutip penutup harus langsung ada pemisah kolom"
    return text


# Files from this size on are read by pandas' C reader when they are plain (see _plain_frame).
PLAIN_READER_BYTES = 256 << 10
# text.splitlines()[0] without splitting the whole text: every line boundary splitlines knows
_FIRST_LINE = re.compile("[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]*")
_FIELD_LIMIT = 131072  # the csv module's longest cell; a longer line goes to the exact reader


def _plain_frame(content: bytes, text: str, delimiter: str) -> pd.DataFrame | None:
    """The frame `read_csv` makes, by pandas' C reader (about 10× faster, and it stores each
    repeated text of a column once), for a plain file: no quote, no NUL, no lone CR, no line
    with more cells than the header, no line longer than a cell may be, a header on line 1.
    For such a file the csv module's record k is line k split at the delimiter, so the result
    is the same frame; None for any other file, which the exact reader then reads."""
    if '"' in text or "\0" in text or ("\r" in text and "\r" in text.replace("\r\n", "")):
        return None
    if not _header_line(text).strip():
        return None
    width = _header_line(text).count(delimiter) + 1
    data = np.frombuffer(content, dtype=np.uint8)
    ends = np.flatnonzero(data == 10)
    bounds = np.concatenate(([-1], ends, [len(data)]))
    if np.diff(bounds).max() > _FIELD_LIMIT:
        return None
    cells = np.searchsorted(np.flatnonzero(data == ord(delimiter)), bounds)
    if np.diff(cells).max() + 1 > width:  # cells beyond the header: the exact reader names them
        return None
    frame = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, names=range(width), dtype=str, na_filter=False,
                        skip_blank_lines=False, quoting=csv.QUOTE_NONE, engine="c", index_col=False)
    frame = frame.iloc[1:]  # record k of the file is line k: the header, then one row per line
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    frame = frame.apply(lambda column: column.str.strip())
    frame = frame[(frame != "").any(axis=1)]
    return frame if len(frame) else None


def _header_line(text: str) -> str:
    end = text.find("\n")
    return (text if end < 0 else text[:end]).rstrip("\r")


@lru_cache(maxsize=64)  # the same bytes read again (e.g. in many commits of the history) parse once
def read_csv(path: str, content: bytes) -> tuple[pd.DataFrame | None, list[Problem]]:
    text, problems = decode(path, content)
    if text is None:
        return None, problems
    delimiter = sniff_delimiter(_FIRST_LINE.match(text).group() if text and not text.isspace() else "")
    plain = _plain_frame(content, text, delimiter) if len(content) >= PLAIN_READER_BYTES else None
    if plain is not None:
        return _from_plain(path, text, delimiter, plain)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records, lines = [], []
    record_start = 1  # a quoted cell may span lines: report where the broken record began
    try:
        header = [normalise_header(h) for h in next(reader)]
        record_start = reader.line_num + 1
        for cells in reader:
            if any(c.strip() for c in cells):
                records.append(cells)
                lines.append(reader.line_num)
            record_start = reader.line_num + 1
    except csv.Error as exc:
        return None, [problem("csv_rusak", path, record_start, None, detail=_explain_csv_error(str(exc)))]

    # Excel leaves empty columns on the right when cells there were once touched.
    while header and header[-1] == "" and all(len(r) < len(header) or not r[len(header) - 1].strip() for r in records):
        header.pop()
    problems += _header_problems(path, header)

    width = len(header)
    rows = []
    for line, cells in zip(lines, records):
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            problems.append(problem("sel_berlebih", path, line, None, value=len(cells), expected=width))
        cells = [c.strip() for c in cells[:width]] + [""] * max(0, width - len(cells))
        rows.append(cells)
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(lines, name="baris"), dtype=str)
    if any(p.code in ("judul_kosong", "judul_ganda") for p in problems):
        return None, problems
    return frame, problems


def _header_problems(path: str, header: list[str]) -> list[Problem]:
    """An empty or repeated column title, named at row 1 (both readers)."""
    problems = [problem("judul_kosong", path, 1, f"kolom ke-{i + 1}") for i, name in enumerate(header) if name == ""]
    seen = set()
    for name in header:
        if name and name in seen:
            problems.append(problem("judul_ganda", path, 1, name))
        seen.add(name)
    return problems


def _from_plain(path: str, text: str, delimiter: str, frame: pd.DataFrame) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The header's checks of `read_csv` on a frame from `_plain_frame`."""
    header = [normalise_header(h) for h in _header_line(text).split(delimiter)]
    # Excel leaves empty columns on the right when cells there were once touched.
    while header and header[-1] == "" and not frame[len(header) - 1].ne("").any():
        header.pop()
    frame = frame.iloc[:, :len(header)]
    problems = _header_problems(path, header)
    if problems:
        return None, problems
    frame.columns = pd.Index(header)
    frame.index = pd.Index(frame.index.to_numpy(dtype=np.int64), name="baris")
    return frame, problems


# libyaml when PyYAML has it (it ships in the wheels): the same result, many times faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=32)
def read_yaml(path: str, content: bytes) -> tuple[dict | None, list[Problem]]:
    text, problems = decode(path, content)
    if text is None:
        return None, problems
    try:
        value = yaml.load(text, Loader=YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        return None, [problem("yaml_rusak", path, line, None)]
    if not isinstance(value, dict):
        return None, [problem("yaml_rusak", path, None, None)]
    return value, []


def read_decree(path: str, content: bytes) -> tuple[Decree | None, list[Problem]]:
    text, problems = decode(path, content)
    if text is None:
        return None, problems
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", text.replace("\r\n", "\n"), re.S)
    if not match:
        return None, [problem("metadata_hilang", path, 1, None)]
    meta, meta_problems = read_yaml(path, match.group(1).encode())
    if meta is None:
        return None, meta_problems
    # "---", the front matter's lines, "---": the body starts on the line after.
    return Decree(path, meta, match.group(2), body_line=match.group(1).count("\n") + 4), []


def register_paths(descriptor: dict) -> dict[str, str]:
    """Register name -> path as the descriptor declares them (read leniently: the validator checks it)."""
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    return {r["name"]: r["path"] for r in (resources if isinstance(resources, list) else [])
            if isinstance(r, dict) and isinstance(r.get("name"), str) and isinstance(r.get("path"), str)}


def load(root: Path, table_paths: dict[str, str], files: dict[str, bytes] | None = None) -> RawData:
    """Read the data root. `table_paths` maps the portal's own table names -> path (from `iku.schema`);
    the registers' paths come from the root's datapackage.yaml.
    `files`, when given, is the root's content already in memory (e.g. read from a git commit)."""
    root = Path(root)
    if files is None:
        if not root.is_dir():
            return RawData(root, {}, problems=[problem("folder_tidak_ada", str(root), None, None)])
        files = read_files(root)
    data = RawData(root, files)

    label = data.label
    for key in ("instansi", "skala"):
        rel = f"{key}.yml"
        if rel not in files:
            data.problems.append(problem("berkas_tidak_ada", label(rel), None, None))
            continue
        value, problems = read_yaml(label(rel), files[rel])
        data.problems += problems
        setattr(data, key, value or {})

    if "terjemahan.yml" in files:
        value, problems = read_yaml(label("terjemahan.yml"), files["terjemahan.yml"])
        data.problems += problems
        data.terjemahan = value or {}

    if "datapackage.yaml" in files:
        value, problems = read_yaml(label("datapackage.yaml"), files["datapackage.yaml"])
        data.problems += problems
        data.paket = value or {}
    table_paths = {**register_paths(data.paket), **table_paths}

    for rel in (r for r in files if r.startswith("keputusan/") and r.endswith(".md")):
        decree, problems = read_decree(label(rel), files[rel])
        data.problems += problems
        if decree:
            data.decrees.append(decree)

    known = set(table_paths.values())
    for name, rel in table_paths.items():
        if rel not in files:
            continue  # whether a missing table matters is decided by the validator
        frame, problems = read_csv(label(rel), files[rel])
        data.problems += problems
        if frame is not None:
            data.tables[name] = frame
    for rel in files:
        if rel.endswith(CSV_SUFFIX) and rel not in known:
            data.problems.append(problem("berkas_tidak_dikenal", label(rel), None, None))
    return data
