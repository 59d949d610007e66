"""Benchmark: the Riwayat (history) computation over a synthetic history of N data commits.

    .venv/bin/python tests/bench/riwayat.py [N]        (make bench runs it with N=500)

Builds a throwaway repository with `git fast-import` (N commits, each adding one trantib
complaint or changing one SKM value), then times, in the same run:
  baseline  one computation of the portal from the final data
  cold      the whole trail with an empty cache (every commit computed)
  warm      the whole trail again, figures read from the on-disk cache (what a rebuild costs)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from iku.history import read_trail  # noqa: E402
from iku.load import read_files  # noqa: E402
from iku.portal import compute_from  # noqa: E402


def synthetic_history(repo: Path, commits: int) -> None:
    files = read_files(ROOT / "data")
    complaints = files["register/aduan_trantib.csv"].decode()
    skm = files["register/skm.csv"].decode().splitlines()
    stream = []

    def blob(path: str, text: bytes) -> None:
        stream.append(f"M 100644 inline data/{path}\ndata {len(text)}\n".encode() + text + b"\n")

    clock = 1_700_000_000
    for n in range(commits):
        clock += 3600
        message = f"Perubahan data ke-{n + 1}".encode()
        stream.append(f"commit refs/heads/main\nauthor Staf {n % 7} <staf@example.invalid> {clock} +0700\n"
                      f"committer Staf {n % 7} <staf@example.invalid> {clock} +0700\n"
                      f"data {len(message)}\n".encode() + message + b"\n")
        if n == 0:
            for path, content in files.items():
                blob(path, content)
        elif n % 2:
            day = 1 + n % 28
            complaints += f"TRANTIB/2025/{900 + n:04d},2025-03-{day:02d},Kebisingan,Petung,selesai,2025-03-{day:02d}\n"
            blob("register/aduan_trantib.csv", complaints.encode())
        else:
            row = 1 + n % (len(skm) - 1)
            cells = skm[row].split(",")
            cells[4] = f"{2.5 + (n % 150) / 100:.2f}"
            skm[row] = ",".join(cells)
            blob("register/skm.csv", ("\n".join(skm) + "\n").encode())
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], input=b"".join(stream), check=True)
    subprocess.run(["git", "-C", str(repo), "checkout", "-q", "main"], check=True)


def timed(work) -> tuple[float, object]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def main(commits: int = 500) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        repo, cache = Path(tmp) / "repo", Path(tmp) / "cache"
        synthetic_history(repo, commits)
        data = repo / "data"
        baseline, _ = timed(lambda: compute_from(data, read_files(data)))
        cold, trail = timed(lambda: read_trail(data, cache))
        warm, again = timed(lambda: read_trail(data, cache))
        assert len(trail.entries) == commits and again.entries == trail.entries
        return [
            ("Riwayat: data commits", f"{commits}"),
            ("baseline: one portal computation", f"{baseline:.2f} s"),
            ("Riwayat, empty cache (cold)", f"{cold:.1f} s = {cold / baseline:.0f}× baseline; computed {trail.cache_stats[1]} "
             f"(goal ≤ {2 if commits <= 100 else 10} s)"),
            ("Riwayat, cache filled (rebuild)", f"{warm:.2f} s = {warm / baseline:.1f}× baseline; computed {again.cache_stats[1]}"),
        ]


if __name__ == "__main__":
    for name, value in main(int(sys.argv[1]) if len(sys.argv) > 1 else 500):
        print(f"{name:<40} {value}")
