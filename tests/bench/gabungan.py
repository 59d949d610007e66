"""`make bench`, row 7: a synthetic province of 38 kabupaten × 100 offices (3,800 published portals,
tests/gatherkit.synthetic_province) served from 127.0.0.1 by a separate process; `iku ambil` of all
of them, then the gathering build (`make gabungan-situs` in a fresh clone: no chart cache), each
with wall time and peak memory; then one office publishes changed figures and both run again.

    .venv/bin/python tests/bench/gabungan.py [--kantor 3800]
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench.run import BIN, ENV, fresh_clone, run  # noqa: E402
from gatherkit import alter_results, publish, republish_sums, synthetic_province, write_list  # noqa: E402

# A keep-alive static server in its own process, so that the fetcher's Python is measured alone.
SERVER = """
import functools, sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
class Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms wait for an ACK
    def log_message(self, *args): pass
ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), functools.partial(Handler, directory=sys.argv[1])).serve_forever()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the bench server did not start")


def main(offices: int = 3800) -> list[tuple[str, str]]:
    rows = []
    regions, per_region = (38, offices // 38) if offices >= 38 else (1, offices)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        template = publish(ROOT / "data", tmp / "template")
        sites = synthetic_province(tmp / "portal", template, regions, per_region)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(tmp / "portal"), str(port)])
        try:
            wait_for(port)
            daftar = write_list(tmp / "DAFTAR.yml", [{"slug": slug, "url": f"http://127.0.0.1:{port}/{slug}/"} for slug, _ in sites])
            project = fresh_clone(tmp / "clone")
            env = {**ENV, "PYTHONPATH": str(project)}
            fetch = [str(BIN / "iku"), "ambil", str(daftar), "--ke", str(tmp / "cuplikan")]
            build = [str(BIN / "properdocs"), "build", "--quiet", "--strict", "-f", "mkdocs.gabungan.yml", "-d", str(tmp / "site")]
            build_env = {**env, "IKU_CUPLIKAN": str(tmp / "cuplikan")}
            seconds, mib = run(fetch, env=env, cwd=project)
            shown = sum(1 for p in (tmp / "cuplikan").iterdir() if (p / "hasil.json").exists())
            rows.append((f"7. iku ambil, {len(sites):,} offices from 127.0.0.1", f"{seconds:.1f} s, peak {mib:,.0f} MiB, {shown:,} verified (goal ≤ 60 s, ≤ 1 GiB)"))
            seconds, mib = run(build, env=build_env, cwd=project)
            pages = len(list((tmp / "site").rglob("index.html")))
            rows.append(("   gathering build, no chart cache", f"{seconds:.1f} s, peak {mib:,.0f} MiB, {pages} pages (goal ≤ 60 s, ≤ 1 GiB)"))
            # One office publishes changed figures: the next gathering and build.
            slug, site = sites[0]
            alter_results(site, lambda d: d["hasil"][0].update(realisasi=round(d["hasil"][0]["realisasi"] + 1, 2)))
            republish_sums(site)
            seconds, _ = run(fetch, env=env, cwd=project)
            history = json.loads((tmp / "cuplikan" / slug / "riwayat.json").read_text(encoding="utf-8"))
            rows.append(("   iku ambil again, one office changed", f"{seconds:.1f} s, {len(history[-1]['perubahan'])} figure change(s) recorded"))
            seconds, mib = run(build, env=build_env, cwd=project)
            rows.append(("   gathering build again (chart cache warm)", f"{seconds:.1f} s, peak {mib:,.0f} MiB"))
        finally:
            server.terminate()
            server.wait()
    return rows


if __name__ == "__main__":
    count = int(sys.argv[sys.argv.index("--kantor") + 1]) if "--kantor" in sys.argv else 3800
    for name, value in main(count):
        print(f"{name:<50}  {value}")
