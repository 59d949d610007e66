"""MkDocs adapter for the gathering portal (mkdocs.gabungan.yml): reads the offices' snapshots
under IKU_CUPLIKAN (default cuplikan/, written by `iku ambil`) and adds the province page, one
page per kabupaten and the Riwayat. Offline: the snapshots are files. No domain logic here."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from iku import charts, gabungan, snapshot

_state: dict = {}


def on_config(config):
    folder = Path(config.config_file_path).parent / os.environ.get("IKU_CUPLIKAN", "cuplikan")
    if not folder.is_dir():
        raise PluginError(f"Folder cuplikan {folder} tidak ada: jalankan dulu iku ambil DAFTAR.yml --ke {folder}")
    snapshots = snapshot.load_all(folder)
    groups = gabungan.regions(snapshots)
    _state.update(snapshots=snapshots, groups=groups)
    charts.svg_cache.use(Path(config.config_file_path).parent / ".cache" / "grafik")
    config.site_name = gabungan.site_title(snapshots)
    config.nav = [{"Ringkasan": "index.md"}, {"Wilayah": [{g.name: f"{g.slug}/index.md"} for g in groups]},
                  {"Riwayat": "riwayat.md"}, {"Tentang": "tentang.md"}]
    return config


def _page(title: str, body: str) -> str:
    return f"---\ntitle: {title!r}\n---\n\n{body}"


def on_files(files: Files, config) -> Files:
    files.append(File.generated(config, "index.md", content=_page("Ringkasan", gabungan.province_page(config.site_name, _state["groups"]))))
    for group in _state["groups"]:
        files.append(File.generated(config, f"{group.slug}/index.md", content=_page(group.name, gabungan.region_page(group))))
    files.append(File.generated(config, "riwayat.md", content=_page("Riwayat", gabungan.history_page(_state["snapshots"]))))
    return files
