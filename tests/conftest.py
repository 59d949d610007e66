"""Shared fixtures: the repository's paths and a writable copy of the project for tests
that change data and build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def copy_project(target: Path) -> Path:
    """A copy of everything the site build reads (config, pages, hooks, code, data)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "mkdocs.en.yml", "docs", "hooks", "iku", "data"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
