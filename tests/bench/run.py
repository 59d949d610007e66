"""`make bench`: one table of timings, each measured in this run next to its baseline.

    .venv/bin/python tests/bench/run.py [--quick] [--engine mkdocs]

1. full build vs a plain `properdocs build` of the same pages without computation or charts: warm
   (this checkout, cache filled by the first of two runs) and cold (a fresh clone: no .cache,
   no bytecode, as every GitHub Pages deploy), and the five largest costs of that cold build
   (cProfile, cumulative time per cost centre; imports also happen inside the others);
2. build time and peak memory with 10^3, 10^5 and 10^6 register rows (one synthetic office), and
   the five largest costs of the largest of these builds (a second, profiled run);
3. build of all 31 kecamatan (`make kabupaten`: 31 portals + the overview, 2 jobs);
   rows 2 and 3 are new data, so each runs in a fresh clone of HEAD with no .cache: a warm
   cache from an earlier run would hide their charts and workbooks;
4. rebuild after one CSV edit, as `properdocs serve` does (same process, config reloaded);
5. chart rendering with the content-hash cache: hits and misses on a rebuild;
6. the Riwayat over a synthetic history of 500 data commits (tests/bench/riwayat.py);
7. the gathering portal over a synthetic province of 3,800 published offices served from 127.0.0.1:
   `iku ambil` and the gathering build, each with time and peak memory, then again after one office
   changed (tests/bench/gabungan.py).
8. `iku impor` of a 10^5-row sheet (tests/bench/impor.py) and the workbook writers per cell
   (tests/bench/xlsx.py).
`--quick` uses smaller sizes (for a smoke run); the numbers in notes come from the full run.
`--engine mkdocs` times rows 1 and 2 with MkDocs 1.6 instead of ProperDocs (to compare engines);
the other rows always run as `make` and the tests do, on ProperDocs.
The cold rows build a fresh clone of HEAD: commit before measuring a change.
"""

from __future__ import annotations

import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
BIN = Path(sys.executable).parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000"}
ENGINE = sys.argv[sys.argv.index("--engine") + 1] if "--engine" in sys.argv else "properdocs"

from iku.contoh import generate  # noqa: E402


def run(command: list[str], env: dict | None = None, cwd: Path = ROOT) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MiB) of a child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024


def engine_build(*args: str) -> list[str]:
    return [str(BIN / ENGINE), "build", "--quiet", *args]


def fresh_clone(target: Path) -> Path:
    """HEAD in a new folder with no .cache, using this checkout's environment (as CI would)."""
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    (target / ".venv").symlink_to(BIN.parent)
    return target


def plain_baseline(tmp: Path) -> Path:
    """The same Markdown pages (IKU pages included as placeholders), no hooks, macros or charts."""
    project = tmp / "plain"
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("en", "kabupaten", "overrides"))
    for n in range(1, 7):
        (project / "docs" / "iku" / f"iku-{n}.md").write_text(f"# IKU {n}\n\n{{{{ halaman_iku('IKU-{n}') }}}}\n")
    (project / "mkdocs.yml").write_text(
        "site_name: Baseline\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
        "markdown_extensions:\n  - admonition\n  - tables\n")
    return project


# Cost centres of one build: (label, file the function is in, function name).
COST_CENTRES = (
    ("imports", "<frozen importlib._bootstrap>", "_find_and_load"),
    ("data: load+validate+compute", "iku/portal.py", "build"),
    ("data: read CSV files", "iku/load.py", "load"),
    ("register.xlsx (XlsxWriter)", "iku/excel/template.py", "workbook_bytes"),
    ("validation (every data state)", "iku/validate.py", "validate"),
    ("Riwayat (git, figures per commit)", "iku/history.py", "read_trail"),
    ("charts (Altair, vl-convert, cache)", "iku/charts.py", "get"),
    ("pages: macros (Jinja)", "mkdocs_macros/plugin.py", "on_page_markdown"),
    ("pages: Markdown to HTML", f"{ENGINE}/structure/pages.py", "render"),
    ("pages: theme templates", f"{ENGINE}/commands/build.py", "_build_page"),
    ("search index", "search/plugin.py", "on_post_build"),
)


def top_costs(profile: Path, count: int = 5) -> str:
    stats = pstats.Stats(str(profile)).stats
    totals = {label: max((cumulative for (file, _, function), (_, _, _, cumulative, _) in stats.items()
                          if file.endswith(suffix) and function == name), default=0.0)
              for label, suffix, name in COST_CENTRES}
    ranked = sorted(totals.items(), key=lambda item: -item[1])[:count]
    return "; ".join(f"{label} {seconds:.1f} s" for label, seconds in ranked)


def main(quick: bool = False) -> None:
    table: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)

        # 1. portal build vs plain build (each run twice, the faster kept: the machine is noisy)
        plain = plain_baseline(tmp)
        base = min(run(engine_build("-f", str(plain / "mkdocs.yml"), "-d", str(tmp / "s0")))[0] for _ in range(2))
        full = min(run(engine_build("--strict", "-f", "mkdocs.yml", "-d", str(tmp / "s1")))[0] for _ in range(2))
        table.append((f"1. plain {ENGINE} build (baseline)", f"{base:.1f} s"))
        table.append(("   full portal build (Indonesian)", f"{full:.1f} s = {full / base:.2f}× baseline (goal ≤ 1.5×)"))
        clone = tmp / "clone"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        cold_env = {**ENV, "PYTHONPATH": str(clone)}
        cold, _ = run(engine_build("--strict", "-f", "mkdocs.yml", "-d", str(tmp / "s2")), env=cold_env, cwd=clone)
        table.append(("   full portal build, no cache at all (cold)", f"{cold:.1f} s = {cold / base:.2f}× baseline (goal ≤ 2×)"))
        shutil.rmtree(clone / ".cache")
        profile = tmp / "build.prof"
        run([sys.executable, "-m", "cProfile", "-o", str(profile), str(BIN / ENGINE), "build", "--quiet", "--strict",
             "-f", "mkdocs.yml", "-d", str(tmp / "s3")], env=cold_env, cwd=clone)
        table.append(("   top five costs of that cold build", top_costs(profile)))

        # 2. register size: new data, so each build starts with no cache (a fresh clone)
        sizes = (10**3, 10**4) if quick else (10**3, 10**5, 10**6)
        for rows in sizes:
            root = generate(tmp / f"n{rows}", ROOT / "data", rows=rows, names=("Bangsalsari",))[0]
            project = fresh_clone(tmp / f"clone{rows}")
            big_env = {**ENV, "PYTHONPATH": str(project), "IKU_DATA": str(root)}
            seconds, mib = run(engine_build("--strict", "-f", "mkdocs.yml", "-d", str(tmp / f"site{rows}")), env=big_env, cwd=project)
            table.append((f"2. build with {rows:>9,} register rows", f"{seconds:.1f} s = {seconds / base:.1f}× baseline, peak {mib:,.0f} MiB"))
            if rows == sizes[-1]:
                shutil.rmtree(project / ".cache")
                profile = tmp / f"build{rows}.prof"
                run([sys.executable, "-m", "cProfile", "-o", str(profile), str(BIN / ENGINE), "build", "--quiet", "--strict",
                     "-f", "mkdocs.yml", "-d", str(tmp / f"site{rows}p")], env=big_env, cwd=project)
                table.append((f"   top five costs of that {rows:,}-row build", top_costs(profile)))

        # 3. all 31 kecamatan, new data (a fresh clone: no cache)
        offices = tmp / "instansi"
        count = 4 if quick else 31
        generate(offices, ROOT / "data", rows=1000, names=__import__("iku.contoh", fromlist=["x"]).JEMBER_KECAMATAN[:count])
        project = fresh_clone(tmp / "clone-kabupaten")
        seconds, _ = run(["make", "--no-print-directory", "kabupaten", f"INSTANSI={offices}"],
                         env={**ENV, "PYTHONPATH": str(project)}, cwd=project)
        table.append((f"3. {count} kecamatan + overview (make kabupaten)", f"{seconds:.0f} s = {seconds / base:.0f}× baseline (goal ≤ 45 s for 31)"))

        # 4 and 5. rebuild after one CSV edit in one process, as properdocs serve does
        from sitebuild import build_site

        from iku import charts
        from projectkit import copy_project

        project = copy_project(tmp / "serve")
        build_site(project, tmp / "serve-site")
        register = project / "data" / "register" / "aduan_trantib.csv"
        # One complaint settled: IKU-4 changes, so its chart must be re-rendered, the others not.
        register.write_text(register.read_text(encoding="utf-8").replace(",proses,", ",selesai,2025-12-30", 1), encoding="utf-8")
        start = time.perf_counter()
        build_site(project, tmp / "serve-site")
        rebuild = time.perf_counter() - start
        table.append(("4. rebuild after one CSV edit (serve)", f"{rebuild:.1f} s = {rebuild / base:.1f}× baseline (goal ≤ 0.7 s)"))
        table.append(("5. charts on that rebuild", f"{charts.svg_cache.hits} from cache, {charts.svg_cache.misses} rendered"))

    from bench.riwayat import main as riwayat

    table += [(f"6. {name}", value) for name, value in riwayat(100 if quick else 500)]

    from bench.gabungan import main as gabungan

    table += gabungan(380 if quick else 3800)

    from bench.impor import measure as impor_bench
    from bench.xlsx import main as xlsx_bench

    table.append(("8. " + impor_bench(10**4 if quick else 10**5), "goal ≤ 8 s, ≤ 400 MiB for 10^5 rows"))
    table += [(f"   {name}", value) for name, value in xlsx_bench(10**4 if quick else 10**5)]
    width = max(len(name) for name, _ in table)
    print(f"{'measurement':<{width}}  result")
    for name, value in table:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
