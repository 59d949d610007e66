"""Browser fixtures: the site built once from this checkout, served on 127.0.0.1, and Debian's
Chromium driven by Playwright through its executable path (no browser download, ever)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browserkit import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, ROOT, need
from sitebuild import build_both_editions
from standards import serving


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    return build_both_editions(ROOT, tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def server(site):
    with serving(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    need(CHROMIUM, "make browser-deps installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS
