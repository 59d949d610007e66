"""The not-found page leads home whether or not site_url is set: GitHub Pages serves it for any
missing address under the project path, so its link must be the site root's path, never "//".
Without site_url (every local build) the browser test follows the link from /404.html home."""

from __future__ import annotations

import re

from projectkit import ROOT
from sitebuild import build_site


def home_link(html: str) -> str:
    return re.search(r'<a href="([^"]*)">Kembali ke Beranda</a>', html).group(1)


def test_404_links_to_the_project_path_when_site_url_is_set(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://contoh.github.io/portal-iku/")
    site = build_site(ROOT, tmp_path / "site")
    assert home_link((site / "404.html").read_text(encoding="utf-8")) == "/portal-iku/"

