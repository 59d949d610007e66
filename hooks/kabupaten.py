"""MkDocs adapter for the kabupaten overview (mkdocs.kabupaten.yml): computes every office under
IKU_KABUPATEN (default instansi/) and adds the comparison as the home page. When the offices were
built in parts (`make kabupaten-gabung`), IKU_KABUPATEN_PORTAL names the folder of their built
portals and the overview reads what they published instead. No domain logic."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.structure.files import File, Files

from iku import kabupaten, kabupaten_bagian
from iku.pages.common import plain_title


_offices: tuple[dict, dict] = ({}, {})


def on_config(config):
    """The overview is named from what the offices declare (iku.kabupaten.region_title), unless
    mkdocs.kabupaten.yml's extra.wilayah names it."""
    global _offices
    published = os.environ.get("IKU_KABUPATEN_PORTAL")
    if published:
        _offices = kabupaten_bagian.load_published(Path(published)), {}
    else:
        _offices = kabupaten.load_offices(Path(config.config_file_path).parent / os.environ.get("IKU_KABUPATEN", "instansi"))
    # The theme writes site_name unescaped in places, and the kabupaten's name is data.
    config.site_name = plain_title(config.extra.get("wilayah") or kabupaten.region_title(_offices[0]))
    return config


def on_files(files: Files, config) -> Files:
    page = kabupaten.overview(*_offices, config.site_name)
    files.append(File.generated(config, "index.md", content="---\ntitle: Perbandingan\n---\n\n" + page))
    return files
