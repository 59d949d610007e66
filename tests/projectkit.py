"""Paths of the repository and a copy of the project for tests that change data and build.
(A plain module, not conftest: tests/browser has a conftest of its own.)"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def copy_project(target: Path) -> Path:
    """A copy of everything the site build reads (config, pages, hooks, code, data)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "mkdocs.en.yml", "mkdocs.kabupaten.yml", "mkdocs.gabungan.yml", "docs", "hooks", "iku", "data"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target
