"""End-to-end: the whole site from the repository's data, built offline and strict.

Figures checked here are recomputed in the test from the raw CSV with the csv module and
the formula as the decree and PermenPANRB 14/2017 state it, independently of `iku`."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from mkdocs.exceptions import MkDocsException

from projectkit import DATA, ROOT, copy_project
from sitebuild import NetworkUsed, build_site, no_network

PAGES = ["index.html", "profil/index.html", "keputusan/index.html", "metodologi/index.html", "data/index.html",
         "iku/index.html", "404.html"] + [f"iku/iku-{n}/index.html" for n in range(1, 7)]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"))
    return build_site(project, project / "site")


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def register(name: str) -> list[dict]:
    with open(DATA / "register" / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def id_number(value: float) -> str:
    """Indonesian format with two decimals, trailing zeros dropped (88.57 -> '88,57')."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def test_every_page_exists_and_says_data_contoh(site):
    for page in PAGES:
        html = read(site, page)
        assert '<html lang="id"' in html, page
        if page != "404.html":  # the not-found page shows no figures
            assert "Data contoh" in html, page


def test_each_iku_page_has_a_static_svg_chart_with_text_alternative_and_table(site):
    for n in range(1, 7):
        html = read(site, f"iku/iku-{n}/index.html")
        assert "<svg" in html and "<figcaption>" in html and "<table" in html
        assert "Apa artinya?" in html
        assert "<script src=\"http" not in html


def test_trantib_settlement_2025_is_computed_from_the_register(site):
    rows = [r for r in register("aduan_trantib") if r["tanggal_masuk"].startswith("2025")]
    settled = [r for r in rows if r["status"] == "selesai"]
    percent = round(len(settled) / len(rows) * 100, 2)  # 31 / 35 × 100 = 88,571… -> 88,57
    assert id_number(percent) + "%" in read(site, "iku/iku-4/index.html")
    assert id_number(percent) + "%" in read(site, "index.html")


def test_ikm_2025_is_computed_from_the_register(site):
    rows = [r for r in register("skm") if r["tahun"] == "2025"]
    respondents = sum(int(r["responden"]) for r in rows)
    nrr = [sum(float(r[f"u{i}"]) * int(r["responden"]) for r in rows) / respondents for i in range(1, 10)]
    ikm = sum(nrr) / 9 * 25
    assert id_number(ikm) in read(site, "iku/iku-2/index.html")


def test_results_files(site):
    lines = (site / "data" / "hasil.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("kode,tahun,target,realisasi,capaian,kategori")
    assert len(lines) - 1 == 6 * 5  # six IKU × 2021–2025 with data
    assert '"hasil"' in (site / "data" / "hasil.json").read_text(encoding="utf-8")


def test_download_checksums_match_the_published_files(site):
    sums = (site / "data" / "SHA256SUMS").read_text().splitlines()
    assert len(sums) >= 10
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((site / "data" / name).read_bytes()).hexdigest() == digest
        assert digest in read(site, "data/index.html")
    # SHA256SUMS itself (made last, after the page was read) and nothing left unfilled, search index included
    assert hashlib.sha256((site / "data" / "SHA256SUMS").read_bytes()).hexdigest() in read(site, "data/index.html")
    assert not [p for p in site.rglob("*") if p.is_file() and b"ikumenunggu" in p.read_bytes()]
    assert (site / "data" / "register" / "skm.csv").read_bytes() == (DATA / "register" / "skm.csv").read_bytes()


def test_data_page_offers_the_register_workbook_next_to_the_csvs(site, tmp_path):
    from iku.excel.impor import impor

    html = read(site, "data/index.html")
    assert 'href="register.xlsx"' in html and 'href="register/skm.csv"' in html
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    assert impor(site / "data" / "register.xlsx", root).ok  # the published workbook imports unchanged
    for path in (DATA / "register").glob("*.csv"):
        assert (root / "register" / path.name).read_bytes() == path.read_bytes()


def test_decree_page_is_complete(site):
    html = read(site, "keputusan/index.html")
    for text in ("065/10/35.09.09/2023", "4 April 2023", "Drs. BASUKIK", "196706241988031002", "KEENAM",
                 "Nomor 53 Tahun 2015", "Dis. BASUKIK", "KELIMA", "Sekcam", "SUKMA-E"):
        assert text in html, text


def test_no_third_party_loads(site):
    for page in PAGES:
        html = read(site, page)
        for needle in ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com", "googletagmanager"):
            assert needle not in html, (page, needle)


def test_network_guard_itself_refuses_connections():
    with no_network(), pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))


def test_two_builds_are_byte_identical(site, tmp_path):
    project = site.parent
    again = build_site(project, tmp_path / "again")

    def digests(root: Path) -> dict[str, str]:
        return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(root.rglob("*")) if p.is_file()}

    assert digests(site) == digests(again)


def test_corrupted_register_stops_the_build_naming_file_row_and_column(project, tmp_path, caplog):
    path = project / "data" / "register" / "aduan_trantib.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[9].split(",")
    cells[1] = "31-02-2024"  # line 10, tanggal_masuk
    lines[9] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(MkDocsException):
        build_site(project, tmp_path / "site")
    message = caplog.text
    assert "data/register/aduan_trantib.csv:10:tanggal_masuk" in message
    assert "tidak valid" in message and "2024-02-29" in message
    assert not (tmp_path / "site" / "index.html").exists()


def test_html_and_jinja_in_data_are_shown_as_text(project, tmp_path):
    attack = "<script>alert(1)</script> {{ config.site_name }} {% raw %}"
    path = project / "data" / "register" / "kegiatan_pemberdayaan.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    last = lines[-1].split(",")
    last[2] = '"' + attack + '"'
    lines[-1] = ",".join(last)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    iku = project / "data" / "iku.csv"
    iku.write_text(iku.read_text(encoding="utf-8").replace("Sekcam", "Sekcam <b>tebal</b> {{ 7*7 }}"), encoding="utf-8")

    site = build_site(project, tmp_path / "site")
    page = read(site, "iku/iku-3/index.html")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ config.site_name }} {% raw %}" in page
    iku6 = read(site, "iku/iku-6/index.html")
    assert "<b>tebal</b>" not in iku6 and "&lt;b&gt;tebal&lt;/b&gt; {{ 7*7 }}" in iku6
    assert "49" not in iku6.split("tebal")[1][:40]


@pytest.mark.skipif(not (ROOT / ".git").exists() or shutil.which("git") is None, reason="needs the git checkout")
def test_newcomer_make_site_from_a_clean_clone(tmp_path):
    """`make site` in a fresh clone (committed files only), without network where unshare allows."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    if (ROOT / ".venv").exists():
        (clone / ".venv").symlink_to(ROOT / ".venv")
    command = ["make", "site"]
    # Without network: in a network namespace of its own where the user may make one (root), else
    # inside a user namespace too, where root would lose its reach over files other users own.
    for isolate in (["unshare", "-n"], ["unshare", "-rn"]):
        if shutil.which("unshare") and subprocess.run([*isolate, "true"], capture_output=True).returncode == 0:
            command = [*isolate, *command]
            break
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(command, cwd=clone, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert (clone / "site" / "iku" / "iku-4" / "index.html").exists()
    assert "WARNING" not in result.stderr


def test_build_and_iku_periksa_report_the_same_problems(project, tmp_path, caplog, capsys, monkeypatch):
    fixtures = ROOT / "tests" / "fixtures" / "periksa"
    broken = project / "data"
    # Three mistakes in three files of the full data (rows differ from the small fixtures: edit in place).
    (broken / "target.csv").write_text((broken / "target.csv").read_text(encoding="utf-8").replace("IKU-4,2024,90", "IKU-4,2024,-90"), encoding="utf-8")
    skm = broken / "register" / "skm.csv"
    skm.write_text(skm.read_text(encoding="utf-8").replace(",3.", ",4.9", 1), encoding="utf-8")
    shutil.copy(fixtures / "peringatan-berkas-tidak-dikenal" / "data" / "register" / "catatan_pribadi.csv", broken / "register")

    with pytest.raises(MkDocsException):
        build_site(project, tmp_path / "site")
    monkeypatch.chdir(project)
    from iku import cli
    assert cli.main(["periksa", "data"]) == 1
    printed = capsys.readouterr().out

    problem_lines = [line for line in printed.splitlines() if line.startswith("data/")]
    assert len(problem_lines) == 3  # two errors and one warning
    for line in problem_lines:
        assert line in caplog.text


def test_published_figures_are_those_built_before_issue_13(site):
    """hasil.csv/hasil.json as built before the build was made faster (tests/fixtures/hasil-sebelum,
    saved from the site built at commit 7593bc2): same rows, same values in every column they had.
    (Columns added since, by other changes, are not compared.)"""
    import json

    import pandas as pd

    before_dir = ROOT / "tests" / "fixtures" / "hasil-sebelum"
    before = pd.read_csv(before_dir / "hasil.csv", dtype=str, keep_default_na=False)
    now = pd.read_csv(site / "data" / "hasil.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(now[list(before.columns)], before)

    old = json.loads((before_dir / "hasil.json").read_text(encoding="utf-8"))
    new = json.loads((site / "data" / "hasil.json").read_text(encoding="utf-8"))
    # Not the data's fingerprint: the data files themselves changed since (issue 10 declared the
    # registers in datapackage.yaml and rewrote iku.csv's parameters), the figures did not.
    other = ("hasil", "sidik_data_sha256")
    assert {k: new[k] for k in old if k not in other} == {k: v for k, v in old.items() if k not in other}
    assert [{k: row[k] for k in old_row} for row, old_row in zip(new["hasil"], old["hasil"])] == old["hasil"]
    assert len(new["hasil"]) == len(old["hasil"]) == 30


def test_rebuild_with_every_chart_cached_imports_neither_altair_nor_vl_convert(site, tmp_path):
    """The site fixture's build filled the chart cache; a fresh process rebuilding it draws nothing
    and so needs neither library, and writes the same pages."""
    import sys

    project = site.parent
    script = ("import sys; sys.path.insert(0, 'tests-kit')\n"
              "from pathlib import Path\nfrom sitebuild import build_site\n"
              f"build_site(Path({str(project)!r}), Path({str(tmp_path / 'warm')!r}))\n"
              "print(sorted(m for m in ('altair', 'vl_convert') if m in sys.modules))\n")
    kit = tmp_path / "tests-kit"
    kit.mkdir()
    shutil.copy(ROOT / "tests" / "sitebuild.py", kit)
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(project)})
    assert out.stdout.strip().splitlines()[-1] == "[]"
    for page in PAGES:
        assert (tmp_path / "warm" / page).read_bytes() == (site / page).read_bytes(), page


def test_chart_cache_fills_each_folder_it_is_given(tmp_path):
    """A chart held in memory from an earlier build (another project's cache folder) is still
    written to this build's folder, so the next process finds it there."""
    from iku import charts

    spec = {"mark": "point", "data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    cache = charts.SvgCache()
    for folder in (tmp_path / "a", tmp_path / "b"):
        cache.use(folder)
        svg = cache.get(["uji"], lambda: spec)
        assert [p.read_text(encoding="utf-8") for p in folder.glob("*.svg")] == [svg]
