"""MkDocs adapter for the kabupaten overview (mkdocs.kabupaten.yml): computes every office under
IKU_KABUPATEN (default instansi/) and adds the comparison as the home page. When the offices were
built in parts (`make kabupaten-gabung`), IKU_KABUPATEN_PORTAL names the folder of their built
portals and the overview reads what they published instead. No domain logic."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.structure.files import File, Files

from iku import kabupaten, kabupaten_bagian


def on_files(files: Files, config) -> Files:
    published = os.environ.get("IKU_KABUPATEN_PORTAL")
    if published:
        offices, failed = kabupaten_bagian.load_published(Path(published)), {}
    else:
        offices, failed = kabupaten.load_offices(Path(config.config_file_path).parent / os.environ.get("IKU_KABUPATEN", "instansi"))
    page = kabupaten.overview(offices, failed, config.extra.get("wilayah", "Kabupaten"))
    files.append(File.generated(config, "index.md", content="---\ntitle: Perbandingan\n---\n\n" + page))
    return files
