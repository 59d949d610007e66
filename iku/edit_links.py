"""Links for staff: "Ubah data ini di GitHub" opens a data file in GitHub's web editor, where
saving starts a pull request, so nothing needs installing. Only when the site names its
repository (repo_url in mkdocs.yml); without it there is no link."""

from __future__ import annotations

from iku.bahasa import t
from iku.html import esc


def edit_base(repo_url: str | None, branch: str, data_dir: str) -> str:
    """The web-editor address of the data folder, e.g.
    https://github.com/owner/repo/edit/main/data/ ; empty without a repository."""
    if not repo_url:
        return ""
    return f"{repo_url.rstrip('/')}/edit/{branch.strip('/')}/{data_dir.strip('/')}/"


def edit_link(base: str, path: str) -> str:
    """The link for one data file (`path` inside the data folder), or nothing without a base."""
    if not base:
        return ""
    return f'<a class="ubah-data" href="{esc(base + path)}">{esc(t("Ubah data ini di GitHub"))}</a>'
