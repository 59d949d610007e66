"""Build a throwaway git repository with a known sequence of commits, for history tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from projectkit import ROOT, copy_project

DASAR = ROOT / "tests" / "fixtures" / "dasar"


class Repo:
    def __init__(self, path: Path):
        self.path = path
        self.clock = 1_700_000_000  # 14 November 2023, 22:13 UTC; every commit one day later
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, author: str = "Pengelola") -> str:
        env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "staf@example.invalid",
               "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "staf@example.invalid",
               "GIT_AUTHOR_DATE": f"@{self.clock} +0700", "GIT_COMMITTER_DATE": f"@{self.clock} +0700"}
        return subprocess.run(["git", "-C", str(self.path), "-c", "commit.gpgsign=false", *args],
                              capture_output=True, text=True, check=True, env=env).stdout

    def commit(self, message: str, author: str) -> str:
        self.clock += 86_400
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, author=author)
        return self.git("rev-parse", "HEAD").strip()

    def replace(self, rel: str, old: str, new: str) -> None:
        path = self.path / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def base_data_repo(target: Path) -> Repo:
    """A copy of the project whose data folder is the base fixture (tests/fixtures/dasar), as a new
    repository with nothing committed yet."""
    path = copy_project(target)
    shutil.rmtree(path / "data")
    shutil.copytree(DASAR, path / "data")
    return Repo(path)
