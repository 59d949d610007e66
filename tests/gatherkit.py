"""Helpers for the gathering tests: an office's published data/ folder written from its data root
(as its site build writes it), served on 127.0.0.1 by a thread, and DAFTAR.yml files."""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from iku.export import downloads
from iku.portal import build


def publish(root: Path, site: Path) -> Path:
    """site/data/ as `make site` publishes it (only the files a gathering portal reads matter)."""
    for download in downloads(build(root)):
        path = site / download.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(download.content)
    return site


def alter_results(site: Path, change) -> None:
    """hasil.json changed after publishing (SHA256SUMS left as it was)."""
    path = site / "data" / "hasil.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def republish_sums(site: Path) -> None:
    """SHA256SUMS recomputed for the current files (a consistent, if wrong, publication)."""
    data = site / "data"
    names = sorted(p.name for p in data.iterdir() if p.is_file() and p.name != "SHA256SUMS")
    (data / "SHA256SUMS").write_text("".join(f"{hashlib.sha256((data / n).read_bytes()).hexdigest()}  {n}\n" for n in names))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serving(folder: Path, handler=_Quiet):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def closed_port() -> str:
    """An address on 127.0.0.1 where nothing listens (bound, then closed)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def write_list(path: Path, entries: list[dict]) -> Path:
    path.write_text(yaml.safe_dump({"kantor": entries}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def synthetic_province(target: Path, template: Path, regions: int, per_region: int, seed: int = 22) -> list[tuple[str, Path]]:
    """`regions` × `per_region` published sites (target/<slug>/data/...), each a copy of the site
    `template` with its own name, kabupaten and figures (SHA256SUMS recomputed): a province for the
    budget tests and `make bench`, without building thousands of portals. Returns (slug, site)."""
    import random

    rng = random.Random(seed)
    source = {name: (template / "data" / name).read_bytes() for name in ("datapackage.json", "hasil.json", "hasil.schema.json")}
    results, package = json.loads(source["hasil.json"]), json.loads(source["datapackage.json"])
    sites = []
    for r in range(regions):
        region = f"Kabupaten Sintetis {r + 1:02d}"
        for n in range(per_region):
            slug = f"k{r + 1:02d}-{n + 1:03d}"
            name = f"Kecamatan {rng.choice(['Sumber', 'Tanjung', 'Karang', 'Rejo', 'Wono'])}{rng.choice(['sari', 'harjo', 'mulyo', 'agung'])} {n + 1}"
            figures = [{**row, "realisasi": round(row["realisasi"] * rng.uniform(0.8, 1.1), 2),
                        "capaian": None if row["capaian"] is None else round(row["capaian"] * rng.uniform(0.8, 1.1), 2)}
                       for row in results["hasil"]]
            files = {"hasil.json": (json.dumps({**results, "instansi": name, "kabupaten": region, "hasil": figures},
                                               ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode(),
                     "datapackage.json": (json.dumps({**package, "kantor": {**package.get("kantor", {}), "nama": name, "kabupaten": region,
                                                                             "provinsi": "Provinsi Sintetis"}},
                                                     ensure_ascii=False, indent=1) + "\n").encode(),
                     "hasil.schema.json": source["hasil.schema.json"]}
            data = target / slug / "data"
            data.mkdir(parents=True)
            for file, content in files.items():
                (data / file).write_bytes(content)
            republish_sums(target / slug)
            sites.append((slug, target / slug))
    return sites
