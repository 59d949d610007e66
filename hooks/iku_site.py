"""MkDocs adapter: wires build events to the `iku` pipeline. No domain logic here.

- on_config: compute the portal once per build (load → validate → compute); on any data
  error stop the build with the Indonesian report; read the git trail; add one page per IKU
  to the navigation; put the build's fingerprint in the footer.
- on_files: add the generated IKU pages and the downloadable data files to the site.
- on_env (every page read, none written): register.xlsx and the files naming it, made meanwhile.
- on_page_context: the page's meta description (front matter `description:`, a template with
  the office's words, iku.kata) filled from data and escaped for the attribute the theme writes.
- on_page_content: the HTML rendered from data Markdown (the decree) cleaned by its allow-list;
  the "Data contoh" notice while the data are samples, and when the page's
  data last changed.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from iku import bahasa, charts, edit_links, feed, kata, markdown_data, render_history
from iku.pages import common, indikator
from iku.pages import data as data_page
from iku import portal as pipeline
from iku.excel import background
from iku.excel.commands import workbook_cache
from iku.export import download_list, downloads
from iku.html import esc
from iku.history import read_trail
from iku.problems import DataError

IKU_SECTION_INDEX = "iku/index.md"
log = logging.getLogger("mkdocs.hooks.iku")


def _cache(config) -> Path:
    """The build's disk cache (speed only: the same output either way)."""
    return Path(config.config_file_path).parent / ".cache"


def data_root(config) -> Path:
    return Path(config.config_file_path).parent / config.extra.get("data_dir", "data")


_workbook_child = None


def on_config(config):
    global _workbook_child
    cache = _cache(config)
    # Large registers: register.xlsx is made by a second process meanwhile (iku.excel.background).
    background.stop(_workbook_child)
    _workbook_child = background.start(data_root(config), cache / "xlsx")
    try:
        portal = pipeline.build(data_root(config))
    except DataError as error:
        background.stop(_workbook_child)
        raise PluginError("Data tidak dapat diterbitkan.\n" + str(error)) from None
    # One language per build: the English edition is a second build (mkdocs.en.yml).
    bahasa.use(config.extra.get("lang", "id"), portal.translations)
    if os.environ.get("IKU_SATU_EDISI"):  # make kabupaten builds no English edition per office
        config.extra.pop("alternate", None)
    for warning in portal.warnings:  # allowed, so not a MkDocs warning (which --strict turns into failure)
        log.info("Peringatan data: %s", warning)
    # Figures per commit and rendered charts are cached on disk (speed only: same output either way).
    charts.svg_cache.use(cache / "grafik")
    workbook_cache.use(cache / "xlsx")
    portal.trail = read_trail(data_root(config), cache / "riwayat", remember=True)  # serve: reread only what changed
    log.info("Riwayat: %d commit data, tabel angka dari cache %d, dihitung %d", len(portal.trail.entries), *portal.trail.cache_stats)
    config.site_name = common.plain_title(bahasa.t("Kinerja {name}").format(name=bahasa.d(portal.instansi["nama"])))
    # The theme writes site_description (the 404 page's meta description) unescaped.
    config.site_description = esc(_filled(config.site_description or "", portal, config.config_file_path))
    config.extra["jejak_build"] = render_history.footer(portal, portal.trail)
    config.extra["judul_umpan"] = bahasa.t("Umpan Atom riwayat data")
    # Staff edit links need the repository; the theme's own repository widget is replaced by a
    # plain link (docs/overrides/partials/source.html) so readers' browsers never call GitHub.
    config.extra["ubah_data"] = edit_links.edit_base(config.repo_url, config.extra.get("cabang_repo", "main"),
                                                     config.extra.get("data_dir", "data"))
    config.nav = _with_indicator_pages(config.nav or [], portal)
    return config


def _with_indicator_pages(nav: list, portal) -> list:
    """Replace the nav entry pointing at iku/index.md by a section listing every IKU page."""
    pages = [{common.plain_title(f"{i.code.replace('-', ' ')}: {bahasa.d(i.name)}"): indikator.page_path(i)} for i in portal.indicators]
    expanded = []
    for entry in nav:
        (title, target), = entry.items() if isinstance(entry, dict) else ((None, entry),)
        expanded.append({title: [IKU_SECTION_INDEX, *pages]} if target == IKU_SECTION_INDEX else entry)
    return expanded


def on_files(files: Files, config) -> Files:
    portal = pipeline.current()
    for indicator in portal.indicators:
        files.append(File.generated(config, indikator.page_path(indicator), content=indikator.indicator_page_source(indicator)))
    for download in download_list(portal):  # register.xlsx and the two files naming it: filled in on_env
        files.append(File.generated(config, download.path, content=download.content if download.content is not None else b""))
    files.append(File.generated(config, "feed.xml", content=feed.atom(portal, portal.trail, config.site_url or "")))
    return files


def on_env(env, config, files: Files):
    """Every page is read by now, which is time the workbook process had: wait for it, then put
    register.xlsx, datapackage.json and SHA256SUMS, and their sizes and SHA-256 on the Data page,
    in place before anything is written."""
    # The theme's templates compiled once per cache, not once per build (speed only: Jinja keys
    # each entry by the template's source, so a changed template is compiled again).
    (_cache(config) / "jinja").mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(_cache(config) / "jinja"))
    background.wait(_workbook_child)
    portal = pipeline.current()
    made = downloads(portal)
    waited = {d.path for d in download_list(portal) if d.content is None}
    for download in made:
        if download.path in waited:
            files.get_file_from_path(download.path).content_bytes = download.content
    for file in files.documentation_pages():
        if file.page is not None and file.page.content and data_page.LATER in file.page.content:
            file.page.content = data_page.fill_later(file.page.content, made)
    return env


def on_post_build(config) -> None:
    log.info("Grafik SVG: %d dari cache, %d dirender", charts.svg_cache.hits, charts.svg_cache.misses)


def _filled(template: str, portal, where: str) -> str:
    try:
        return kata.fill(template, portal)
    except kata.UnknownWord as error:
        raise PluginError(f"{where}: {error.args[0]}") from None


def on_page_context(context, page, config, nav):
    """The theme writes page.meta.description into <meta name="description"> unescaped."""
    if page.meta.get("description"):
        page.meta["description"] = esc(_filled(str(page.meta["description"]), pipeline.current(), page.file.src_uri))
    return context


def on_page_content(html: str, page, config, files) -> str:
    try:
        html = markdown_data.clean_marked(html)
    except markdown_data.MarkerError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
    portal = pipeline.current()
    indicator = next((i for i in portal.indicators if indikator.page_path(i) == page.file.src_uri), None)
    inputs = ["iku.csv", "target.csv", indicator.register.path] if indicator else None
    updated = render_history.last_updated(portal.trail.last_change(inputs)) if portal.trail else ""
    edit = f'<p class="ubah">{edit_links.edit_link(config.extra["ubah_data"], indicator.register.path)}</p>' if indicator and config.extra["ubah_data"] else ""
    return common.sample_notice(portal) + html + edit + updated
