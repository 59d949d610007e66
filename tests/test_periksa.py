"""`iku periksa` on inputs staff really produce.

tests/fixtures/dasar is a small valid data root. Each folder in fixtures/periksa holds one
mistake: the files that differ from dasar, and harapan.yml with where the mistake is (file,
row, column), its code and the key words a staff member must read. Each folder in
fixtures/diterima holds an input that must be accepted and give the same figures as dasar."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from iku import cli
from iku.compute import compute
from iku.messages import CATALOGUE
from iku.portal import check
from iku.problems import Severity, errors, format_report

FIXTURES = Path(__file__).parent / "fixtures"
MISTAKES = sorted((FIXTURES / "periksa").iterdir())
ACCEPTED = sorted((FIXTURES / "diterima").iterdir())


def data_root(tmp_path: Path, *overlays: Path, remove=()) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "dasar", root)
    for overlay in overlays:
        if overlay.is_dir():
            shutil.copytree(overlay, root, dirs_exist_ok=True)
    for rel in remove:
        (root / rel).unlink()
    return root


def test_there_are_at_least_40_mistakes():
    assert len(MISTAKES) >= 40


def test_base_fixture_is_valid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["periksa", str(data_root(tmp_path))]) == 0


@pytest.mark.parametrize("fixture", MISTAKES, ids=[m.name for m in MISTAKES])
def test_each_mistake_is_named_by_file_row_column(fixture, tmp_path, monkeypatch):
    expected = yaml.safe_load((fixture / "harapan.yml").read_text(encoding="utf-8"))
    root = data_root(tmp_path, fixture / "data", remove=expected.get("hapus", ()))
    monkeypatch.chdir(tmp_path)  # paths are shown relative to where the command runs: data/...

    _, problems = check(root)
    report = format_report(problems)
    found = [p for p in problems if p.code == expected["kode"]]
    assert found, f"no {expected['kode']} in:\n{report}"
    problem = next((p for p in found if (p.file, p.row, p.column) == (expected["berkas"], expected["baris"], expected["kolom"])), None)
    assert problem is not None, [(p.file, p.row, p.column) for p in found]
    for word in expected["kata"]:
        assert word in problem.message, (word, problem.message)
    if "pesan" in expected:  # the whole sentence, for the checks added since issue 20
        assert problem.message == expected["pesan"]
    assert problem.severity is Severity(expected["tingkat"])
    assert len(errors(problems)) == expected["jumlah_galat"], report

    assert str(problem) in report.splitlines()  # what the staff member reads: file:row:column: message
    assert cli.exit_code(problems) == (1 if expected["jumlah_galat"] else 0)


def figures(root: Path) -> dict:
    valid, problems = check(root)
    assert valid is not None, "\n".join(map(str, problems))
    portal = compute(valid)
    return {(code, r.year): (r.value, r.achievement) for code, results in portal.results.items() for r in results}


@pytest.mark.parametrize("fixture", ACCEPTED, ids=[a.name for a in ACCEPTED])
def test_inputs_from_excel_are_accepted_with_the_same_figures(fixture, tmp_path):
    given = figures(data_root(tmp_path / "given", fixture / "data"))
    reference = figures(data_root(tmp_path / "reference", fixture / "pembanding"))
    assert given == reference


def test_personal_data_is_never_printed_in_full(tmp_path, monkeypatch, capsys):
    fixture = FIXTURES / "periksa" / "nik-di-register"
    data_root(tmp_path, fixture / "data")
    monkeypatch.chdir(tmp_path)
    cli.main(["periksa", "data"])
    output = capsys.readouterr().out
    assert "3509120101800003" not in output and "NIK" in output


def test_github_annotations(tmp_path, monkeypatch, capsys):
    fixture = FIXTURES / "periksa" / "tanggal-tidak-ada-di-kalender"
    data_root(tmp_path, fixture / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli.main(["periksa", "data"]) == 1
    lines = capsys.readouterr().out.splitlines()
    annotation = next(l for l in lines if l.startswith("::error "))
    assert annotation.startswith("::error file=data/register/aduan_trantib.csv,line=14,title=tipe_tanggal (tanggal_selesai)::")
    assert "2024-02-31" in annotation


def test_no_annotations_outside_github(tmp_path, monkeypatch, capsys):
    data_root(tmp_path, FIXTURES / "periksa" / "target-negatif" / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    cli.main(["periksa", "data"])
    assert "::error" not in capsys.readouterr().out


def test_all_mistakes_are_reported_at_once(tmp_path, monkeypatch, capsys):
    overlays = [FIXTURES / "periksa" / name / "data" for name in ("target-negatif", "unsur-skm-di-atas-4", "nik-di-register")]
    data_root(tmp_path, *overlays)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["periksa", "data"]) == 1
    out = capsys.readouterr().out
    assert "data/target.csv:12:target:" in out
    assert "data/register/skm.csv:4:u3:" in out
    assert "data/register/aduan_trantib.csv:12:desa:" in out
    assert out.startswith("Ditemukan 3 kesalahan")


def test_usage_errors_exit_2(tmp_path, capsys):
    assert cli.main(["periksa", str(tmp_path / "tidak-ada")]) == 2
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["periksa", "a", "b"])
    assert exit_info.value.code == 2
    assert "Perintah tidak dikenali" in capsys.readouterr().err


def test_clean_data_says_so(monkeypatch, capsys):
    monkeypatch.chdir(Path(__file__).parent.parent)
    assert cli.main(["periksa", "data"]) == 0
    assert "Semua data valid." in capsys.readouterr().out


def test_every_code_in_the_catalogue_has_a_fixture_or_is_listed_here():
    covered = {yaml.safe_load((m / "harapan.yml").read_text(encoding="utf-8"))["kode"] for m in MISTAKES}
    # Codes reached another way: a missing folder; the generic wording of row rules, patterns and
    # unique columns, which Bangsalsari does not use (tests/test_kantor_lain.py shows each message).
    elsewhere = {"folder_tidak_ada", "tidak_sesuai_pola", "nilai_ganda",
                 "aturan_wajib_bila", "aturan_terisi_hanya_bila", "aturan_tidak_sebelum", "aturan_paling_besar"}
    assert set(CATALOGUE) - covered - elsewhere == set()
