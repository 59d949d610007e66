"""Years already reported (issue 25): a figure an official release (tag rilis/…) published is
flagged when it moves, first and under its own heading in `iku bandingkan` (the pull-request
summary), and on the changed register line by `iku periksa` under GitHub Actions.

History of the throwaway repository, data = tests/fixtures/dasar plus four 2021 complaints:
  A  2021: TRANTIB/2021/001–003 selesai, 004 proses        tagged rilis/2021
  B  004 settled (selesai); target IKU-1 2026: 4 -> 5 dokumen
By hand: IKU-4 2021 realisasi 3/4 = 75% -> 4/4 = 100%; target 2021 is 85, so capaian
75 / 85 × 100 = 88,24% (Tinggi, 76–91) -> 100 / 85 × 100 = 117,65% (Sangat Tinggi, ≥ 91).
2026 has no realisation in rilis/2021: its target change is an ordinary change.
"""

from __future__ import annotations

import json

import pytest

from gitrepo import base_data_repo
from iku import cli

ADUAN = "data/register/aduan_trantib.csv"
RELEASED_2021 = ("TRANTIB/2021/001,2021-02-03,Kebisingan,Banjarsari,selesai,2021-02-10\n"
                 "TRANTIB/2021/002,2021-04-12,Pedagang kaki lima,Gambirono,selesai,2021-04-20\n"
                 "TRANTIB/2021/003,2021-07-05,Gangguan ketertiban umum,Banjarsari,selesai,2021-07-09\n"
                 "TRANTIB/2021/004,2021-11-22,Bangunan tanpa izin,Gambirono,proses,\n")


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    repo = base_data_repo(tmp_path_factory.mktemp("repo"))
    aduan = repo.path / ADUAN
    before = aduan.read_text(encoding="utf-8")
    assert before.endswith("\n") and len(before.splitlines()) == 69  # the 2021 rows are lines 70–73
    aduan.write_text(before + RELEASED_2021, encoding="utf-8")
    repo.released = repo.commit("Aduan 2021", "Staf A")
    repo.git("tag", "rilis/2021")
    repo.replace(ADUAN, "TRANTIB/2021/004,2021-11-22,Bangunan tanpa izin,Gambirono,proses,",
                 "TRANTIB/2021/004,2021-11-22,Bangunan tanpa izin,Gambirono,selesai,2022-01-10")
    repo.replace("data/target.csv", "IKU-1,2026,4", "IKU-1,2026,5")
    repo.commit("Aduan 2021/004 selesai; target IKU-1 2026", "Staf B")
    # As the workflow does: the pull request's base checked out beside it.
    repo.git("worktree", "add", "--detach", str(repo.path.parent / "sebelum"), repo.released)
    return repo


def test_bandingkan_puts_the_reported_year_first_with_its_tag(repo, monkeypatch, capsys):
    monkeypatch.chdir(repo.path)
    assert cli.main(["bandingkan", str(repo.path.parent / "sebelum" / "data"), "data"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "## Angka tahun yang sudah dilaporkan berubah"
    reported = [line for line in lines if line.startswith("| IKU-4 | 2021 |")]
    assert reported == [
        "| IKU-4 | 2021 | Realisasi | `rilis/2021` | 75% | 100% |",
        "| IKU-4 | 2021 | Capaian | `rilis/2021` | 88,24% | 117,65% |",
        "| IKU-4 | 2021 | Kategori | `rilis/2021` | Tinggi | Sangat Tinggi |",
    ]
    # The ordinary change comes after, under the usual heading.
    assert out.index("## Angka terbit yang berubah") > out.index(reported[-1])
    assert "1 angka lain berubah" in out
    assert "| IKU-1 | 2026 | Target | 4 dokumen | 5 dokumen |" in lines[lines.index("## Angka terbit yang berubah"):]


def test_bandingkan_json_names_the_tag(repo, monkeypatch, capsys):
    monkeypatch.chdir(repo.path)
    assert cli.main(["bandingkan", str(repo.path.parent / "sebelum" / "data"), "data", "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)
    assert [(c["code"], c["year"], c["figure"], c["dilaporkan_di"]) for c in changes] == [
        ("IKU-4", 2021, "realisasi", "rilis/2021"), ("IKU-4", 2021, "capaian", "rilis/2021"),
        ("IKU-4", 2021, "kategori", "rilis/2021"), ("IKU-1", 2026, "target", None)]


def test_periksa_under_actions_warns_on_the_changed_line(repo, monkeypatch, capsys):
    monkeypatch.chdir(repo.path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli.main(["periksa", "data"]) == 0  # a warning: a correction may be right
    warnings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::warning")]
    assert warnings == [
        "::warning file=data/register/aduan_trantib.csv,line=73,title=angka_dilaporkan_berubah::"
        "IKU-4 tahun 2021 sudah dilaporkan di rilis/2021 dengan realisasi 75%25; baris ini (kunci TRANTIB/2021/004) "
        "diubah sesudah rilis itu, dan realisasinya kini 100%25. Laporan tahun 2021 memuat angka lama: pastikan "
        "perubahan ini disengaja dan catat alasannya di pull request."]


def test_periksa_outside_actions_reads_no_release(repo, monkeypatch, capsys):
    monkeypatch.chdir(repo.path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert cli.main(["periksa", "data"]) == 0
    assert "::" not in capsys.readouterr().out


def test_a_year_the_release_did_not_report_is_an_ordinary_change(repo):
    """The 2026 target alone (no realisation in the release) is no reported year."""
    from iku.reported import reported_tags

    tags = reported_tags(repo.path / "data")
    assert tags[("IKU-4", 2021)] == "rilis/2021" and tags[("IKU-4", 2025)] == "rilis/2021"
    assert ("IKU-1", 2026) not in tags and ("IKU-4", 2026) not in tags
