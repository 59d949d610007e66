"""Years already reported: the figures an official release (git tag `rilis/<name>`) published.

A change to such a figure is not like any other: that year's LKjIP already carries the old
number. `iku bandingkan` (the pull-request summary) lists those changes first, each with the
tag that reported it; `iku periksa` under GitHub Actions puts a warning on every register line
that moved such a figure since its release.

Which release reported a figure: the newest release (by commit time) in which that IKU and
year had a realisation, as the IKU pages' "direvisi setelah rilis …" reads it (iku.history).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from iku.compute import Portal
from iku.fmt import with_unit
from iku.gitread import Git
from iku import history_start
from iku.history import RELEASE_PREFIX, declarations_bridge, files_with_declarations, owned_releases
from iku.load import display_path
from iku.portal import build, compute_from
from iku.problems import DataError, Problem, Severity


@dataclass(frozen=True)
class Release:
    tag: str  # the whole tag name, e.g. rilis/2021
    portal: Portal  # the data folder as it was at that tag, computed


def releases(folder: Path) -> list[Release]:
    """Every release of this office in the repository holding `folder` (iku.history.owned_releases),
    oldest first, with the folder's data at that tag computed by today's code. Empty outside git,
    or when no tag holds valid data in that folder."""
    git = Git.find(folder)
    if git is None:
        return []
    rel = Path(folder).resolve().relative_to(git.repo.resolve()).as_posix()
    if rel == ".":
        rel = ""
    scope = history_start.scope(git, rel, history_start.profile(folder))
    bridge = declarations_bridge(git, rel, scope)
    found = []
    for release in owned_releases(git, rel, scope):
        try:
            files = git.files_at(release.commit.sha, rel)
        except subprocess.CalledProcessError:  # the folder did not exist at that tag
            continue
        if not files:
            continue
        try:
            found.append(Release(RELEASE_PREFIX + release.name, compute_from(Path(rel or "."), files_with_declarations(files, bridge))))
        except DataError:  # a tag on data that did not pass the checks published nothing
            continue
    return found


def reporting_release(found: list[Release]) -> dict[tuple[str, int], Release]:
    """For each (IKU, year) with a realisation in some release: the newest such release."""
    by_figure: dict[tuple[str, int], Release] = {}
    for release in found:  # oldest first: a newer release overwrites
        for code, results in release.portal.results.items():
            for result in results:
                if result.value is not None:
                    by_figure[(code, result.year)] = release
    return by_figure


def reported_tags(folder: Path) -> dict[tuple[str, int], str]:
    """(IKU, year) -> the tag that reported it, for the data folder's repository."""
    return {key: release.tag for key, release in reporting_release(releases(folder)).items()}


@dataclass(frozen=True)
class MovedLine:
    """A register line behind a reported figure that differs from what the release read."""

    path: str  # the register, relative to the data root
    line: int | None  # its line in today's file; None for a row removed since the release
    key: str  # the row's key values, e.g. TRANTIB/2021/007
    code: str
    year: int
    tag: str
    reported: float | None  # the realisation the release reported
    now: float | None  # the realisation today


def moved_lines(portal: Portal, found: list[Release]) -> list[MovedLine]:
    """Every register line that changed since the release that reported its IKU's year, for the
    years whose realisation no longer matches that release."""
    moved = []
    for (code, year), release in sorted(reporting_release(found).items()):
        indicator = next((i for i in portal.indicators if i.code == code), None)
        now, then = portal.result(code, year) if indicator else None, release.portal.result(code, year)
        if indicator is None or now is None or then is None or now.value == then.value:
            continue
        key = list(indicator.register.key)
        if not set(key) <= set(now.rows.columns) or not set(key) <= set(then.rows.columns):
            continue
        old = {_key(row, key): row for _, row in then.rows.iterrows()}
        new = {_key(row, key): (line, row) for line, row in now.rows.iterrows()}
        path = indicator.register.path
        for name, (line, row) in new.items():
            if name not in old or not _same(old[name], row):
                moved.append(MovedLine(path, int(line), name, code, year, release.tag, then.value, now.value))
        for name in old.keys() - new.keys():
            moved.append(MovedLine(path, None, name, code, year, release.tag, then.value, now.value))
    return sorted(moved, key=lambda m: (m.path, m.line is None, m.line or 0, m.key, m.code))


def _key(row: pd.Series, key: list[str]) -> str:
    return "/".join(str(row[k]) for k in key)


def _same(a: pd.Series, b: pd.Series) -> bool:
    columns = set(a.index) | set(b.index)
    return all(str(a.get(c, "")) == str(b.get(c, "")) for c in columns)


def reported_line_problems(folder: Path) -> list[Problem]:
    """A warning (never an error: a correction may be right) on every register line that moved
    a figure an official release already reported. Empty outside git or without releases."""
    found = releases(folder)
    if not found:
        return []
    try:
        portal = build(folder)
    except DataError:  # `iku periksa` reports why
        return []
    problems = []
    for m in moved_lines(portal, found):
        figures = {"reported": with_unit(m.reported, _unit(portal, m.code)), "now": with_unit(m.now, _unit(portal, m.code))}
        what = ("baris ini (kunci {key}) diubah sesudah rilis itu" if m.line is not None
                else "baris berkunci {key} dihapus sesudah rilis itu").format(key=m.key)
        message = (f"{m.code} tahun {m.year} sudah dilaporkan di {m.tag} dengan realisasi {figures['reported']}; {what}, "
                   f"dan realisasinya kini {figures['now']}. Laporan tahun {m.year} memuat angka lama: pastikan perubahan "
                   "ini disengaja dan catat alasannya di pull request.")
        problems.append(Problem(display_path(Path(folder), m.path), m.line, None, "angka_dilaporkan_berubah", message, Severity.WARNING))
    return problems


def _unit(portal: Portal, code: str) -> str:
    return portal.indicator(code).unit
