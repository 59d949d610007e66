"""The auditor's trail, read from git: which commit last changed each file and register row,
every data commit with the published figures it changed (recomputed at both commits), and
official releases (tags `rilis/<name>`) with the figures they reported.

Git is read through its command line; nothing here writes to the repository. Without git
(a tarball, a folder copy) the trail says so and the rest of the portal still builds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from iku import history_start
from iku.compare import FigureChange, FigureTable, diff_figures
from iku.gitread import UNCOMMITTED, Commit, Git, Objects
from iku.history_start import Scope
from iku.trail_figures import FigureCache, TrailFigures, prefill

RELEASE_PREFIX = "rilis/"


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
    first: bool = False  # the office's first data commit: nothing was published before it


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
    scope: Scope = field(default_factory=Scope)  # which commits are this office's (iku.history_start)

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


# The last trail of each data folder, for `mkdocs serve`: a rebuild after an edit that made no
# commit reuses everything read from commits (immutable) and re-blames only the edited files.
_remembered: dict[tuple[str, str], tuple[str, Trail, dict[str, bytes]]] = {}


# Until the registers were declared in datapackage.yaml, their declaration was code, and iku.csv
# named parameters that code supplied. Data committed before then has no descriptor: it is
# recomputed with the descriptor and iku.csv of the first commit that has one (the same registers
# and formulas, written as data; tests/test_hasil_tetap.py shows they give the same figures).
DECLARATIONS = ("datapackage.yaml", "iku.csv")


def declarations_bridge(git: Git, folder: str, scope: Scope | None = None) -> dict[str, bytes]:
    first = git.commits("--reverse", "HEAD", *(scope.log_args() if scope else ()), "--", f"{folder}/datapackage.yaml".lstrip("/"))
    if not first:
        return {}
    files = git.files_at(first[0].sha, folder)
    return {name: files[name] for name in DECLARATIONS if name in files}


def files_with_declarations(files: dict[str, bytes], bridge: dict[str, bytes]) -> dict[str, bytes]:
    return files if "datapackage.yaml" in files or not bridge else {**files, **bridge}


def read_trail(data_root: Path, cache_dir: Path | None = None, remember: bool = False) -> Trail:
    git = Git.find(data_root)
    if git is None:
        return Trail(False, "Riwayat tidak tersedia: situs ini dibangun tanpa riwayat git "
                            "(misalnya dari arsip .zip/.tar.gz atau salinan folder). Angka tetap dihitung dari data yang ada.")
    folder = Path(data_root).resolve().relative_to(git.repo.resolve()).as_posix()
    # What the committed part depends on: HEAD, the release tags (each with its object id), and
    # which office the profile names and where it says its history begins.
    instansi = history_start.profile(data_root)
    state = git.text("for-each-ref", "--format=%(refname) %(objectname)", f"refs/tags/{RELEASE_PREFIX}")
    state += git.text("rev-parse", "HEAD") + repr((instansi.get("nama"), history_start.declared(instansi)))
    previous = _remembered.get((str(git.repo), folder)) if remember else None
    if previous is not None and previous[0] == state:
        _, known, blamed = previous
        trail = Trail(True, known.notice, known.head, known.shallow, known.entries, known.releases, known.release_figures,
                      known.file_commits, cache_stats=(0, 0), scope=known.scope)
    else:
        scope = history_start.scope(git, folder, instansi)
        bridge = declarations_bridge(git, folder, scope)
        trail, blamed = _committed(git, folder, FigureCache(cache_dir, bridge), bridge, scope), {}
    contents, known_lines = {}, previous[1].line_commits if previous else {}
    for path in git.text("ls-files", "--", folder).splitlines():
        rel = Path(path).relative_to(folder).as_posix()
        if rel.endswith(".csv"):
            contents[rel] = (git.repo / path).read_bytes() if (git.repo / path).is_file() else b""
            unchanged = rel in known_lines and blamed.get(rel) == contents[rel]
            trail.line_commits[rel] = known_lines[rel] if unchanged else {
                line: trail.scope.mask(commit) for line, commit in git.blame(path).items()}
    if remember:
        _remembered[(str(git.repo), folder)] = (state, trail, contents)
    if not trail.entries and not trail.file_commits and not trail.notice:
        trail.notice = ("Folder data ini belum pernah di-commit ke git, sehingga belum ada riwayat. "
                        "Riwayat muncul setelah commit pertama.")
    return trail


def owned_releases(git: Git, folder: str, scope: Scope) -> list[Release]:
    """The office's releases (tags rilis/…), oldest first: a tag on another office's commit (the
    one a fork started from) is that office's release, not this one's."""
    tags = git.text("tag", "--list", f"{RELEASE_PREFIX}*", "--format=%(refname:strip=2)").split()
    releases = (Release(t.removeprefix(RELEASE_PREFIX), git.commit(f"{t}^{{commit}}")) for t in tags)
    return sorted((r for r in releases if history_start.owned(git, scope, folder, r.commit)), key=lambda r: (r.commit.time, r.name))


def _committed(git: Git, folder: str, cache: FigureCache, bridge: dict[str, bytes], scope: Scope) -> Trail:
    """Everything the trail reads from commits: data commits, releases, each file's last commit,
    each only when it is this office's (`scope`)."""
    trail = Trail(True, head=git.commit("HEAD"), scope=scope)
    trail.shallow = git.text("rev-parse", "--is-shallow-repository").strip() == "true"
    if trail.shallow:
        trail.notice = ("Riwayat terpotong: repositori ini diambil sebagian (shallow clone), sehingga "
                        "hanya commit terbaru yang terlihat. Ambil seluruh riwayat untuk daftar lengkap.")
    if scope.missing:
        trail.notice = ("Riwayat tidak ditampilkan: awal riwayat kantor ini (riwayat_mulai di instansi.yml) tidak "
                        "ditemukan di repositori ini. Ambil seluruh riwayat, atau perbaiki isian itu.")

    trail.releases = owned_releases(git, folder, scope)
    commits = [c for c in git.commits("--no-merges", "HEAD", *scope.log_args(), "--", folder) if scope.owns(c)]
    # A parent of another office is no "before": the office's first commit publishes its first figures.
    parents = {c.sha: c.parents[0] for c in commits if c.parents and history_start.owned(git, scope, folder, c.parents[0])}
    # The data folder's tree at every commit and release, in one call; equal trees are equal data.
    trees = git.trees(sorted({c.sha for c in commits} | set(parents.values()) | {r.commit.sha for r in trail.releases}), folder)
    with Objects(git.repo) as objects:
        figures = TrailFigures(objects, folder, cache, bridge)
        prefill(figures, git.repo, [trees[sha] for c in commits for sha in (c.sha, parents.get(c.sha)) if sha])
        releases_at: dict[str, list[str]] = {}
        for release in trail.releases:
            releases_at.setdefault(release.commit.sha, []).append(release.name)
            # What a release reported is shown on the IKU pages: always recomputed, never from disk.
            trail.release_figures[release.name] = figures.at(trees[release.commit.sha], use_disk=False) or {}
        for commit in commits:
            after = figures.at(trees[commit.sha])
            parent = parents.get(commit.sha)
            before = figures.at(trees[parent]) if parent else {}
            trail.entries.append(HistoryEntry(commit, tuple(diff_figures(before or {}, after or {})), after is not None,
                                              tuple(releases_at.get(commit.sha, ())), first=parent is None))

    for path in git.text("ls-files", "--", folder).splitlines():
        history = git.commits("-1", "HEAD", *scope.log_args(), "--", path)
        if history and scope.owns(history[0]):
            trail.file_commits[Path(path).relative_to(folder).as_posix()] = history[0]
    trail.cache_stats = (cache.hits, cache.misses)
    return trail

