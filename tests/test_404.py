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



def english_home_link(html: str) -> str:
    return re.search(r'<a href="([^"]*)">Back to the home page</a>', html).group(1)


def test_english_404_is_in_english_and_leads_to_the_english_home(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://contoh.github.io/portal-iku/")
    html = (build_site(ROOT, tmp_path / "site" / "en", "mkdocs.en.yml") / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    assert "<h1>Page not found</h1>" in html
    assert "The address you opened does not exist on this portal." in html
    assert english_home_link(html) == "/portal-iku/en/"
    for indonesian in ("Halaman tidak ditemukan", "Kembali ke Beranda", "Alamat yang Anda buka"):
        assert indonesian not in html


def test_english_404_without_site_url_leads_to_en(tmp_path, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    html = (build_site(ROOT, tmp_path / "site" / "en", "mkdocs.en.yml") / "404.html").read_text(encoding="utf-8")
    assert english_home_link(html) == "/en/"
