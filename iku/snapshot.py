"""The snapshot of one office kept by a gathering portal: FOLDER/<slug>/ holds the four files the
office published (exactly as fetched and verified), status.json (where from, when the figures
were fetched, and why the last attempt failed, if it did) and riwayat.json (every change in the
figures between two snapshots). Nothing here uses the network (see iku.ambil) and the files
change only when the office's publication or its failure changes, so a gathering repository's
pull request shows exactly what changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from referencing import Registry
from referencing.exceptions import NoSuchResource

from iku import identitas
from iku.compare import diff_figures

PUBLISHED = ("datapackage.json", "hasil.json", "hasil.schema.json", "SHA256SUMS")
STATUS, HISTORY = "status.json", "riwayat.json"
UNREACHABLE, REFUSED = "tidak_terjangkau", "ditolak"

# What the gathering reads from hasil.json, whatever version of the portal published it.
_NUMBER = {"type": ["number", "null"]}
_TEXT = {"type": ["string", "null"], "maxLength": 500}
GATHERED_SCHEMA = {
    "type": "object",
    "required": ["instansi", "kabupaten", "data_contoh", "hasil"],
    "properties": {
        "instansi": {"type": "string", "minLength": 1, "maxLength": 300},
        "kabupaten": {"type": "string", "minLength": 1, "maxLength": 300},
        "data_contoh": {"type": "boolean"},
        "hasil": {"type": "array", "maxItems": 5000, "items": {
            "type": "object", "required": ["kode", "tahun", "realisasi", "satuan"],
            "properties": {"kode": {"type": "string", "minLength": 1, "maxLength": 40},
                           "tahun": {"type": "integer", "minimum": 1900, "maximum": 2200},
                           "target": _NUMBER, "realisasi": _NUMBER, "capaian": _NUMBER,
                           "kategori": _TEXT, "satuan": {"type": "string", "maxLength": 100}, "kelas_nilai": _TEXT}}},
    },
}


class Invalid(Exception):
    """What the office published fails a check; the message says which, in Indonesian."""


def _refuse_remote(uri: str):
    raise NoSuchResource(ref=uri)  # a schema may not make the gatherer fetch anything


def _sums(text: bytes) -> dict[str, str]:
    listed = {}
    for line in text.decode("utf-8", "replace").splitlines():
        match = re.fullmatch(r"([0-9a-f]{64}) [ *](.+)", line.strip())
        if match:
            listed[match[2]] = match[1]
    return listed


def _json(files: dict[str, bytes], name: str):
    try:
        return json.loads(files[name].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Invalid(f"{name} bukan JSON yang sah") from None


_GATHERED = Draft202012Validator(GATHERED_SCHEMA)


@lru_cache(maxsize=64)  # offices running the same portal version publish the same schema: checked once
def _validator(schema_bytes: bytes) -> Draft202012Validator:
    """The office's hasil.schema.json, checked against the JSON Schema metaschema (about 40 ms)."""
    schema = _json({"hasil.schema.json": schema_bytes}, "hasil.schema.json")
    if not isinstance(schema, dict):
        raise Invalid("hasil.schema.json bukan objek JSON")
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError:
        raise Invalid("hasil.schema.json bukan JSON Schema yang sah") from None
    return Draft202012Validator(schema, registry=Registry(retrieve=_refuse_remote))


def check_listed(files: dict[str, bytes], names) -> None:
    """Each of `names` is listed in files["SHA256SUMS"] with its own hash."""
    listed = _sums(files["SHA256SUMS"])
    for name in names:
        if name not in listed:
            raise Invalid(f"{name} tidak tercantum di SHA256SUMS")
        if hashlib.sha256(files[name]).hexdigest() != listed[name]:
            raise Invalid(f"{name} tidak cocok dengan SHA256SUMS (berkas berubah setelah diterbitkan)")


def verify(files: dict[str, bytes], own_schema: bool = True, gathered: bool = True) -> None:
    """Every file against SHA256SUMS, hasil.json against its own schema and GATHERED_SCHEMA. The build
    reads snapshots checked when fetched: it checks the hashes, and the schemas only for a hasil.json
    other than the one status.json says was checked (about 3 ms an office)."""
    check_listed(files, PUBLISHED[:-1])
    package, results = _json(files, "datapackage.json"), _json(files, "hasil.json")
    if not isinstance(package, dict):
        raise Invalid("datapackage.json bukan objek JSON")
    checkers = [(_validator(files["hasil.schema.json"]), "hasil.schema.json")] if own_schema else []
    for checker, against in checkers + ([(_GATHERED, "aturan portal gabungan")] if gathered else []):
        try:
            error = next(iter(checker.iter_errors(results)), None)
        except Exception as exc:  # e.g. a $ref to another address: never fetched, so unusable
            raise Invalid(f"hasil.schema.json tidak dapat dipakai ({type(exc).__name__})") from None
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "(akar)"
            raise Invalid(f"hasil.json tidak sesuai {against} di {where} ({error.validator})")


def _write(path: Path, content: bytes) -> None:
    partial = path.with_name(path.name + ".baru")
    partial.write_bytes(content)
    os.replace(partial, path)


def _dump(document) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _read_json(path: Path, default):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def figure_table(results: dict) -> dict:
    return {(r["kode"], int(r["tahun"])): r for r in results.get("hasil", [])}


def unchanged(folder: Path, files: dict[str, bytes]) -> bool:
    """The office publishes exactly the snapshot it has (already verified when it was stored)."""
    return all((folder / name).is_file() and (folder / name).read_bytes() == content for name, content in files.items())


def store(folder: Path, office, files: dict[str, bytes], now: str) -> str:
    """Replace the snapshot with verified files: 'baru', 'berubah' or 'sama' (nothing written
    but a cleared failure)."""
    folder.mkdir(parents=True, exist_ok=True)
    status = _read_json(folder / STATUS, {})
    old = {name: (folder / name).read_bytes() for name in PUBLISHED if (folder / name).is_file()}
    checked = hashlib.sha256(files["hasil.json"]).hexdigest()
    if old == files:
        if status.get("gagal") or status.get("url") != office.url or status.get("sha256_hasil") != checked:
            _write(folder / STATUS, _dump({**status, "url": office.url, "gagal": None, "sha256_hasil": checked}))
        return "sama"
    before = figure_table(json.loads(old["hasil.json"])) if "hasil.json" in old else None
    after_doc = json.loads(files["hasil.json"])
    changes = diff_figures(before or {}, figure_table(after_doc))
    for name in PUBLISHED:
        _write(folder / name, files[name])
    package = json.loads(files["datapackage.json"])
    who = package.get(identitas.IDENTITY_KEY) or {}
    if before is None or changes:
        history = _read_json(folder / HISTORY, [])
        history.append({"diambil": now, "commit": who.get("commit"), "sidik_data": after_doc.get("sidik_data_sha256"),
                        "pertama": before is None,
                        "perubahan": [] if before is None else [
                            {"kode": c.code, "tahun": c.year, "angka": c.figure, "sebelum": c.before, "sesudah": c.after, "satuan": c.unit}
                            for c in changes]})
        _write(folder / HISTORY, _dump(history))
    _write(folder / STATUS, _dump({"slug": office.slug, "url": office.url, "nama": office.name, "kabupaten": office.region,
                                   "diambil": now, "gagal": None, "sha256_hasil": checked}))
    return "baru" if before is None else "berubah"


def record_failure(folder: Path, office, kind: str, reason: str, now: str) -> None:
    """The last good snapshot stays; status.json says what failed and since when (unchanged while
    the same failure repeats)."""
    folder.mkdir(parents=True, exist_ok=True)
    status = _read_json(folder / STATUS, {})
    failure = status.get("gagal") or {}
    if failure.get("jenis") != kind or failure.get("alasan") != reason:
        failure = {"jenis": kind, "alasan": reason, "sejak": now}
    status.update(slug=office.slug, url=office.url, nama=office.name, kabupaten=office.region, gagal=failure)
    status.setdefault("diambil", None)
    _write(folder / STATUS, _dump(status))


@dataclass
class Snapshot:
    """One office as the gathering build reads it (figures only when a verified snapshot exists)."""

    slug: str
    url: str
    name: str
    region: str
    province: str | None = None
    fetched: str | None = None  # when the figures shown were fetched
    failure: dict | None = None  # {jenis, alasan, sejak} of the last attempt, if it failed
    sample_data: bool = False
    identity: dict = field(default_factory=dict)
    indicators: dict = field(default_factory=dict)  # kode -> {jenis_rumus, skala, nama, satuan}
    results: list = field(default_factory=list)
    sha256: str | None = None  # of hasil.json: the figures shown
    history: list = field(default_factory=list)

    @property
    def has_figures(self) -> bool:
        return self.sha256 is not None


def load(folder: Path) -> Snapshot:
    status = _read_json(folder / STATUS, {})
    snap = Snapshot(folder.name, str(status.get("url") or ""), str(status.get("nama") or folder.name),
                    str(status.get("kabupaten") or ""), fetched=status.get("diambil"), failure=status.get("gagal"),
                    history=_read_json(folder / HISTORY, []))
    if not all((folder / name).is_file() for name in PUBLISHED):
        return snap
    files = {name: (folder / name).read_bytes() for name in PUBLISHED}
    try:
        checked = status.get("sha256_hasil") == hashlib.sha256(files["hasil.json"]).hexdigest()
        # Again: a snapshot edited by hand in the gathering repository is not shown.
        verify(files, own_schema=False, gathered=not checked)
    except Invalid as error:
        snap.failure = {"jenis": REFUSED, "alasan": f"cuplikan tidak lagi cocok: {error}", "sejak": status.get("diambil")}
        return snap
    results, package = json.loads(files["hasil.json"]), json.loads(files["datapackage.json"])
    who = package.get(identitas.IDENTITY_KEY) if isinstance(package.get(identitas.IDENTITY_KEY), dict) else {}
    snap.identity = who
    snap.name = str(who.get("nama") or results["instansi"])
    snap.region = str(who.get("kabupaten") or results["kabupaten"])
    snap.province = who.get("provinsi") if isinstance(who.get("provinsi"), str) else None
    snap.sample_data = bool(results["data_contoh"])
    snap.indicators = {str(i.get("kode")): i for i in package.get("iku", []) if isinstance(i, dict)}
    snap.results = results["hasil"]
    snap.sha256 = hashlib.sha256(files["hasil.json"]).hexdigest()
    return snap


def load_all(folder: Path) -> list[Snapshot]:
    return [load(p) for p in sorted(Path(folder).iterdir()) if p.is_dir() and (p / STATUS).is_file()]

