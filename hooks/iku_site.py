"""MkDocs adapter: wires build events to the `iku` pipeline. No domain logic here.

- on_config: compute the portal once per build (load → validate → compute); on any data
  error stop the build with the Indonesian report; add one page per IKU to the navigation.
- on_files: add the generated IKU pages and the downloadable data files to the site.
- on_page_content: put the "Data contoh" notice on every page while the data are samples.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from iku import portal as pipeline
from iku import render
from iku.export import downloads
from iku.problems import DataError

IKU_SECTION_INDEX = "iku/index.md"
log = logging.getLogger("mkdocs.hooks.iku")


def data_root(config) -> Path:
    return Path(config.config_file_path).parent / config.extra.get("data_dir", "data")


def on_config(config):
    try:
        portal = pipeline.build(data_root(config))
    except DataError as error:
        raise PluginError("Data tidak dapat diterbitkan.\n" + str(error)) from None
    for warning in portal.warnings:  # allowed, so not a MkDocs warning (which --strict turns into failure)
        log.info("Peringatan data: %s", warning)
    config.site_name = f"Kinerja {portal.instansi['nama']}"
    config.nav = _with_indicator_pages(config.nav or [], portal)
    return config


def _with_indicator_pages(nav: list, portal) -> list:
    """Replace the nav entry pointing at iku/index.md by a section listing every IKU page."""
    pages = [{render.plain_title(f"{i.code.replace('-', ' ')}: {i.name}"): render.page_path(i)} for i in portal.indicators]
    expanded = []
    for entry in nav:
        (title, target), = entry.items() if isinstance(entry, dict) else ((None, entry),)
        expanded.append({title: [IKU_SECTION_INDEX, *pages]} if target == IKU_SECTION_INDEX else entry)
    return expanded


def on_files(files: Files, config) -> Files:
    portal = pipeline.current()
    for indicator in portal.indicators:
        source = "{{ halaman_iku(%s) }}\n" % json.dumps(indicator.code)
        files.append(File.generated(config, render.page_path(indicator), content=source))
    for download in downloads(portal):
        files.append(File.generated(config, download.path, content=download.content))
    return files


def on_page_content(html: str, page, config, files) -> str:
    return render.sample_notice(pipeline.current()) + html
