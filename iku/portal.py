"""The pipeline in one place: load → validate → compute. The site adapters call `build`."""

from __future__ import annotations

from pathlib import Path

from iku.compute import Portal, compute
from iku import load as _load
from iku import validate as _validate
from iku.load import fingerprint, load, read_files
from iku.problems import DataError
from iku.schema import IKU, TARGET
from iku.validate import validate

TABLE_PATHS = {spec.name: spec.path for spec in (IKU, TARGET)}  # the registers: from datapackage.yaml

# One computation per data state: the hook and the macros ask for the same data root during a
# build, and `mkdocs serve` asks again after every edit; the fingerprint tells them apart.
_cache: dict[tuple[str, str], Portal] = {}


def check(root: Path, files: dict[str, bytes] | None = None):
    """Load and validate only; returns (typed data or None, every problem found)."""
    raw = load(Path(root), TABLE_PATHS, files)
    valid = validate(raw)
    return valid, raw.problems


def compute_from(root: Path, files: dict[str, bytes]) -> Portal:
    """The portal for a data root held in memory; DataError listing every problem if invalid."""
    valid, problems = check(root, files)
    if valid is None:
        raise DataError(problems)
    return compute(valid)


def build(root: Path) -> Portal:
    """Compute the portal from a data root on disk (cached per data state)."""
    root = Path(root).resolve()
    if not root.is_dir():
        raise DataError(check(root)[1])
    files = read_files(root)
    key = (str(root), fingerprint(files))
    if key not in _cache:
        portal = compute_from(root, files)
        _cache.clear()
        _cache[key] = portal
    return _cache[key]


def forget() -> None:
    """Drop what the pipeline keeps for the next call (files parsed, tables checked, the portal):
    for a command that checks once and then needs the memory, as `iku impor` before it writes."""
    _load.read_csv.cache_clear()
    _validate.forget()
    _cache.clear()


def current() -> Portal:
    """The portal computed by the latest `build` call (the site adapters share it)."""
    if not _cache:
        raise RuntimeError("build() has not run yet")
    return next(iter(_cache.values()))
