"""MkDocs adapter for the gathering portal (mkdocs.gabungan.yml): reads the offices' snapshots
under IKU_CUPLIKAN (default cuplikan/, written by `iku ambil`) and adds the province page, one
page per kabupaten and the Riwayat. Offline: the snapshots are files. No domain logic here."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from iku import charts, gabungan, snapshot
from iku.pages.common import plain_title

_state: dict = {}


def on_config(config):
    folder = Path(config.config_file_path).parent / os.environ.get("IKU_CUPLIKAN", "cuplikan")
    if not folder.is_dir():
        raise PluginError(f"Folder cuplikan {folder} tidak ada: jalankan dulu iku ambil DAFTAR.yml --ke {folder}")
    snapshots = snapshot.load_all(folder)
    groups = gabungan.regions(snapshots)
    _state.update(snapshots=snapshots, groups=groups)
    charts.svg_cache.use(Path(config.config_file_path).parent / ".cache" / "grafik")
    # Names come from the offices: the theme inserts titles unescaped, so they are kept plain.
    config.site_name = plain_title(gabungan.site_title(snapshots))
    config.nav = [{"Ringkasan": "index.md"}, {"Wilayah": [{plain_title(g.name): f"{g.slug}/index.md"} for g in groups]},
                  {"Riwayat": "riwayat.md"}, {"Tentang": "tentang.md"}]
    return config


BODY = "ISI-HALAMAN-GABUNGAN"  # where the page's HTML body goes once Markdown has run


def on_files(files: Files, config) -> Files:
    pages = {"index.md": gabungan.province_page(config.site_name, _state["groups"]),
             **{f"{g.slug}/index.md": gabungan.region_page(g) for g in _state["groups"]},
             "riwayat.md": gabungan.history_page(_state["snapshots"])}
    _state["bodies"] = {path: page.body for path, page in pages.items()}
    for path, page in pages.items():
        files.append(File.generated(config, path, content=f"# {page.heading}\n\n{BODY}\n"))
    return files


def on_page_content(html: str, page, config, files) -> str:
    body = _state.get("bodies", {}).get(page.file.src_uri)
    if body is None:
        return html
    if html.count(f"<p>{BODY}</p>") != 1:
        raise PluginError(f"{page.file.src_uri}: tempat isi halaman tidak ditemukan")
    return html.replace(f"<p>{BODY}</p>", body)
