"""`make kabupaten` in parts (one Actions runner each) and joined: every office in exactly one
part, and the joined site byte for byte the site one `make kabupaten` builds; a join with a part
missing or a portal altered publishes nothing and says which office and why."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from iku.contoh import generate
from iku.kabupaten_bagian import BagianError, parse, pick
from projectkit import ROOT, copy_project

NAMES = ("Ajung", "Bangsalsari", "Wuluhan")
SITE_URL = "https://kabupaten-uji.github.io/portal-iku/"


def test_parts_deal_the_sorted_offices_in_turn():
    names = ["e", "c", "a", "d", "b"]
    assert [pick(names, k, 2) for k in (1, 2)] == [["a", "c", "e"], ["b", "d"]]
    assert [pick(names, k, 5) for k in range(1, 6)] == [["a"], ["b"], ["c"], ["d"], ["e"]]
    assert pick(names, 1, 1) == ["a", "b", "c", "d", "e"]
    for total in range(1, 6):  # every office in exactly one part, whatever the number of parts
        parts = [pick(names, k, total) for k in range(1, total + 1)]
        assert sorted(n for part in parts for n in part) == sorted(names)


def test_a_part_is_written_k_of_n():
    assert parse("2/4") == (2, 4) and parse(" 1 / 1 ") == (1, 1)
    with pytest.raises(BagianError) as error:
        parse("2-4")
    assert str(error.value) == 'BAGIAN "2-4" tidak dapat dibaca: tulis k/n, misalnya 2/4 (bagian ke-2 dari 4 bagian).'
    for text in ("5/4", "0/3", "1/0"):
        with pytest.raises(BagianError) as error:
            parse(text)
        k, n = text.split("/")
        assert str(error.value) == f"BAGIAN {k}/{n} tidak ada: bagian ke-k dari n harus 1 ≤ k ≤ n."


def test_more_parts_than_offices_is_refused():
    with pytest.raises(BagianError) as error:
        pick(["a", "b", "c"], 4, 4)
    assert str(error.value) == "4 bagian untuk 3 kantor: ada bagian yang kosong. Jumlah bagian paling banyak 3."


def build_offices(project: Path, *args: str, site_dir: Path) -> subprocess.CompletedProcess:
    """hooks/build_offices.py as `make kabupaten` runs it, with the kabupaten's address set."""
    env = {**os.environ, "PYTHONPATH": str(project), "SITE_URL": SITE_URL, "SOURCE_DATE_EPOCH": "1764547200"}
    return subprocess.run([sys.executable, str(project / "hooks" / "build_offices.py"), *args, "--site-dir", str(site_dir)],
                          cwd=project, env=env, capture_output=True, text=True)


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build in one go, and the same offices in two parts on 'separate runners' (separate
    folders, each with no chart cache, as on a fresh runner), small sizes to stay fast."""
    tmp = tmp_path_factory.mktemp("bagian")
    project = copy_project(tmp / "project")
    offices = generate(project / "instansi", ROOT / "data", rows=100, names=NAMES)
    whole = tmp / "utuh"
    result = build_offices(project, "instansi", "--jobs", "2", site_dir=whole)
    assert result.returncode == 0, result.stderr[-3000:]
    parts = []
    for k in (1, 2):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        parts.append(tmp / f"unduhan/kabupaten-bagian-{k}")
        result = build_offices(project, "instansi", "--bagian", f"{k}/2", site_dir=parts[-1])
        assert result.returncode == 0, result.stderr[-3000:]
    return project, offices, whole, parts


def test_each_part_builds_only_its_offices(built):
    project, offices, whole, parts = built
    assert [sorted(p.name for p in part.iterdir()) for part in parts] == [["ajung", "wuluhan"], ["bangsalsari"]]
    assert not (parts[0] / "index.html").exists()  # no overview in a part


def test_joined_parts_are_the_site_of_one_build_byte_for_byte(built, tmp_path):
    project, offices, whole, parts = built
    shutil.rmtree(project / ".cache", ignore_errors=True)  # the overview's charts drawn anew from hasil.json
    joined = tmp_path / "site-kabupaten"
    result = build_offices(project, "instansi", "--gabung", *map(str, parts), site_dir=joined)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "3 portal kantor digabung" in result.stdout
    ours, theirs = files(joined), files(whole)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert "Kecamatan Wuluhan" in ours["index.html"].decode() and "<svg" in ours["index.html"].decode()
    # Each office portal knows its own address under the kabupaten's.
    assert f"{SITE_URL}ajung/iku/iku-4/" in ours["ajung/sitemap.xml"].decode()
    assert f"<loc>{SITE_URL}tentang/</loc>" in ours["sitemap.xml"].decode()


def test_parts_built_in_one_folder_join_in_place_replacing_an_old_overview(built, tmp_path):
    """Locally: `make kabupaten BAGIAN=1/2`, `BAGIAN=2/2`, then `make kabupaten-gabung` (DARI defaults
    to site-kabupaten/ itself); leftovers of an earlier build there do not survive."""
    project, offices, whole, parts = built
    site = tmp_path / "site-kabupaten"
    shutil.copytree(whole, site)
    (site / "ajung" / "sisa-lama.html").write_text("lama")
    (site / "kantor-lama").mkdir()
    (site / "kantor-lama" / "index.html").write_text("lama")
    for part in parts:
        shutil.copytree(part, site, dirs_exist_ok=True)
    shutil.rmtree(site / "ajung")
    shutil.copytree(parts[0] / "ajung", site / "ajung")
    result = build_offices(project, "instansi", "--gabung", site_dir=site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert files(site) == files(whole)


def test_a_join_with_a_part_missing_names_its_offices_and_changes_nothing(built, tmp_path):
    project, offices, whole, parts = built
    site = tmp_path / "site-kabupaten"
    result = build_offices(project, "instansi", "--gabung", str(parts[1]), site_dir=site)
    assert result.returncode == 1
    where = parts[1].resolve()
    assert result.stderr.splitlines() == [
        "Bagian belum dapat digabung (2 masalah):",
        f"- ajung: portalnya tidak ada di {where} (bagian yang membangunnya belum selesai atau gagal)",
        f"- wuluhan: portalnya tidak ada di {where} (bagian yang membangunnya belum selesai atau gagal)",
    ]
    assert not site.exists()


def test_a_portal_in_two_parts_is_refused(built, tmp_path):
    project, offices, whole, parts = built
    again = tmp_path / "lagi"
    shutil.copytree(parts[1], again)
    result = build_offices(project, "instansi", "--gabung", *map(str, parts), str(again), site_dir=tmp_path / "site")
    assert result.returncode == 1
    assert f"- bangsalsari: portalnya ada di lebih dari satu bagian ({parts[1].resolve()}, {again.resolve()})" in result.stderr


def test_a_portal_altered_after_its_build_is_refused_and_nothing_is_published(built, tmp_path):
    project, offices, whole, parts = built
    copies = [tmp_path / p.name for p in parts]
    for part, copy in zip(parts, copies):
        shutil.copytree(part, copy)
    results = copies[1] / "bangsalsari" / "data" / "hasil.json"
    text = results.read_text(encoding="utf-8")
    altered = re.sub(r'"capaian": [0-9.]+', '"capaian": 999.0', text, count=1)
    assert altered != text
    results.write_text(altered, encoding="utf-8")
    (copies[0] / "wuluhan" / "data" / "instansi.yml").unlink()
    site = tmp_path / "site-kabupaten"
    site.mkdir()
    (site / "index.html").write_text("terbitan sebelumnya")
    result = build_offices(project, "instansi", "--gabung", *map(str, copies), site_dir=site)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Portal kantor tidak utuh (2 kantor), portal kabupaten tidak diterbitkan:",
        "- bangsalsari: hasil.json tidak cocok dengan SHA256SUMS (berkas berubah setelah diterbitkan)",
        "- wuluhan: data/instansi.yml tidak ada",
    ]
    assert (site / "index.html").read_text() == "terbitan sebelumnya"
