"""The Atom feed of data revisions, from a throwaway repository with known commits: one entry
per data commit (newest first) with date, author, message and the figures it changed, parsed
by feedparser; byte-identical on rebuild; linked from every page head and from Riwayat."""

from __future__ import annotations

import feedparser
import pytest

from gitrepo import base_data_repo
from sitebuild import build_site

SAKIP = "data/register/reviu_sakip.csv"
START = 1_700_000_000  # gitrepo.Repo's clock; each commit one day later


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    repo = base_data_repo(tmp_path_factory.mktemp("umpan"))
    path = repo.path
    repo.commit("Data awal", "Staf A")
    repo.replace(SAKIP, "2025,71.05,", "2025,72.10,")
    repo.commit("Nilai SAKIP 2025 sesuai LHE", "Staf B")
    (path / "README.md").write_text("Portal\n")
    repo.commit("README", "Pengelola")  # not a data commit: no entry
    return repo


@pytest.fixture(scope="module")
def site(repo, tmp_path_factory):
    site = build_site(repo.path, tmp_path_factory.mktemp("situs") / "site")
    build_site(repo.path, site / "en", "mkdocs.en.yml")
    return site


def test_one_entry_per_data_commit_newest_first(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Riwayat data: Kinerja Kecamatan Bangsalsari"
    assert [e.title for e in feed.entries] == ["Nilai SAKIP 2025 sesuai LHE", "Data awal"]
    assert [e.author for e in feed.entries] == ["Staf B", "Staf A"]
    # Commit 2 is START + 2 days = 16 November 2023, 22:13:20 UTC.
    assert feed.entries[0].updated == "2023-11-16T22:13:20+00:00"
    assert feed.entries[1].updated == "2023-11-15T22:13:20+00:00"
    assert feed.feed.updated == feed.entries[0].updated


def test_entry_lists_the_published_figures_it_changed(site):
    entry = feedparser.parse((site / "feed.xml").read_bytes()).entries[0]
    content = entry.content[0].value
    # SAKIP 2025: 71,05 → 72,10 against target 70: capaian 71,05/70 = 101,5% → 72,1/70 = 103%.
    assert "IKU-5 2025, realisasi: 71,05 → 72,1" in content
    assert "IKU-5 2025, capaian: 101,5% → 103%" in content
    assert content.count("<li>") == 2
    assert entry.link.endswith("riwayat/#commit-" + entry.link.rsplit("-", 1)[1])
    assert f'id="commit-{entry.link.rsplit("-", 1)[1]}"' in (site / "riwayat" / "index.html").read_text(encoding="utf-8")


def test_english_edition_has_its_own_feed(site):
    feed = feedparser.parse((site / "en" / "feed.xml").read_bytes())
    assert not feed.bozo and feed.feed.language == "en"
    assert "IKU-5 2025, realisation: 71.05 → 72.1" in feed.entries[0].content[0].value


def test_feed_is_byte_identical_on_rebuild(repo, site, tmp_path):
    again = build_site(repo.path, tmp_path / "site")
    assert (again / "feed.xml").read_bytes() == (site / "feed.xml").read_bytes()


def test_every_page_names_the_feed_and_riwayat_links_to_it(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    missing = [str(p.relative_to(site)) for p in pages if '<link rel="alternate" type="application/atom+xml"' not in p.read_text(encoding="utf-8")]
    assert missing == []
    assert 'href="../feed.xml"' in (site / "riwayat" / "index.html").read_text(encoding="utf-8")
    assert 'href="../feed.xml"' in (site / "en" / "riwayat" / "index.html").read_text(encoding="utf-8")
