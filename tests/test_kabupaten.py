"""Many offices: synthetic data roots from `iku contoh`, each office's own portal built from the
same mkdocs.yml (IKU_DATA), and the kabupaten overview comparing them (small sizes for CI)."""

from __future__ import annotations

import csv

import pytest

from iku import cli, kabupaten
from iku.contoh import JEMBER_KECAMATAN, generate
from iku.portal import check
from projectkit import ROOT, copy_project
from sitebuild import build_site

NAMES = ("Ajung", "Bangsalsari", "Wuluhan")


@pytest.fixture(scope="module")
def offices(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("instansi"), ROOT / "data", rows=300, names=NAMES)


def test_there_are_31_kecamatan_in_jember():
    assert len(JEMBER_KECAMATAN) == len(set(JEMBER_KECAMATAN)) == 31


def test_synthetic_roots_pass_the_checks_and_are_marked(offices):
    for root in offices:
        valid, problems = check(root)
        assert valid is not None, [str(p) for p in problems]
        profile = (root / "instansi.yml").read_text(encoding="utf-8")
        assert "data_sintetis: true" in profile
    assert [r.name for r in offices] == ["ajung", "bangsalsari", "wuluhan"]


def test_generation_is_reproducible(offices, tmp_path):
    again = generate(tmp_path, ROOT / "data", rows=300, names=NAMES)
    for a, b in zip(offices, again):
        assert (a / "register" / "aduan_trantib.csv").read_bytes() == (b / "register" / "aduan_trantib.csv").read_bytes()


def settled_share(root, year: int) -> float:
    """IKU-4 by hand from the generated register: settled / received × 100."""
    with open(root / "register" / "aduan_trantib.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["tanggal_masuk"].startswith(str(year))]
    return sum(r["status"] == "selesai" for r in rows) / len(rows) * 100


def half_up(value: float) -> float:
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def test_overview_compares_offices_with_figures_worked_out_from_their_registers(offices):
    portals, failed = kabupaten.load_offices(offices[0].parent)
    assert failed == {} and list(portals) == ["ajung", "bangsalsari", "wuluhan"]
    page = kabupaten.overview(portals, failed, "Kabupaten Uji")
    assert "Data sintetis" in page and "Kecamatan Wuluhan" in page and 'href="ajung/"' in page
    for root in offices:
        target = next(r for r in csv.DictReader(open(root / "target.csv", encoding="utf-8")) if r["kode"] == "IKU-4" and r["tahun"] == "2025")
        # As Metodologi says: realisasi rounded to two decimals first, then capaian from it.
        realisasi = half_up(settled_share(root, 2025))
        capaian = half_up(realisasi / float(target["target"]) * 100)
        shown = f"{capaian:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%"
        assert shown in page, (root.name, shown)


def test_overview_lists_an_office_whose_data_is_invalid(offices, tmp_path):
    import shutil

    folder = tmp_path / "instansi"
    shutil.copytree(offices[0], folder / "ajung")
    shutil.copytree(offices[1], folder / "rusak")
    (folder / "rusak" / "target.csv").write_text("kode,tahun,target\nIKU-1,20x5,4\n", encoding="utf-8")
    portals, failed = kabupaten.load_offices(folder)
    assert list(portals) == ["ajung"] and "rusak" in failed
    assert "Kantor yang datanya belum valid" in kabupaten.overview(portals, failed, "Uji")


def test_office_portal_and_overview_build(offices, tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("IKU_DATA", str(offices[2]))
    office = build_site(project, tmp_path / "site" / "wuluhan")
    page = (office / "iku" / "iku-4" / "index.html").read_text(encoding="utf-8")
    assert "Data sintetis" in page and "Kecamatan Wuluhan" in page

    monkeypatch.setenv("IKU_KABUPATEN", str(offices[0].parent))
    overview = build_site(project, tmp_path / "overview", "mkdocs.kabupaten.yml")
    html = (overview / "index.html").read_text(encoding="utf-8")
    assert "Kecamatan Ajung" in html and "<svg" in html and "Data sintetis" in html
    # named from the offices' instansi.yml (jenis: kecamatan, kabupaten: Kabupaten Jember)
    assert "<title>Perbandingan - Kinerja Kecamatan se-Kabupaten Jember</title>" in html
    for built in (page, html):  # same theme, same Content Security Policy (issue 15)
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\' \'sha256-' in built


def test_iku_contoh_command(tmp_path, capsys):
    assert cli.main(["contoh", "--ke", str(tmp_path / "x"), "--baris", "100", "--jumlah", "2"]) == 0
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["ajung", "ambulu"]
    assert "2 folder data sintetis" in capsys.readouterr().out


def test_make_kabupaten_builds_the_same_sites_as_one_build_per_office(offices, tmp_path):
    """hooks/build_offices.py (several offices per process, 2 processes) writes byte for byte
    what the separate `properdocs build` of each office and of the overview write."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    project = copy_project(tmp_path / "project")
    folder = offices[0].parent
    subprocess.run([sys.executable, str(project / "hooks" / "build_offices.py"), str(folder), "--jobs", "2"],
                   check=True, cwd=project, env={**os.environ, "PYTHONPATH": str(project)})
    built = project / "site-kabupaten"

    # As the old Makefile did: one `properdocs build` process per office and one for the overview.
    # (Separate processes, not build_site here: vl-convert numbers SVG gradients per process.)
    separate = tmp_path / "separate"
    shutil.rmtree(project / ".cache")  # every chart drawn again, not taken from the run above
    engine = [str(Path(sys.executable).parent / "properdocs"), "build", "--strict", "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(project), "IKU_KABUPATEN": str(folder)}
    subprocess.run([*engine, "-f", "mkdocs.kabupaten.yml", "-d", str(separate)], check=True, cwd=project, env=env)
    for root in offices:
        subprocess.run([*engine, "-f", "mkdocs.yml", "-d", str(separate / root.name)], check=True, cwd=project,
                       env={**env, "IKU_DATA": str(root), "IKU_SATU_EDISI": "1"})

    def files(site):
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

    ours, theirs = files(built), files(separate)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert "ajung/iku/iku-4/index.html" in ours and not (project / "site-kabupaten.baru").exists()
    # Office portals have no English edition here, so no switch that would lead to a missing page.
    assert 'hreflang="en"' not in ours["ajung/index.html"].decode() and "ajung/en/index.html" not in ours


def office(region: str, jenis: str) -> kabupaten.Kantor:
    import pandas as pd

    return kabupaten.Kantor("x", False, pd.DataFrame(), region, jenis)


@pytest.mark.parametrize(("declared", "title"), [
    ([("Kabupaten Jember", "kecamatan")] * 3, "Kinerja Kecamatan se-Kabupaten Jember"),
    ([("Kota Malang", "puskesmas"), ("Kota Malang", "Puskesmas")], "Kinerja Puskesmas se-Kota Malang"),
    ([("Kabupaten Sleman", "kecamatan"), ("Kabupaten Sleman", "kelurahan")], "Kinerja Kantor se-Kabupaten Sleman"),
    ([("Kabupaten Sleman", "kecamatan"), ("Kabupaten Sleman", "")], "Kinerja Kantor se-Kabupaten Sleman"),
    ([("Kabupaten Sleman", "dinas"), ("Kabupaten Bantul", "dinas")], "Perbandingan Kinerja Dinas"),
    ([], "Perbandingan Kinerja Kantor"),
])
def test_overview_is_named_from_what_the_offices_declare(declared, title):
    assert kabupaten.region_title({str(n): office(*d) for n, d in enumerate(declared)}) == title


def _puskesmas(folder, slugs):
    import shutil

    for slug in slugs:
        shutil.copytree(ROOT / "tests" / "fixtures" / "puskesmas-rekaan", folder / slug)
        profile = folder / slug / "instansi.yml"
        profile.write_text(profile.read_text(encoding="utf-8") + "jenis: puskesmas\n", encoding="utf-8")


def test_overview_of_puskesmas_names_no_kecamatan_and_no_jember(tmp_path, monkeypatch):
    """A kabupaten of two Puskesmas builds its overview from mkdocs.kabupaten.yml unchanged."""
    folder = tmp_path / "instansi"
    _puskesmas(folder, ("sidomakmur", "sidomulyo"))
    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("IKU_KABUPATEN", str(folder))
    overview = build_site(project, tmp_path / "overview", "mkdocs.kabupaten.yml")
    html = (overview / "index.html").read_text(encoding="utf-8")
    assert "<title>Perbandingan - Kinerja Puskesmas se-Kabupaten Antah (rekaan)</title>" in html
    assert "<h1 id=\"kinerja-puskesmas-se-kabupaten-antah-rekaan\">Kinerja Puskesmas se-Kabupaten Antah (rekaan)</h1>" in html
    for page in overview.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Jember" not in text and "Kecamatan" not in text, page


def test_a_kabupaten_name_with_markup_is_shown_as_text(tmp_path, monkeypatch):
    folder = tmp_path / "instansi"
    _puskesmas(folder, ("satu",))
    profile = folder / "satu" / "instansi.yml"
    text = profile.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("kabupaten:"))
    profile.write_text(text.replace(line, 'kabupaten: "Kabupaten <img src=x onerror=alert(1)>"'), encoding="utf-8")
    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("IKU_KABUPATEN", str(folder))
    overview = build_site(project, tmp_path / "overview", "mkdocs.kabupaten.yml")
    for page in overview.rglob("*.html"):
        assert "<img src=x" not in page.read_text(encoding="utf-8"), page
    assert "Kinerja Puskesmas se-Kabupaten img src=x onerror=alert(1)" in (overview / "index.html").read_text(encoding="utf-8")
