"""MkDocs adapter for the kabupaten overview (mkdocs.kabupaten.yml): computes every office under
IKU_KABUPATEN (default instansi/) and adds the comparison as the home page. No domain logic."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.structure.files import File, Files

from iku import kabupaten


def on_files(files: Files, config) -> Files:
    folder = Path(config.config_file_path).parent / os.environ.get("IKU_KABUPATEN", "instansi")
    portals, failed = kabupaten.load_offices(folder)
    page = kabupaten.overview(portals, failed, config.extra.get("wilayah", "Kabupaten"))
    files.append(File.generated(config, "index.md", content="---\ntitle: Perbandingan\n---\n\n" + page))
    return files
