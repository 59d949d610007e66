"""With repo_url set (for the staff edit links), pages still load nothing from another host:
Material's repository widget would otherwise call api.github.com from the reader's browser."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from projectkit import copy_project
from sitebuild import build_site
from standards import serving
from test_citizen import LAPTOP, PHONE


@pytest.fixture(scope="module")
def repo_site_server(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("repo-url"))
    with open(project / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("\nrepo_url: https://github.com/contoh-pemda/portal-iku\n")
    site = build_site(project, project / "site")
    with serving(site) as url:
        yield url


@pytest.mark.parametrize("path", ["/", "/iku/iku-2/", "/data/"])
def test_pages_with_repo_url_make_no_third_party_request(path, browser, repo_site_server):
    for viewport in (PHONE, LAPTOP):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        hosts = set()
        page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc) if urlsplit(r.url).scheme in ("http", "https") else None)
        page.goto(repo_site_server + path, wait_until="networkidle")
        page.wait_for_timeout(500)  # Material fetches repository facts after load
        assert page.locator("a.md-source").count() >= 1  # the repository link is there
        context.close()
        assert hosts == {urlsplit(repo_site_server).netloc}, hosts
