"""The published figures at every state of the data the Riwayat walks through, computed
incrementally: a commit that touched one register recomputes only the IKU that read it.

Two layers, neither trusted beyond what it can prove:
- in memory, each IKU's figures keyed by the git object ids of everything it reads (its
  register and every file that is not another IKU's register): content addresses, so an
  entry can only be reused for the very same bytes;
- on disk (`.cache/riwayat/`, carried between CI runs), whole figure tables keyed by the code
  and the data folder's tree id, each with a checksum of its own key and figures. An entry that
  does not match is recomputed and rewritten, so a damaged or stale cache changes nothing
  but the build time.

Data committed before the registers were declared in datapackage.yaml is read with the
declarations bridge (iku.history): that descriptor and iku.csv stand in for the missing ones,
and take part in every key like any file that is not a register.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path

from iku.compare import FigureTable, table_of
from iku.compute import indicators_from, indicator_results
from iku.export import figures_frame, indicator_figures
from iku.fscache import write_atomically
from iku.gitread import Objects
from iku.load import fingerprint
from iku.portal import check
from iku.scales import load_scales
from iku.schema import IKU

CODE_DIR = Path(__file__).parent
# Bump when the meaning of a cached figure table changes in a way the code hash cannot see.
CACHE_FORMAT = "2"


def code_fingerprint() -> str:
    """Cached results are valid only for the code that computed them."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for path in sorted(CODE_DIR.rglob("*")):
        if path.suffix in (".py", ".yml") and path.is_file():
            digest.update(path.relative_to(CODE_DIR).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _records(table: FigureTable | None) -> list[dict] | None:
    return None if table is None else [table[k] for k in sorted(table)]


def _blob_id(content: bytes) -> str:
    """The id git gives a file with these bytes (`git hash-object`)."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def _checksum(key: list[str], records: list[dict] | None) -> str:
    return hashlib.sha256(json.dumps([key, records], ensure_ascii=False, sort_keys=True).encode()).hexdigest()


class FigureCache:
    """Figure tables per data tree (git's tree id of the data folder), in memory and on disk."""

    def __init__(self, folder: Path | None, bridge: dict[str, bytes] | None = None):
        self.folder = folder
        # A tree without its own descriptor is computed with the bridge's: the key must name it.
        self.code = code_fingerprint() + ("-" + fingerprint(bridge)[:16] if bridge else "")
        self.memory: dict[str, FigureTable | None] = {}
        self.hits = self.misses = 0

    def has(self, tree: str) -> bool:
        """Whether the table is in memory or has a file on disk. The file is not read here (`get`
        reads and checks it; a damaged one is recomputed there), and nothing read from disk may
        enter memory before what a release reported is recomputed."""
        path = self._path(tree)
        return tree in self.memory or (path is not None and path.exists())

    def _path(self, tree: str) -> Path | None:
        return None if self.folder is None else self.folder / f"{self.code}-{tree}.json"

    def _stored(self, tree: str) -> tuple[bool, FigureTable | None]:
        """(found, table): found only when the entry is intact and made for this key."""
        path = self._path(tree)
        if path is None or not path.exists():
            return False, None
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            key, records = [self.code, tree], stored["angka"]
            if stored["kunci"] != key or stored["sha256"] != _checksum(key, records):
                return False, None
            return True, None if records is None else {(r["kode"], int(r["tahun"])): r for r in records}
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            return False, None

    def get(self, tree: str, compute, use_disk: bool = True) -> FigureTable | None:
        if tree in self.memory:
            self.hits += 1
            return self.memory[tree]
        found, table = self._stored(tree) if use_disk else (False, None)
        if found:
            self.hits += 1
        else:
            self.misses += 1
            table = compute()
            path = self._path(tree)
            if path is not None:
                key, records = [self.code, tree], _records(table)
                entry = {"kunci": key, "sha256": _checksum(key, records), "angka": records}
                write_atomically(path, json.dumps(entry, ensure_ascii=False, sort_keys=True))
        self.memory[tree] = table
        return table


class TrailFigures:
    """Figure tables of the data folder at many commits, read through one git process."""

    def __init__(self, objects: Objects, folder: str, cache: FigureCache, bridge: dict[str, bytes] | None = None):
        self.objects, self.folder, self.cache, self.bridge = objects, folder, cache, dict(bridge or {})
        # The bridge's files under their git blob ids: they key like any other file, and the commit
        # that adds these very files to the data folder reuses every IKU's figures.
        self._bridge = {name: _blob_id(content) for name, content in (bridge or {}).items()}
        self._bridge_bytes = {self._bridge[name]: content for name, content in (bridge or {}).items()}
        self._blobs: dict[str, bytes] = {}  # the files of the last state read (the next shares most)
        self._per_indicator: dict[tuple, list[dict]] = {}
        self.indicators_computed = 0

    def at(self, tree: str | None, use_disk: bool = True) -> FigureTable | None:
        """None when the data at that tree did not pass the checks; {} when there was no data."""
        if tree is None:
            return {}
        return self.cache.get(tree, lambda: self._compute(tree), use_disk)

    def _files(self, listing: dict[str, str]) -> dict[str, bytes]:
        known = {**self._blobs, **self._bridge_bytes}
        blobs = {blob: known[blob] if blob in known else self.objects.read(blob) for blob in set(listing.values())}
        self._blobs = blobs
        return {path: blobs[blob] for path, blob in listing.items()}

    def _compute(self, tree: str) -> FigureTable | None:
        listing = self.objects.listing(tree)
        if "datapackage.yaml" not in listing and self._bridge:
            listing = {**listing, **self._bridge}
        valid, _ = check(Path(self.folder), self._files(listing))
        if valid is None:
            return None
        scales = load_scales(valid.raw.skala)
        indicators = indicators_from(valid.tables[IKU.name], valid.registers, scales)
        # Every file that is not a register an IKU reads (iku.csv, target.csv, datapackage.yaml,
        # instansi.yml, skala.yml, …) is in every IKU's key: a change there recomputes them all.
        registers = {i.register.path for i in indicators}
        shared = tuple(sorted((path, blob) for path, blob in listing.items() if path not in registers))
        records = []
        for indicator in indicators:
            key = (indicator.code, shared, listing.get(indicator.register.path))
            if key not in self._per_indicator:
                self.indicators_computed += 1
                results = indicator_results(indicator, valid, scales)
                self._per_indicator[key] = indicator_figures(indicator, results, valid.raw.instansi)
            records += self._per_indicator[key]
        return table_of(figures_frame(records))


# Below this many states to compute, starting processes (about a second each: pandas) costs
# more than it saves.
PARALLEL_FROM = 64


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def prefill(figures: TrailFigures, repo: Path, trees: list[str], workers: int | None = None) -> None:
    """Compute the figure tables the disk cache lacks on every core before the trail reads them
    one by one. Each process takes a run of consecutive states (which share most files, so it
    reuses its own work) and writes the disk cache; this process takes the first run itself and
    reads the others' from disk, checked like any cache entry. The figures are the same as
    without it: only the time changes."""
    cache = figures.cache
    if cache.folder is None:
        return
    missing = [tree for tree in dict.fromkeys(trees) if tree is not None and not cache.has(tree)]
    workers = min(workers or available_cores(), len(missing) // (PARALLEL_FROM // 2) or 1)
    if len(missing) < PARALLEL_FROM or workers < 2:
        return
    size = -(-len(missing) // workers)
    runs = [missing[start:start + size] for start in range(0, len(missing), size)]
    try:
        with ProcessPoolExecutor(len(runs) - 1, mp_context=get_context("spawn")) as pool:
            others = [pool.submit(_fill, str(repo), figures.folder, str(cache.folder), figures.bridge, run) for run in runs[1:]]
            for tree in runs[0]:
                figures.at(tree)
            computed_elsewhere = sum(other.result() for other in others)
    except (OSError, BrokenProcessPool):
        return  # no processes here (a sandbox, memory): the trail computes the rest in this one
    # Counted as if computed here: the trail reads them from disk, which it would count as hits.
    cache.misses += computed_elsewhere
    cache.hits -= computed_elsewhere


def _fill(repo: str, folder: str, cache_folder: str, bridge: dict[str, bytes], trees: list[str]) -> int:
    """In a worker process: compute these states into the disk cache; how many were computed."""
    cache = FigureCache(Path(cache_folder), bridge)
    with Objects(Path(repo)) as objects:
        figures = TrailFigures(objects, folder, cache, bridge)
        for tree in trees:
            figures.at(tree)
    return cache.misses
