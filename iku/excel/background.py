"""The site's register.xlsx made in a second process while the build checks and computes.

For large registers the workbook is the longest single step of a build (XlsxWriter needs about
5 µs a cell), yet it needs only the data root's files. So the build starts this module as a
child process before it loads the data; the child writes the workbook into the build's cache
(`.cache/xlsx`, the same content-keyed entry the build would make), and the build waits for it
only once it has read every page (hooks/iku_site.py on_env), where the entry is then found; the
Data page's size and SHA-256 of the files that wait for it are filled in then (iku.pages.data). Whatever happens to the
child, the result is the same: the build makes the workbook itself when the entry is missing.
Small data roots are not worth a process: below BIG_BYTES of CSV the build does it in-process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BIG_BYTES = 2 << 20  # about 30,000 register rows


def start(data_root: Path, cache: Path) -> subprocess.Popen | None:
    """The child making the workbook, or None when the data are small."""
    if sum(p.stat().st_size for p in Path(data_root).rglob("*.csv")) < BIG_BYTES:
        return None
    here = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen([sys.executable, "-m", "iku.excel.background", str(data_root), str(cache)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def wait(child: subprocess.Popen | None) -> None:
    if child is not None:
        child.wait()


def stop(child: subprocess.Popen | None) -> None:
    if child is not None and child.poll() is None:
        child.terminate()
        child.wait()


def main(data_root: Path, cache: Path) -> None:
    from iku import paket
    from iku.excel.commands import register_workbook, site_years, workbook_cache
    from iku.excel.registers import register_resources

    workbook_cache.use(cache)
    wanted = [paket.DESCRIPTOR, "instansi.yml", *(r["path"] for r in register_resources(data_root))]
    files = {rel: (data_root / rel).read_bytes() for rel in wanted if (data_root / rel).is_file()}
    register_workbook(data_root, files=files, partial=site_years(register_resources(data_root, files), files))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
