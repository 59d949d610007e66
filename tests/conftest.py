"""Shared fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

# ProperDocs builds the site: before any test module imports `mkdocs.*` (test_build's exceptions,
# the hooks), let those names resolve to ProperDocs' modules, as its own command does.
import sitebuild  # noqa: F401  isort: skip
from projectkit import DATA, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(autouse=True)
def indonesian():
    """Each test starts in Indonesian: an English build run in-process sets the language."""
    from iku import bahasa

    bahasa.use("id")
    yield
    bahasa.use("id")
