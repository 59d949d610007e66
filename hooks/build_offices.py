"""`make kabupaten`: the overview and every office's portal, built by a few long-lived
processes (one per core) instead of one ProperDocs process per office, so the start-up (Python,
ProperDocs, Material, pandas) is paid once per worker, not 32 times.

    python hooks/build_offices.py INSTANSI [--site-dir site-kabupaten] [--jobs 2]

Each office is the same build as `IKU_DATA=INSTANSI/<slug> properdocs build --strict` into
<site-dir>/<slug>/, and the overview the same as `IKU_KABUPATEN=INSTANSI properdocs build --strict
-f mkdocs.kabupaten.yml` (in-process, as tests/sitebuild.py builds). Everything is built into a staging folder beside <site-dir> and
moved into place at the end, so a failed office leaves the previous site untouched.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
from multiprocessing import get_context
from pathlib import Path

# From here on every `mkdocs.*` import (Material's plugins, macros, our hooks) gets ProperDocs' module
# of the same name, as under the `properdocs` command. At the top of the module, so that each spawned
# worker (which imports this file first) redirects before anything loads `mkdocs` itself.
import properdocs.replacement  # noqa: F401  isort: skip

PROJECT = Path(__file__).resolve().parent.parent
OVERVIEW = ""  # the task name of the overview (an office is named by its folder)


def _quiet_but_strict() -> None:
    """Only warnings and errors on the terminal; the logger stays at WARNING so that strict
    mode still counts warnings (`--quiet` raises it to ERROR, which hides them from strict).
    ProperDocs counts warnings for --strict on its `properdocs` logger, while plugins and hooks log
    under `mkdocs.*`: hang `mkdocs` under `properdocs`, as its command (and tests/sitebuild.py) does."""
    logger = logging.getLogger("properdocs")
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)
        logger.addHandler(handler)
    legacy = logging.getLogger("mkdocs")
    legacy.parent = logger
    legacy.setLevel(logging.NOTSET)
    legacy.propagate = True


def build_one(task: tuple[str, str, str]) -> str:
    """Build the overview or one office (in a worker process) into its staging folder."""
    from properdocs.commands.build import build
    from properdocs.config import load_config

    name, offices, site_dir = task
    _quiet_but_strict()
    if name == OVERVIEW:
        os.environ["IKU_KABUPATEN"] = offices
        config_file = PROJECT / "mkdocs.kabupaten.yml"
    else:
        os.environ["IKU_DATA"] = str(Path(offices) / name)  # read by mkdocs.yml (data_dir: !ENV IKU_DATA)
        os.environ["IKU_SATU_EDISI"] = "1"  # no English edition per office: no language switch (hooks/iku_site.py)
        config_file = PROJECT / "mkdocs.yml"
    build(load_config(str(config_file), site_dir=site_dir, strict=True))
    return name


def build_all(offices: Path, site_dir: Path, jobs: int) -> list[str]:
    """`offices` as the user gave it (relative to the project, as the adapters read it)."""
    names = sorted(p.name for p in (PROJECT / offices).iterdir() if p.is_dir())
    stage = site_dir.with_name(site_dir.name + ".baru")
    shutil.rmtree(stage, ignore_errors=True)
    # The overview first: it computes every office, the longest task.
    tasks = [(OVERVIEW, str(offices), str(stage / "ikhtisar"))]
    tasks += [(name, str(offices), str(stage / "kantor" / name)) for name in names]
    with get_context("spawn").Pool(max(1, min(jobs, len(tasks)))) as pool:
        for _ in pool.imap_unordered(build_one, tasks):
            pass
    shutil.rmtree(site_dir, ignore_errors=True)
    (stage / "ikhtisar").rename(site_dir)
    for name in names:
        (stage / "kantor" / name).rename(site_dir / name)
    shutil.rmtree(stage)
    return names


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Bangun portal semua kantor dan halaman perbandingannya.")
    parser.add_argument("instansi", type=Path, help="folder berisi satu folder data per kantor")
    parser.add_argument("--site-dir", type=Path, default=PROJECT / "site-kabupaten")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    names = build_all(args.instansi, args.site_dir.resolve(), args.jobs)
    print(f"{len(names)} portal kantor dan halaman perbandingan: {args.site_dir}/index.html")


if __name__ == "__main__":
    main()
