"""A fork's history is its own (iku.history_start).

History of the throwaway repository (oldest first):
  A  Staf Bangsalsari  Bangsalsari's data (tests/fixtures/dasar)
  B  Staf Bangsalsari  SAKIP 2025: 71.05 -> 72.10, tagged rilis/lkjip-2025
  C  Pengelola         README only (no data change): the fork starts from here
  -- the fork: `iku mulai` in the repository, data/ replaced by another office (kantor-lain)
  D  Staf Sukamaju     the new office's data (Kelurahan Sukamaju)
  E  Staf Sukamaju     permohonan PL/2025/002 finished in 20 days instead of 14
Bangsalsari's commits precede the fork point: no Riwayat entry, feed entry, release, "last
changed", "Asal data" commit or `iku diff` side may be one of them. Then the upstream adds
F (another Bangsalsari data commit) and the fork merges it for a newer portal: still not shown.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from gitrepo import base_data_repo
from iku import cli, feed
from iku.history import read_trail
from iku.history_start import EARLIER
from iku.portal import build
from iku.render_history import describe_commit, provenance
from projectkit import ROOT

KANTOR_LAIN = ROOT / "tests" / "fixtures" / "kantor-lain"
SAKIP = "data/register/reviu_sakip.csv"


def fork(tmp_path, declared: bool):
    repo = base_data_repo(tmp_path / "repo")
    repo.shas = {"A": repo.commit("Data awal Bangsalsari", "Staf Bangsalsari")}
    repo.replace(SAKIP, "2025,71.05,", "2025,72.10,")
    repo.shas["B"] = repo.commit("Nilai SAKIP 2025 sesuai LHE", "Staf Bangsalsari")
    repo.git("tag", "rilis/lkjip-2025")
    (repo.path / "README.md").write_text("Portal Bangsalsari\n")
    repo.shas["C"] = repo.commit("README", "Pengelola")
    # The fork, as CONTRIBUTING says: a new data root from `iku mulai`, the sample data out.
    assert cli.main(["mulai", str(repo.path / "data-baru"), "--skala-dari", str(repo.path / "data")]) == 0
    profile = (repo.path / "data-baru" / "instansi.yml").read_text(encoding="utf-8")
    start = profile[profile.index("riwayat_mulai:"):]
    assert f'sesudah_commit: "{repo.shas["C"]}"' in start  # `iku mulai` wrote where the history begins
    shutil.rmtree(repo.path / "data")
    shutil.copytree(KANTOR_LAIN, repo.path / "data", ignore=shutil.ignore_patterns("README.md"))
    shutil.copy2(repo.path / "data-baru" / "skala.yml", repo.path / "data" / "skala.yml")
    shutil.rmtree(repo.path / "data-baru")
    if declared:
        with (repo.path / "data" / "instansi.yml").open("a", encoding="utf-8") as office:
            office.write(start)
    repo.shas["D"] = repo.commit("Data Kelurahan Sukamaju", "Staf Sukamaju")
    repo.replace("data/register/permohonan_layanan.csv", "2025-02-17,14\n", "2025-02-23,20\n")
    repo.shas["E"] = repo.commit("Permohonan PL/2025/002 selesai 20 hari", "Staf Sukamaju")
    return repo


@pytest.fixture(scope="module", params=["declared", "by name"])
def repo(request, tmp_path_factory):
    return fork(tmp_path_factory.mktemp("fork"), request.param == "declared")


@pytest.fixture(scope="module")
def trail(repo):
    return read_trail(repo.path / "data", None)


def test_riwayat_lists_only_the_offices_own_commits(trail, repo):
    assert [e.commit.sha for e in trail.entries] == [repo.shas["E"], repo.shas["D"]]


def test_the_first_own_commit_publishes_the_first_figures(trail, repo):
    first = next(e for e in trail.entries if e.commit.sha == repo.shas["D"])
    assert first.first
    # Nothing "before" it: not Bangsalsari's figures turning into Sukamaju's.
    assert first.changes and all(c.before is None for c in first.changes)
    # E, by hand: 2025 selesai rows 3, 20, 7 days: (3 + 20 + 7) / 3 = 10 (was (3 + 14 + 7) / 3 = 8); target 10,
    # arah turun: capaian (2 × 10 − 10) / 10 × 100 = 100 (was (20 − 8) / 10 × 100 = 120);
    # IKU-1 2025, selesai within 14 days: 2 of 3 -> 66,67 (was 3 of 3 = 100).
    changes = {(c.code, c.year, c.figure): (c.before, c.after) for c in trail.entries[0].changes}
    assert changes[("IKU-2", 2025, "realisasi")] == (8.0, 10.0)
    assert changes[("IKU-2", 2025, "capaian")] == (120.0, 100.0)
    assert changes[("IKU-1", 2025, "realisasi")] == (100.0, 66.67)


def test_releases_and_last_changes_of_the_earlier_office_are_not_shown(trail, repo):
    assert trail.releases == [] and trail.release_figures == {}
    foreign = {repo.shas["A"], repo.shas["B"], repo.shas["C"]}
    assert trail.file_commits and not {c.sha for c in trail.file_commits.values()} & foreign
    assert {c.sha for c in trail.file_commits.values()} <= {repo.shas["D"], repo.shas["E"]}


def test_a_release_of_the_earlier_office_reported_nothing_of_this_one(repo):
    """rilis/lkjip-2025 tags Bangsalsari's data: `iku bandingkan` and the Actions warnings must not
    say this office's figures were already reported there, as the Riwayat does not list it."""
    from iku.reported import releases, reported_tags

    assert releases(repo.path / "data") == []
    assert reported_tags(repo.path / "data") == {}


def test_inherited_lines_name_no_commit_of_the_earlier_office(trail, repo):
    """target.csv's header line is Bangsalsari's, unchanged: blame gives commit A; shown as 'earlier'."""
    commits = {c for lines in trail.line_commits.values() for c in lines.values()}
    assert EARLIER in commits
    assert not {c.sha for c in commits} & {repo.shas["A"], repo.shas["B"], repo.shas["C"]}
    assert trail.line_commits["target.csv"][1] is EARLIER
    assert describe_commit(EARLIER) == "dari sebelum awal riwayat kantor ini (data kantor asal fork; commit-nya tidak ditampilkan)"


def test_feed_and_provenance_show_no_commit_of_the_earlier_office(trail, repo):
    portal = build(repo.path / "data")
    portal.trail = trail
    texts = [feed.atom(portal, trail).decode("utf-8")]
    texts += [provenance(i, portal.results[i.code], trail, "../../") for i in portal.indicators]
    text = "\n".join(texts)
    for key in "ABC":
        assert repo.shas[key][:7] not in text
    assert "Bangsalsari" not in text and "Staf Bangsalsari" not in text
    assert repo.shas["E"][:7] in text


def test_iku_diff_refuses_a_revision_of_the_earlier_office(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo.path)
    assert cli.main(["diff", "rilis/lkjip-2025", "HEAD"]) == 2
    err = capsys.readouterr().err
    assert (f"Revisi 'rilis/lkjip-2025' (commit {repo.shas['B'][:7]}) mendahului awal riwayat kantor ini "
            "(riwayat_mulai di data/instansi.yml, atau data kantor lain): angkanya bukan angka kantor ini. "
            "Pilih revisi sesudahnya.") in err
    assert cli.main(["diff", repo.shas["C"], "HEAD"]) == 2  # no data change, but Bangsalsari's data
    assert f"(commit {repo.shas['C'][:7]}) mendahului awal riwayat kantor ini" in capsys.readouterr().err
    assert cli.main(["diff", repo.shas["D"], "HEAD", "--json"]) == 0
    assert '"IKU-2"' in capsys.readouterr().out


@pytest.mark.parametrize("declared", [True, False], ids=["declared", "by name"])
def test_upstream_commits_merged_later_are_still_not_the_offices(tmp_path, declared):
    """The fork merges its upstream (code updates) after the upstream committed Bangsalsari data again."""
    repo = fork(tmp_path, declared)
    repo.git("checkout", "-q", "-b", "hulu", repo.shas["C"])
    repo.replace(SAKIP, "2025,72.10,", "2025,73.50,")
    upstream = repo.commit("Koreksi nilai SAKIP 2025", "Staf Bangsalsari")
    repo.git("checkout", "-q", "main")
    repo.clock += 86_400
    repo.git("merge", "-q", "-s", "ours", "--no-edit", "hulu")
    assert upstream in repo.git("rev-list", "HEAD")
    trail = read_trail(repo.path / "data", None)
    assert [e.commit.sha for e in trail.entries] == [repo.shas["E"], repo.shas["D"]]


def test_a_declared_commit_missing_from_the_repository_shows_no_history(tmp_path):
    repo = fork(tmp_path, declared=True)
    profile = repo.path / "data" / "instansi.yml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(repo.shas["C"], "0123456789abcdef0123456789abcdef01234567"),
                       encoding="utf-8")
    trail = read_trail(repo.path / "data", None)
    assert trail.entries == [] and trail.file_commits == {}
    assert trail.notice == ("Riwayat tidak ditampilkan: awal riwayat kantor ini (riwayat_mulai di instansi.yml) tidak "
                            "ditemukan di repositori ini. Ambil seluruh riwayat, atau perbaiki isian itu.")


def test_a_declared_date_starts_the_history(tmp_path):
    """Commits are one day apart: A 16 November 2023, B 17, C 18, D 19, E 20 November (05:13 WIB)."""
    repo = fork(tmp_path, declared=True)
    profile = repo.path / "data" / "instansi.yml"
    text = profile.read_text(encoding="utf-8")
    start = text[text.index("riwayat_mulai:"):]
    profile.write_text(text.replace(start, "riwayat_mulai:\n  tanggal: 2023-11-20\n"), encoding="utf-8")
    assert [e.commit.sha for e in read_trail(repo.path / "data", None).entries] == [repo.shas["E"]]


def test_iku_mulai_outside_git_starts_the_history_today(tmp_path):
    assert subprocess.run(["git", "-C", str(tmp_path), "rev-parse"], capture_output=True).returncode != 0
    assert cli.main(["mulai", str(tmp_path / "baru"), "--skala-dari", str(ROOT / "data")]) == 0
    import datetime as dt

    assert f"  tanggal: {dt.date.today().isoformat()}" in (tmp_path / "baru" / "instansi.yml").read_text(encoding="utf-8")


def test_a_mistaken_declaration_is_named_by_iku_periksa(tmp_path, capsys, monkeypatch):
    shutil.copytree(KANTOR_LAIN, tmp_path / "data")
    with (tmp_path / "data" / "instansi.yml").open("a", encoding="utf-8") as office:
        office.write("riwayat_mulai:\n  sesudah_commit: kemarin\n  tanggal: 1-12-2026\n  komit: abc1234\n")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["periksa", "data"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "Ditemukan 3 kesalahan pada data. Perbaiki semuanya, lalu jalankan pemeriksaan lagi.",
        "data/instansi.yml:riwayat_mulai: isian 'riwayat_mulai' tidak sesuai aturan (additionalProperties); bandingkan dengan contoh di berkas aslinya",
        "data/instansi.yml:riwayat_mulai.sesudah_commit: isian 'riwayat_mulai.sesudah_commit' tidak sesuai aturan (pattern); bandingkan dengan contoh di berkas aslinya",
        "data/instansi.yml:riwayat_mulai.tanggal: isian 'riwayat_mulai.tanggal' tidak sesuai aturan (pattern); bandingkan dengan contoh di berkas aslinya",
    ]
