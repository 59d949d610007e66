"""`make kabupaten`: the overview and every office's portal, built by a few long-lived
processes (one per core) instead of one ProperDocs process per office, so the start-up (Python,
ProperDocs, Material, pandas) is paid once per worker, not 32 times.

    python hooks/build_offices.py INSTANSI [--site-dir site-kabupaten] [--jobs 2]
    python hooks/build_offices.py INSTANSI --bagian 2/4        # only the offices of part 2 of 4
    python hooks/build_offices.py INSTANSI --gabung [FOLDER...] # join the parts, build the overview

Each office is the same build as `IKU_DATA=INSTANSI/<slug> properdocs build --strict` into
<site-dir>/<slug>/, and the overview the same as `IKU_KABUPATEN=INSTANSI properdocs build --strict
-f mkdocs.kabupaten.yml` (in-process, as tests/sitebuild.py builds). Everything is built into a staging folder beside <site-dir> and
moved into place at the end, so a failed office leaves the previous site untouched.

In parts (an Actions matrix, iku.kabupaten_bagian): `--bagian k/n` builds and replaces only its
offices' portals in <site-dir>; `--gabung` finds every office's portal in the given folders (the
parts' outputs; default <site-dir>), checks each against its SHA256SUMS, and builds the overview
from what they published: the same site, byte for byte, as the build in one go. With SITE_URL set
(the kabupaten's address), each office portal gets SITE_URL/<slug>/ as its own address.
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

from iku import kabupaten_bagian  # noqa: E402  (after the redirect above)

PROJECT = Path(__file__).resolve().parent.parent
OVERVIEW = ""  # the task name of the overview (an office is named by its folder)
# The overview of joined parts: read from the office portals built (IKU_KABUPATEN_PORTAL).
JOINED = "/"
# The kabupaten's address; each office portal lives at <address>/<slug>/. Read once, before any
# build sets SITE_URL for one office (workers inherit the original from the parent process).
BASE_URL = os.environ.get("SITE_URL", "")


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
    os.environ["SITE_URL"] = BASE_URL
    os.environ.pop("IKU_KABUPATEN_PORTAL", None)
    if name in (OVERVIEW, JOINED):
        os.environ["IKU_KABUPATEN_PORTAL" if name == JOINED else "IKU_KABUPATEN"] = offices
        config_file = PROJECT / "mkdocs.kabupaten.yml"
    else:
        os.environ["IKU_DATA"] = str(Path(offices) / name)  # read by mkdocs.yml (data_dir: !ENV IKU_DATA)
        os.environ["IKU_SATU_EDISI"] = "1"  # no English edition per office: no language switch (hooks/iku_site.py)
        if BASE_URL:
            os.environ["SITE_URL"] = BASE_URL.rstrip("/") + f"/{name}/"
        config_file = PROJECT / "mkdocs.yml"
    build(load_config(str(config_file), site_dir=site_dir, strict=True))
    return name


def office_names(offices: Path) -> list[str]:
    return sorted(p.name for p in (PROJECT / offices).iterdir() if p.is_dir())


def build_all(offices: Path, site_dir: Path, jobs: int, part: tuple[int, int] | None = None) -> list[str]:
    """`offices` as the user gave it (relative to the project, as the adapters read it). With
    `part` (k, n) only the offices of that part, and no overview (see join)."""
    names = office_names(offices)
    if part:
        names = kabupaten_bagian.pick(names, *part)
    stage = site_dir.with_name(site_dir.name + ".baru")
    shutil.rmtree(stage, ignore_errors=True)
    # The overview first: it computes every office, the longest task.
    tasks = [] if part else [(OVERVIEW, str(offices), str(stage / "ikhtisar"))]
    tasks += [(name, str(offices), str(stage / "kantor" / name)) for name in names]
    with get_context("spawn").Pool(max(1, min(jobs, len(tasks)))) as pool:
        for _ in pool.imap_unordered(build_one, tasks):
            pass
    if part:  # the other parts' portals (built here before, or by another runner) stay as they are
        site_dir.mkdir(parents=True, exist_ok=True)
    else:
        shutil.rmtree(site_dir, ignore_errors=True)
        (stage / "ikhtisar").rename(site_dir)
    for name in names:
        shutil.rmtree(site_dir / name, ignore_errors=True)
        (stage / "kantor" / name).rename(site_dir / name)
    shutil.rmtree(stage)
    return names


def join(offices: Path, site_dir: Path, sources: list[Path]) -> list[str]:
    """The parts' office portals (each found in exactly one of `sources`, each intact) and the
    overview built from them, into `site_dir`; nothing is changed when a portal is missing."""
    portals = kabupaten_bagian.locate(office_names(offices), [s.resolve() for s in sources])
    kabupaten_bagian.check_published(portals)
    stage = site_dir.with_name(site_dir.name + ".baru")
    shutil.rmtree(stage, ignore_errors=True)
    for name, portal in portals.items():
        shutil.copytree(portal, stage / "kantor" / name)
    build_one((JOINED, str(stage / "kantor"), str(stage / "ikhtisar")))
    shutil.rmtree(site_dir, ignore_errors=True)
    (stage / "ikhtisar").rename(site_dir)
    for name in portals:
        (stage / "kantor" / name).rename(site_dir / name)
    shutil.rmtree(stage)
    return list(portals)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bangun portal semua kantor dan halaman perbandingannya.")
    parser.add_argument("instansi", type=Path, help="folder berisi satu folder data per kantor")
    parser.add_argument("--site-dir", type=Path, default=PROJECT / "site-kabupaten")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    way = parser.add_mutually_exclusive_group()
    way.add_argument("--bagian", metavar="K/N", help="bangun hanya portal kantor bagian ke-K dari N (tanpa halaman perbandingan)")
    way.add_argument("--gabung", metavar="FOLDER", type=Path, nargs="*",
                     help="gabungkan portal kantor dari folder hasil setiap bagian (bawaan: --site-dir), lalu bangun halaman perbandingan")
    args = parser.parse_args(argv)
    site_dir = args.site_dir.resolve()
    try:
        if args.gabung is not None:
            names = join(args.instansi, site_dir, args.gabung or [site_dir])
            print(f"{len(names)} portal kantor digabung, dengan halaman perbandingan: {args.site_dir}/index.html")
        elif args.bagian:
            index, total = kabupaten_bagian.parse(args.bagian)
            names = build_all(args.instansi, site_dir, args.jobs, (index, total))
            print(f"Bagian {index}/{total}: {len(names)} portal kantor ({', '.join(names)}) di {args.site_dir}/")
        else:
            names = build_all(args.instansi, site_dir, args.jobs)
            print(f"{len(names)} portal kantor dan halaman perbandingan: {args.site_dir}/index.html")
    except kabupaten_bagian.BagianError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
