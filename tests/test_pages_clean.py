"""Every page of both editions shows only text meant for a reader: no front matter printed
as text, no unrendered Jinja or Markdown, no escaped HTML tags, no nan/None/NaT in a table."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pageleaks import find_leaks
from projectkit import ROOT
from sitebuild import build_both_editions

FIXTURES = ROOT / "tests" / "fixtures" / "bocor"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_both_editions(ROOT, tmp_path_factory.mktemp("bersih") / "site")


def test_every_page_of_both_editions_is_clean(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 2 * 15 and (site / "en" / "index.html") in pages
    leaks = {str(p.relative_to(site)): found for p in pages if (found := find_leaks(p.read_text(encoding="utf-8")))}
    assert leaks == {}


def test_a_page_with_its_front_matter_printed_is_caught():
    # Riwayat as built before the fix: `description: Riwayat ... IKU: siapa, ...` was not valid YAML.
    page = (FIXTURES / "front-matter-tercetak.html").read_text(encoding="utf-8")
    leaks = find_leaks(page)
    assert len(leaks) == 1 and leaks[0].startswith("front matter: 'title: Riwayat\\ndescription: Riwayat setiap")


@pytest.mark.parametrize("body, kind", [
    ("<p>Nilai {{ instansi('nama') }}</p>", "Jinja"),
    ("<p>{% if x %}ya{% endif %}</p>", "Jinja"),
    ("<p>Lihat **rincian** di [Data](data.md)</p>", "Markdown"),
    ("<p>## Ringkasan</p>", "Markdown"),
    ("<p>| IKU | Nilai |\n|---|---|</p>", "Markdown"),
    ("<p>&lt;strong&gt;98&lt;/strong&gt;</p>", "escaped HTML"),
    ("<p>Rp 1&amp;amp;2</p>", "escaped entity"),
    ("<table><tr><td>nan</td></tr></table>", "empty value in a table cell"),
    ("<table><tr><td>None</td></tr></table>", "empty value in a table cell"),
    ("<table><tr><td>NaT</td></tr></table>", "empty value in a table cell"),
])
def test_each_kind_of_leak_is_caught(body, kind):
    leaks = find_leaks(f"<html><body><article>{body}</article></body></html>")
    assert leaks and leaks[0].startswith(kind), leaks


def test_markup_in_code_samples_is_not_a_leak():
    assert find_leaks("<html><body><p>Jalankan <code>{{ riwayat() }}</code> atau <code>**x**</code></p>"
                      "<pre><code>title: A\ndescription: B</code></pre></body></html>") == []


@pytest.mark.parametrize("page", sorted((ROOT / "docs").rglob("*.md")), ids=lambda p: str(p.relative_to(ROOT / "docs")))
def test_front_matter_of_every_source_page_is_valid_yaml(page):
    text = page.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        assert isinstance(meta, dict) and "title" in meta
