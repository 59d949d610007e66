"""Where this office's history begins: a fork's history is its own.

An office that forks the repository of another office and replaces the data folder inherits
every commit of that office. Those commits are not its history: the Riwayat, the feed, `iku diff`,
"Asal data" and "last changed" never show them as this office's. The data root says where its
history begins, in `instansi.yml` (`iku mulai` writes it):

    riwayat_mulai:
      sesudah_commit: <sha>   # this commit and every commit before it belong to another office
      tanggal: 2026-12-01     # commits authored before this day (WIB) belong to another office

Either key, or both (then both must hold). Whatever is declared, a commit at which the data
folder's `instansi.yml` names another office (`nama`, other than it is now, in a profile not
marked `belum_diisi`) is that office's, and so is every commit before it: a fork that never
declared its start, or that merges its upstream's later commits to get a newer portal, still
shows none of the other office's data commits.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from iku.gitread import UNCOMMITTED, Commit, Git

WIB = dt.timezone(dt.timedelta(hours=7))
# Stands for a commit of another office wherever a commit would be named ("Asal data").
EARLIER = Commit("e" * 40, 0, "", "sebelum awal riwayat kantor ini")


@dataclass(frozen=True)
class Scope:
    """Which commits are this office's."""

    excluded: tuple[str, ...] = ()  # full shas: these and their ancestors are another office's
    since: int | None = None  # seconds since the epoch: commits authored earlier are another office's
    own: frozenset[str] | None = None  # every commit not excluded (None: no commit is excluded)
    missing: str = ""  # a declared start this repository does not have (or no date): then no commit is shown
    foreign_profiles: frozenset[str] = frozenset()  # blob ids of instansi.yml naming another office

    @property
    def bounded(self) -> bool:
        return bool(self.excluded or self.since is not None or self.missing)

    def log_args(self) -> list[str]:
        """`git log` arguments leaving out the excluded commits and their ancestors."""
        return [f"^{sha}" for sha in self.excluded]

    def owns(self, commit: Commit | None) -> bool:
        if commit is None or commit is UNCOMMITTED:
            return True
        if self.missing:
            return False
        if self.since is not None and commit.time < self.since:
            return False
        return self.own is None or commit.sha in self.own

    def mask(self, commit: Commit) -> Commit:
        """The commit, or EARLIER when it is another office's."""
        return commit if self.owns(commit) else EARLIER


def owned(git: Git, scope: Scope, folder: str, commit: Commit | str) -> bool:
    """Whether any commit is this office's, also one that did not change the data folder (a parent,
    a release tag, a revision asked for): its folder's instansi.yml must not name another office."""
    if not scope.bounded:
        return True
    sha = commit if isinstance(commit, str) else commit.sha
    if scope.foreign_profiles and git.tree(sha, f"{folder}/instansi.yml".lstrip("/")) in scope.foreign_profiles:
        return False
    if isinstance(commit, str):
        commit = git.commit(sha) if scope.since is not None else Commit(sha, 0, "", "")
    return scope.owns(commit)


def declared(instansi: dict) -> dict:
    start = instansi.get("riwayat_mulai") if isinstance(instansi, dict) else None
    return start if isinstance(start, dict) else {}


def profile(data_root: Path) -> dict:
    try:
        loaded = yaml.safe_load((Path(data_root) / "instansi.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def scope(git: Git, folder: str, instansi: dict) -> Scope:
    """The commits of this office in `git`, for the data folder `folder` (relative to the repository)."""
    start = declared(instansi)
    excluded, since = [], None
    if start.get("sesudah_commit"):
        sha = _resolve(git, str(start["sesudah_commit"]))
        if sha is None:
            return Scope(missing=str(start["sesudah_commit"]))
        excluded.append(sha)
    if start.get("tanggal"):
        try:
            day = start["tanggal"] if isinstance(start["tanggal"], dt.date) else dt.date.fromisoformat(str(start["tanggal"]))
        except ValueError:  # `iku periksa` names it; until it is right, no commit is shown
            return Scope(missing=str(start["tanggal"]))
        since = int(dt.datetime.combine(day, dt.time(), WIB).timestamp())
    other, profiles = _commits_naming_another_office(git, folder, instansi.get("nama"))
    excluded += other
    if not excluded:
        return Scope(since=since)
    if len(excluded) > 1:  # the newest of them stand for all (their ancestors go with them)
        excluded = git.text("merge-base", "--independent", *excluded).split()
    own = git("rev-list", "HEAD", "--all", "--stdin", input="".join(f"^{sha}\n" for sha in excluded).encode())
    return Scope(tuple(excluded), since, frozenset(own.decode().split()), foreign_profiles=profiles)


def _resolve(git: Git, rev: str) -> str | None:
    try:
        return git.text("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip() or None
    except subprocess.CalledProcessError:
        return None


def _commits_naming_another_office(git: Git, folder: str, name) -> tuple[list[str], frozenset[str]]:
    """Every commit (on any branch) that changed the folder and at which its instansi.yml names an
    office other than `name`, and the ids of those instansi.yml contents; each content read once."""
    if not name:
        return [], frozenset()
    commits = git.text("rev-list", "HEAD", "--all", "--", folder or ".").split()
    blobs = git.trees(commits, f"{folder}/instansi.yml".lstrip("/"))
    other: dict[str, bool] = {}
    for blob in set(filter(None, blobs.values())):
        try:
            profile = yaml.safe_load(git("cat-file", "blob", blob))
        except (subprocess.CalledProcessError, yaml.YAMLError):
            profile = None
        other[blob] = (isinstance(profile, dict) and profile.get("nama") is not None
                       and str(profile["nama"]) != str(name) and not profile.get("belum_diisi"))
    return [sha for sha in commits if blobs.get(sha) and other[blobs[sha]]], frozenset(b for b, o in other.items() if o)
