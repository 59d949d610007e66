"""Staff edit links: with repo_url set, each IKU page and the Data page link "Ubah data ini di
GitHub" to the data file in GitHub's web editor; without repo_url there is no such link; and
the theme's repository widget never asks the reader's browser to call the GitHub API."""

from __future__ import annotations

import re

import pytest

from projectkit import copy_project
from sitebuild import build_site

REPO = "https://github.com/contoh-pemda/portal-iku"
LINK_TEXT = "Ubah data ini di GitHub"


def build(tmp_path_factory, extra_config: str):
    project = copy_project(tmp_path_factory.mktemp("proyek"))
    with open(project / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write(extra_config)
    return build_site(project, project / "site")


@pytest.fixture(scope="module")
def with_repo(tmp_path_factory):
    return build(tmp_path_factory, f"\nrepo_url: {REPO}\n")


@pytest.fixture(scope="module")
def without_repo(tmp_path_factory):
    return build(tmp_path_factory, "")


def read(site, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("code, register", [("iku-2", "skm"), ("iku-4", "aduan_trantib"), ("iku-5", "reviu_sakip")])
def test_iku_page_links_its_register_in_the_web_editor(with_repo, code, register):
    page = read(with_repo, f"iku/{code}")
    assert f'<a class="ubah-data" href="{REPO}/edit/main/data/register/{register}.csv">{LINK_TEXT}</a>' in page
    assert page.count(LINK_TEXT) == 1


def test_data_page_links_each_committed_file_but_not_computed_ones(with_repo):
    page = read(with_repo, "data")
    edited = set(re.findall(rf'href="{REPO}/edit/main/data/([^"]+)"', page))
    assert {"iku.csv", "target.csv", "instansi.yml", "register/skm.csv"} <= edited
    assert not edited & {"hasil.csv", "hasil.json", "SHA256SUMS"}


def test_repository_link_does_not_load_facts_from_github(with_repo):
    for page in ("", "iku/iku-2", "data"):
        html = read(with_repo, page) if page else (with_repo / "index.html").read_text(encoding="utf-8")
        assert f'href="{REPO}"' in html  # the repository is still named in the header
        assert 'data-md-component="source"' not in html  # Material's widget that calls api.github.com


def test_without_repo_url_there_is_no_edit_link(without_repo):
    for page in ("iku/iku-2", "iku/iku-4", "data"):
        html = read(without_repo, page)
        assert LINK_TEXT not in html and "/edit/" not in html and "github.com" not in html
