"""The auditor's trail, read from git: which commit last changed each file and register row,
every data commit with the published figures it changed (recomputed at both commits), and
official releases (tags `rilis/<name>`) with the figures they reported.

Git is read through its command line; nothing here writes to the repository. Without git
(a tarball, a folder copy) the trail says so and the rest of the portal still builds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from iku.compare import FigureChange, FigureTable, diff_figures, figure_table
from iku.portal import compute_from
from iku.problems import DataError

RELEASE_PREFIX = "rilis/"
CODE_DIR = Path(__file__).parent
# Bump when the meaning of a cached figure table changes in a way the code hash cannot see.
CACHE_FORMAT = "1"


@dataclass(frozen=True)
class Commit:
    sha: str
    time: int  # seconds since the epoch, as git records the author date
    author: str
    subject: str
    parents: tuple[str, ...] = ()

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def date(self) -> dt.date:
        return dt.datetime.fromtimestamp(self.time, dt.timezone.utc).date()


UNCOMMITTED = Commit("0" * 40, 0, "", "belum di-commit")


@dataclass(frozen=True)
class Release:
    name: str  # without the rilis/ prefix, e.g. lkjip-2024
    commit: Commit


@dataclass(frozen=True)
class HistoryEntry:
    commit: Commit
    changes: tuple[FigureChange, ...]
    valid: bool  # whether the data at this commit passed the checks
    releases: tuple[str, ...] = ()  # releases tagged on this commit


@dataclass(frozen=True)
class Revision:
    """A figure that differs from what the latest release including it reported."""

    release: str
    figure: str
    reported: float | str | None
    now: float | str | None


@dataclass
class Trail:
    available: bool
    notice: str = ""
    head: Commit | None = None
    shallow: bool = False
    entries: list[HistoryEntry] = field(default_factory=list)
    releases: list[Release] = field(default_factory=list)
    release_figures: dict[str, FigureTable] = field(default_factory=dict)
    file_commits: dict[str, Commit] = field(default_factory=dict)  # data-relative path -> last commit
    line_commits: dict[str, dict[int, Commit]] = field(default_factory=dict)  # path -> CSV line -> commit
    cache_stats: tuple[int, int] = (0, 0)  # figure tables found in the cache, computed

    def rows_commit(self, path: str, lines: list[int]) -> Commit | None:
        """The newest commit among those that last touched these lines of a file."""
        commits = [self.line_commits.get(path, {}).get(line) for line in lines]
        known = [c for c in commits if c is not None]
        if any(c is UNCOMMITTED for c in known):
            return UNCOMMITTED
        return max(known, key=lambda c: c.time, default=None)

    def last_change(self, paths: list[str] | None = None) -> Commit | None:
        """The newest commit that changed these data files (all data files when None)."""
        chosen = self.file_commits.values() if paths is None else [self.file_commits[p] for p in paths if p in self.file_commits]
        return max(chosen, key=lambda c: c.time, default=None)

    def revisions(self, code: str, year: int, current: dict | None) -> list[Revision]:
        """Changes of a figure since the latest release that reported it."""
        for release in reversed(self.releases):  # oldest first in the list: walk back from the newest
            reported = self.release_figures.get(release.name, {}).get((code, year))
            if reported is None or reported.get("realisasi") is None:
                continue
            return [
                Revision(release.name, name, reported.get(name), (current or {}).get(name))
                for name in ("target", "realisasi", "capaian", "kategori")
                if reported.get(name) != (current or {}).get(name)
            ]
        return []


class Git:
    def __init__(self, repo: Path):
        self.repo = Path(repo)

    def __call__(self, *args: str, input: bytes | None = None) -> bytes:
        return subprocess.run(["git", "-C", str(self.repo), *args], input=input, capture_output=True, check=True).stdout

    def text(self, *args: str) -> str:
        return self(*args).decode("utf-8", errors="replace")

    @classmethod
    def find(cls, path: Path) -> "Git | None":
        try:
            top = subprocess.run(["git", "-C", str(path), "rev-parse", "--show-toplevel"], capture_output=True, check=True, text=True)
            git = cls(Path(top.stdout.strip()))
            git("rev-parse", "--verify", "HEAD")
            return git
        except (OSError, subprocess.CalledProcessError):
            return None

    def commit(self, rev: str) -> Commit:
        sha, time, author, subject = self.text("log", "-1", "--format=%H%x1f%at%x1f%an%x1f%s", rev, "--").rstrip("\n").split("\x1f")
        return Commit(sha, int(time), author, subject)

    def commits(self, *args: str) -> list[Commit]:
        out = self.text("log", "--format=%H%x1f%at%x1f%an%x1f%s%x1f%P%x1e", *args)
        commits = []
        for record in out.split("\x1e"):
            record = record.strip("\n")
            if record:
                sha, time, author, subject, parents = record.split("\x1f")
                commits.append(Commit(sha, int(time), author, subject, tuple(parents.split())))
        return commits

    def trees(self, revs: list[str], folder: str) -> dict[str, str | None]:
        """The tree id of `folder` at each revision, in one call per 500 revisions."""
        trees: dict[str, str | None] = {}
        for start in range(0, len(revs), 500):
            chunk = revs[start:start + 500]
            out = subprocess.run(["git", "-C", str(self.repo), "rev-parse", *[f"{r}:{folder}" for r in chunk]],
                                 capture_output=True, text=True)
            ids = out.stdout.split()
            if out.returncode == 0 and len(ids) == len(chunk):
                trees.update(zip(chunk, ids))
            else:  # some revision lacks the folder: ask one by one
                trees.update((r, self.tree(r, folder)) for r in chunk)
        return trees

    def files_at(self, rev: str, folder: str) -> dict[str, bytes]:
        """Every file under `folder` at `rev`, keyed by path relative to the folder."""
        listing = self("ls-tree", "-r", "-z", f"{rev}:{folder}").split(b"\0")
        entries = [e.decode().split("\t", 1) for e in listing if e]
        blobs = [(meta.split()[2], name) for meta, name in entries if meta.split()[1] == "blob"]
        if not blobs:
            return {}
        out = self("cat-file", "--batch", input=b"".join(sha.encode() + b"\n" for sha, _ in blobs))
        files, offset = {}, 0
        for _, name in blobs:
            header_end = out.index(b"\n", offset)
            size = int(out[offset:header_end].split()[2])
            files[name] = out[header_end + 1: header_end + 1 + size]
            offset = header_end + 1 + size + 1
        return files

    def tree(self, rev: str, folder: str) -> str | None:
        try:
            return self.text("rev-parse", f"{rev}:{folder}").strip()
        except subprocess.CalledProcessError:
            return None

    def blame(self, path: str) -> dict[int, Commit]:
        """Working-tree lines of a file -> the commit that last changed each (UNCOMMITTED if none)."""
        out = self.text("blame", "--porcelain", "--", path)
        lines: dict[int, Commit] = {}
        known: dict[str, Commit] = {}
        info: dict[str, str] = {}
        current = None
        for line in out.splitlines():
            if line.startswith("\t"):
                continue
            parts = line.split(" ")
            if len(parts) >= 3 and len(parts[0]) == 40 and all(c in "0123456789abcdef" for c in parts[0]):
                current, final_line = parts[0], int(parts[2])
                lines[final_line] = current  # resolved below, once the commit's headers are read
                info = {}
            elif current is not None:
                key, _, value = line.partition(" ")
                info[key] = value
                if key == "summary" and current not in known:
                    known[current] = (UNCOMMITTED if set(current) == {"0"} else
                                      Commit(current, int(info.get("author-time", 0)), info.get("author", ""), value))
        return {n: known.get(sha, UNCOMMITTED) for n, sha in lines.items()}


def code_fingerprint() -> str:
    """Cached results are valid only for the code that computed them."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for path in sorted(CODE_DIR.rglob("*")):
        if path.suffix in (".py", ".yml") and path.is_file():
            digest.update(path.relative_to(CODE_DIR).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


class FigureCache:
    """Figure tables per data tree (git's tree id of the data folder), in memory and on disk."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.code = code_fingerprint()
        self.memory: dict[str, FigureTable | None] = {}
        self.hits = self.misses = 0

    def _path(self, tree: str) -> Path | None:
        return None if self.folder is None else self.folder / f"{self.code}-{tree}.json"

    def get(self, tree: str, compute) -> FigureTable | None:
        if tree in self.memory:
            self.hits += 1
            return self.memory[tree]
        path = self._path(tree)
        if path is not None and path.exists():
            self.hits += 1
            stored = json.loads(path.read_text(encoding="utf-8"))
            table = None if stored is None else {(r["kode"], int(r["tahun"])): r for r in stored}
        else:
            self.misses += 1
            table = compute()
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                records = None if table is None else [table[k] for k in sorted(table)]
                path.write_text(json.dumps(records, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        self.memory[tree] = table
        return table


# Until the registers were declared in datapackage.yaml, their declaration was code, and iku.csv
# named parameters that code supplied. Data committed before then has no descriptor: it is
# recomputed with the descriptor and iku.csv of the first commit that has one (the same registers
# and formulas, written as data; tests/test_hasil_tetap.py shows they give the same figures).
DECLARATIONS = ("datapackage.yaml", "iku.csv")


def declarations_bridge(git: Git, folder: str) -> dict[str, bytes]:
    first = git.commits("--reverse", "HEAD", "--", f"{folder}/datapackage.yaml".lstrip("/"))
    if not first:
        return {}
    files = git.files_at(first[0].sha, folder)
    return {name: files[name] for name in DECLARATIONS if name in files}


def files_with_declarations(files: dict[str, bytes], bridge: dict[str, bytes]) -> dict[str, bytes]:
    return files if "datapackage.yaml" in files or not bridge else {**files, **bridge}


def figures_at(git: Git, rev: str, folder: str, cache: FigureCache, tree: str | None = "",
               bridge: dict[str, bytes] | None = None) -> FigureTable | None:
    """The published figures of the data at a commit; None when that data did not pass the checks."""
    tree = git.tree(rev, folder) if tree == "" else tree
    if tree is None:
        return {}

    def compute() -> FigureTable | None:
        try:
            return figure_table(compute_from(Path(folder), files_with_declarations(git.files_at(rev, folder), bridge or {})))
        except DataError:
            return None

    return cache.get(tree, compute)


def read_trail(data_root: Path, cache_dir: Path | None = None) -> Trail:
    git = Git.find(data_root)
    if git is None:
        return Trail(False, "Riwayat tidak tersedia: situs ini dibangun tanpa riwayat git "
                            "(misalnya dari arsip .zip/.tar.gz atau salinan folder). Angka tetap dihitung dari data yang ada.")
    folder = Path(data_root).resolve().relative_to(git.repo.resolve()).as_posix()
    cache = FigureCache(cache_dir)
    bridge = declarations_bridge(git, folder)
    trail = Trail(True, head=git.commit("HEAD"))
    trail.shallow = git.text("rev-parse", "--is-shallow-repository").strip() == "true"
    if trail.shallow:
        trail.notice = ("Riwayat terpotong: repositori ini diambil sebagian (shallow clone), sehingga "
                        "hanya commit terbaru yang terlihat. Ambil seluruh riwayat untuk daftar lengkap.")

    tags = git.text("tag", "--list", f"{RELEASE_PREFIX}*", "--format=%(refname:strip=2)").split()
    trail.releases = sorted((Release(t.removeprefix(RELEASE_PREFIX), git.commit(f"{t}^{{commit}}")) for t in tags),
                            key=lambda r: (r.commit.time, r.name))
    releases_at: dict[str, list[str]] = {}
    for release in trail.releases:
        releases_at.setdefault(release.commit.sha, []).append(release.name)
        trail.release_figures[release.name] = figures_at(git, release.commit.sha, folder, cache, bridge=bridge) or {}

    commits = git.commits("--no-merges", "HEAD", "--", folder)
    parents = {c.sha: c.parents[0] for c in commits if c.parents}
    trees = git.trees(sorted({c.sha for c in commits} | set(parents.values())), folder)
    for commit in commits:
        after = figures_at(git, commit.sha, folder, cache, trees[commit.sha], bridge)
        parent = parents.get(commit.sha)
        before = figures_at(git, parent, folder, cache, trees[parent], bridge) if parent else {}
        trail.entries.append(HistoryEntry(commit, tuple(diff_figures(before or {}, after or {})), after is not None,
                                          tuple(releases_at.get(commit.sha, ()))))

    for path in git.text("ls-files", "--", folder).splitlines():
        rel = Path(path).relative_to(folder).as_posix()
        history = git.commits("-1", "HEAD", "--", path)
        if history:
            trail.file_commits[rel] = history[0]
        if rel.endswith(".csv"):
            trail.line_commits[rel] = git.blame(path)
    if not trail.entries and not trail.file_commits and not trail.notice:
        trail.notice = ("Folder data ini belum pernah di-commit ke git, sehingga belum ada riwayat. "
                        "Riwayat muncul setelah commit pertama.")
    trail.cache_stats = (cache.hits, cache.misses)
    return trail
