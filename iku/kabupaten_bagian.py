"""`make kabupaten` in parts (bagian), for a kabupaten keeping every office under instansi/<slug>/:
each part builds the portals of some offices (on its own runner of an Actions matrix), and a last
step joins the parts and builds the overview from what the office portals published.

The split is deterministic: the sorted office slugs dealt in turn, so part k of n holds the k-th,
(k+n)-th, ... office and every office is in exactly one part. The join reads each portal's
`data/hasil.json` and `data/instansi.yml` (both checked against the portal's own SHA256SUMS, as
a gathering portal checks an office) into the same `iku.kabupaten.Kantor` records that computing
the data gives, so the overview is byte for byte the one an unsplit `make kabupaten` builds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from iku.export import figures_frame
from iku.kabupaten import Kantor
from iku.load import read_yaml
from iku.snapshot import PUBLISHED, Invalid, check_listed, verify

# Read from <portal>/data/: the four files an office publishes for others, and its profile.
READ = (*PUBLISHED, "instansi.yml")


class BagianError(Exception):
    """A part cannot be built or the parts cannot be joined; the message says why, in Indonesian."""


def parse(text: str) -> tuple[int, int]:
    """'2/4' -> (2, 4): the second part of four."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text or "")
    if match is None:
        raise BagianError(f'BAGIAN "{text}" tidak dapat dibaca: tulis k/n, misalnya 2/4 (bagian ke-2 dari 4 bagian).')
    index, total = int(match[1]), int(match[2])
    if total < 1 or not 1 <= index <= total:
        raise BagianError(f"BAGIAN {index}/{total} tidak ada: bagian ke-k dari n harus 1 ≤ k ≤ n.")
    return index, total


def pick(names: list[str], index: int, total: int) -> list[str]:
    """The offices of part `index` of `total`. More parts than offices would leave a part empty
    (its job would publish nothing, and a missing upload would go unnoticed): refused."""
    if total > len(names):
        raise BagianError(f"{total} bagian untuk {len(names)} kantor: ada bagian yang kosong. "
                          f"Jumlah bagian paling banyak {len(names)}.")
    return sorted(names)[index - 1::total]


def locate(names: list[str], sources: list[Path]) -> dict[str, Path]:
    """Each office's built portal among the parts' folders: exactly one per office, or BagianError
    naming every office that is missing or built twice."""
    found = {name: [s / name for s in sources if (s / name / "index.html").is_file()] for name in sorted(names)}
    where = ", ".join(str(s) for s in sources) or "(tidak ada folder)"
    problems = [f"- {name}: portalnya tidak ada di {where} (bagian yang membangunnya belum selesai atau gagal)"
                for name, paths in found.items() if not paths]
    problems += [f"- {name}: portalnya ada di lebih dari satu bagian ({', '.join(str(p.parent) for p in paths)})"
                 for name, paths in found.items() if len(paths) > 1]
    if problems:
        raise BagianError(f"Bagian belum dapat digabung ({len(problems)} masalah):\n" + "\n".join(problems))
    return {name: paths[0] for name, paths in found.items()}


def read_published(portal: Path) -> Kantor:
    """What the overview shows of one office, from its built portal (Invalid when a file is missing
    or does not match the portal's SHA256SUMS)."""
    data = portal / "data"
    missing = [f"data/{name}" for name in READ if not (data / name).is_file()]
    if missing:
        raise Invalid(f"{', '.join(missing)} tidak ada")
    files = {name: (data / name).read_bytes() for name in READ}
    verify(files, gathered=False)  # the portal's own schema; the gathering limits are for strangers' files
    check_listed(files, ["instansi.yml"])
    results = json.loads(files["hasil.json"].decode("utf-8"))
    profile, _ = read_yaml("instansi.yml", files["instansi.yml"])
    if profile is None:
        raise Invalid("data/instansi.yml tidak dapat dibaca")
    return Kantor.of(profile, figures_frame(results["hasil"]))


def check_published(portals: dict[str, Path]) -> None:
    """Every portal readable and intact, or BagianError naming each office and what is wrong."""
    problems = []
    for name, portal in sorted(portals.items()):
        try:
            read_published(portal)
        except Invalid as error:
            problems.append(f"- {name}: {error}")
    if problems:
        raise BagianError(f"Portal kantor tidak utuh ({len(problems)} kantor), portal kabupaten tidak diterbitkan:\n"
                          + "\n".join(problems))


def load_published(folder: Path) -> dict[str, Kantor]:
    """Every office portal under `folder` (<slug>/data/...), by slug in sorted order."""
    return {p.name: read_published(p) for p in sorted(Path(folder).iterdir()) if p.is_dir()}
