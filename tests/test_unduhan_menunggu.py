"""The Data page lists register.xlsx, datapackage.json and SHA256SUMS before the workbook is made
(the build reads its pages while a second process writes it) and fills in their sizes and SHA-256
afterwards: the filled page must say exactly what a page rendered after the workbook says."""

from __future__ import annotations

import hashlib

import pytest

from iku.export import download_list, downloads
from iku.pages import data
from iku.portal import build
from projectkit import DATA


AFTER_WORKBOOK = {"data/register.xlsx", "data/datapackage.json", "data/SHA256SUMS"}


def test_listed_before_the_workbook_and_filled_after_reads_as_rendered_after():
    portal = build(DATA)
    early, made = download_list(portal), downloads(portal)
    assert [d.path for d in early] == [d.path for d in made]
    assert {d.path for d in early if d.content is None} == AFTER_WORKBOOK
    assert all(e.content == m.content for e, m in zip(early, made) if e.content is not None)

    page = data.downloads_table(early, "../", portal.trail)
    assert data.LATER in page
    for path in AFTER_WORKBOOK:  # nothing about a file not made yet can be on the page
        content = next(d.content for d in made if d.path == path)
        assert hashlib.sha256(content).hexdigest() not in page
    filled = data.fill_later(page, made)
    assert filled == data.downloads_table(made, "../", portal.trail)
    sums = next(d.content for d in made if d.path == "data/SHA256SUMS")
    assert hashlib.sha256(sums).hexdigest() in filled


def test_a_placeholder_that_cannot_be_filled_stops_the_build():
    portal = build(DATA)
    page = data.downloads_table(download_list(portal))
    others = [d for d in downloads(portal) if d.path != "data/SHA256SUMS"]
    with pytest.raises(ValueError, match="placeholder left"):
        data.fill_later(page, others)
