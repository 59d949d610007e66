"""The auditor's trail over a repository whose history is known: Riwayat entries, `iku diff`,
and "direvisi setelah rilis" marks, against values worked out by hand.

History (oldest first), data = tests/fixtures/dasar:
  A  Staf A   initial data
  B  Staf B   SAKIP 2025: 71.05 -> 72.10                 tagged rilis/lkjip-2025
  C  Staf C   SAKIP 2025: 72.10 -> 73.50
  D  Pengelola  README only (not a data commit)
  E  Staf E   a remark (keterangan) in dokumen_ortala: no figure changes
Target IKU-5 2025 is 70, so capaian = nilai / 70 × 100:
  71,05 -> 101,5%   72,10 -> 103%   73,50 -> 105%   (all Sangat Tinggi, ≥ 91)
"""

from __future__ import annotations

import json
import shutil

import pytest

from projectkit import ROOT
from gitrepo import base_data_repo
from iku import cli
from iku.history import read_trail
from iku.render_history import revision_text, revisions_for
from sitebuild import build_site

DASAR = ROOT / "tests" / "fixtures" / "dasar"
SAKIP = "data/register/reviu_sakip.csv"


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    repo = base_data_repo(tmp_path_factory.mktemp("repo"))
    path = repo.path
    repo.shas = {}
    repo.shas["A"] = repo.commit("Data awal", "Staf A")
    repo.replace(SAKIP, "2025,71.05,", "2025,72.10,")
    repo.shas["B"] = repo.commit("Nilai SAKIP 2025 sesuai LHE", "Staf B")
    repo.git("tag", "rilis/lkjip-2025")
    repo.replace(SAKIP, "2025,72.10,", "2025,73.50,")
    repo.shas["C"] = repo.commit("Koreksi nilai SAKIP 2025", "Staf C")
    (path / "README.md").write_text("Portal\n")
    repo.shas["D"] = repo.commit("README", "Pengelola")
    documents = path / "data/register/dokumen_ortala.csv"
    lines = documents.read_text().splitlines()
    assert lines[1].endswith(",")  # an empty keterangan, filled in by commit E
    lines[1] += "ditetapkan ulang"
    documents.write_text("\n".join(lines) + "\n")
    repo.shas["E"] = repo.commit("Keterangan dokumen", "Staf E")
    return repo


@pytest.fixture(scope="module")
def trail(repo, tmp_path_factory):
    return read_trail(repo.path / "data", tmp_path_factory.mktemp("cache"))


def test_riwayat_lists_data_commits_newest_first(trail, repo):
    assert [e.commit.author for e in trail.entries] == ["Staf E", "Staf C", "Staf B", "Staf A"]
    assert [e.commit.sha for e in trail.entries] == [repo.shas[k] for k in "ECBA"]
    assert trail.entries[1].commit.subject == "Koreksi nilai SAKIP 2025"


def test_riwayat_changes_are_recomputed_figures(trail):
    by_author = {e.commit.author: e for e in trail.entries}
    c = {(x.code, x.year, x.figure): (x.before, x.after) for x in by_author["Staf C"].changes}
    assert c == {("IKU-5", 2025, "realisasi"): (72.1, 73.5), ("IKU-5", 2025, "capaian"): (103.0, 105.0)}
    b = {(x.code, x.year, x.figure): (x.before, x.after) for x in by_author["Staf B"].changes}
    assert b == {("IKU-5", 2025, "realisasi"): (71.05, 72.1), ("IKU-5", 2025, "capaian"): (101.5, 103.0)}
    assert by_author["Staf E"].changes == ()  # a remark changes no figure
    assert len(by_author["Staf A"].changes) > 0 and not by_author["Staf A"].commit.parents


def test_releases_are_marked(trail, repo):
    assert [(r.name, r.commit.sha) for r in trail.releases] == [("lkjip-2025", repo.shas["B"])]
    assert {e.commit.author: e.releases for e in trail.entries}["Staf B"] == ("lkjip-2025",)


def test_figure_revised_after_release(trail, repo):
    from iku.portal import build

    portal = build(repo.path / "data")
    sakip = portal.indicator("IKU-5")
    result_2025 = portal.result("IKU-5", 2025)
    text = revision_text(revisions_for(trail, sakip, result_2025), sakip.unit)
    assert text == ("realisasi direvisi setelah rilis lkjip-2025: 72,1 → 73,5; "
                    "capaian direvisi setelah rilis lkjip-2025: 103% → 105%")
    assert revisions_for(trail, sakip, portal.result("IKU-5", 2024)) == []


def test_rows_carry_the_commit_that_last_changed_them(trail, repo):
    lines = (repo.path / SAKIP).read_text().splitlines()
    line_2025 = next(i for i, line in enumerate(lines, 1) if line.startswith("2025,"))
    line_2024 = next(i for i, line in enumerate(lines, 1) if line.startswith("2024,"))
    assert trail.rows_commit("register/reviu_sakip.csv", [line_2025]).sha == repo.shas["C"]
    assert trail.rows_commit("register/reviu_sakip.csv", [line_2024]).sha == repo.shas["A"]
    assert trail.file_commits["register/reviu_sakip.csv"].sha == repo.shas["C"]


def test_iku_diff_between_release_and_head(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo.path)
    assert cli.main(["diff", "rilis/lkjip-2025", "HEAD", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    figures = {(f["code"], f["year"], f["figure"]): (f["before"], f["after"]) for f in report["angka"]}
    assert figures == {("IKU-5", 2025, "realisasi"): (72.1, 73.5), ("IKU-5", 2025, "capaian"): (103.0, 105.0)}
    rows = {(r["file"], r["key"], r["change"]): r["detail"] for r in report["baris"]}
    assert rows[("register/reviu_sakip.csv", "2025", "diubah")] == "nilai: 72.10 → 73.50"
    assert any(f == "register/dokumen_ortala.csv" and c == "diubah" for f, _, c in rows)
    assert len(rows) == 2

    assert cli.main(["diff", "rilis/lkjip-2025", "HEAD"]) == 0
    table = capsys.readouterr().out
    assert "| IKU-5 | 2025 | Realisasi | 72,1 | 73,5 |" in table
    assert "| register/reviu_sakip.csv | 2025 | diubah | nilai: 72.10 → 73.50 |" in table


def test_iku_diff_unknown_revision(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo.path)
    assert cli.main(["diff", "rilis/tidak-ada", "HEAD"]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err


def test_cached_history_gives_the_same_trail(repo, tmp_path):
    cache = tmp_path / "cache"
    first = read_trail(repo.path / "data", cache)
    second = read_trail(repo.path / "data", cache)
    # The second run computes only what a release reported (shown on pages, never read from disk).
    assert first.cache_stats[1] > len(first.releases) and second.cache_stats[1] == len(second.releases) == 1
    assert first.entries == second.entries


def _sakip_2025(trail, author: str) -> tuple:
    entry = next(e for e in trail.entries if e.commit.author == author)
    return next((c.before, c.after) for c in entry.changes if (c.code, c.year, c.figure) == ("IKU-5", 2025, "realisasi"))


@pytest.mark.parametrize("damage", ["tampered", "truncated", "other key"])
def test_damaged_cache_entry_cannot_change_a_figure(repo, tmp_path, damage):
    """The cache is an accelerator: a figure read back from it is the figure computed."""
    cache = tmp_path / "cache"
    first = read_trail(repo.path / "data", cache)
    assert _sakip_2025(first, "Staf C") == (72.1, 73.5)
    entries = sorted(cache.glob("*.json"))
    assert len(entries) == 4  # the data at A, B, C and E
    texts = [path.read_text(encoding="utf-8") for path in entries]
    for n, (path, text) in enumerate(zip(entries, texts)):
        if damage == "tampered":  # a figure changed, the checksum left as it was
            path.write_text(text.replace('"realisasi": ', '"realisasi": 1'), encoding="utf-8")
        elif damage == "truncated":
            path.write_text(text[: len(text) // 2], encoding="utf-8")
        else:  # a well-formed entry of another data state, saved under this one's name
            path.write_text(texts[(n + 1) % len(texts)], encoding="utf-8")
    second = read_trail(repo.path / "data", cache)
    assert _sakip_2025(second, "Staf C") == (72.1, 73.5)
    assert second.entries == first.entries
    assert second.cache_stats[1] == len(entries)  # every damaged entry was refused and recomputed


def test_site_shows_history_revision_and_footer(repo, tmp_path):
    site = build_site(repo.path, tmp_path / "site")
    riwayat = (site / "riwayat" / "index.html").read_text()
    assert riwayat.index("Staf E") < riwayat.index("Staf C") < riwayat.index("Staf B") < riwayat.index("Staf A")
    assert "rilis lkjip-2025" in riwayat and "73,5" in riwayat
    iku5 = (site / "iku" / "iku-5" / "index.html").read_text()
    assert "realisasi direvisi setelah rilis lkjip-2025: 72,1 → 73,5" in iku5
    assert repo.shas["C"][:7] in iku5  # the commit that last changed the 2025 row
    home = (site / "index.html").read_text()
    assert f"Dibangun dari commit <code>{repo.shas['E'][:7]}</code>" in home


def test_build_without_git_says_history_is_unavailable(project, tmp_path):
    assert not (project / ".git").exists()
    site = build_site(project, tmp_path / "site")
    assert "Riwayat tidak tersedia" in (site / "riwayat" / "index.html").read_text()
    assert "Dibangun tanpa riwayat git" in (site / "index.html").read_text()


def test_footer_fingerprint_is_sha256_of_every_data_file(project, tmp_path):
    import hashlib

    digest = hashlib.sha256()
    files = sorted(p for p in (project / "data").rglob("*") if p.is_file())
    for path in sorted(files, key=lambda p: p.relative_to(project / "data").as_posix()):
        digest.update(path.relative_to(project / "data").as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    site = build_site(project, tmp_path / "site")
    assert digest.hexdigest() in (site / "index.html").read_text()


def test_shallow_clone_says_history_is_cut(repo, tmp_path):
    import subprocess

    clone = tmp_path / "dangkal"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)], check=True)
    trail = read_trail(clone / "data", None)
    assert trail.available and trail.shallow
    assert "Riwayat terpotong" in trail.notice
    assert [e.commit.author for e in trail.entries] == ["Staf E"]


def _repo_from_before_the_descriptor(tmp_path) -> tuple:
    """Commits: old data without datapackage.yaml (Staf A), the descriptor and new iku.csv added
    (Pengelola), SAKIP 2025 71,05 -> 72,10 (Staf B). Returns (project path, Repo, their shas)."""
    repo = base_data_repo(tmp_path / "repo")
    path = repo.path
    (path / "data" / "datapackage.yaml").unlink()
    shutil.copy2(ROOT / "tests" / "fixtures" / "dasar-sebelum-datapackage" / "iku.csv", path / "data" / "iku.csv")
    shas = [repo.commit("Data lama, register dinyatakan di kode", "Staf A")]
    shutil.copy2(DASAR / "datapackage.yaml", path / "data" / "datapackage.yaml")
    shutil.copy2(DASAR / "iku.csv", path / "data" / "iku.csv")
    shas.append(repo.commit("Register dinyatakan di datapackage.yaml", "Pengelola"))
    repo.replace(SAKIP, "2025,71.05,", "2025,72.10,")
    shas.append(repo.commit("Nilai SAKIP 2025", "Staf B"))
    return path, repo, shas


def test_commits_from_before_the_descriptor_are_recomputed_with_the_same_figures(tmp_path):
    """Data committed before datapackage.yaml existed (declarations in code, old iku.csv) is
    recomputed with the first descriptor: the commit that adds it changes no published figure."""
    path, _, _ = _repo_from_before_the_descriptor(tmp_path)

    entries = {e.commit.author: e for e in read_trail(path / "data").entries}
    assert entries["Staf A"].valid and entries["Pengelola"].valid
    assert entries["Pengelola"].changes == ()
    assert {(c.code, c.year, c.figure) for c in entries["Staf B"].changes} >= {("IKU-5", 2025, "realisasi")}


def test_serve_rebuild_rereads_only_what_an_edit_changed(repo, tmp_path):
    """`mkdocs serve` after an edit without a commit: the committed trail is reused, the edited
    file's lines are blamed again (the edited row is uncommitted), and undoing the edit undoes it."""
    from iku.history import UNCOMMITTED

    first = read_trail(repo.path / "data", tmp_path, remember=True)
    original = (repo.path / SAKIP).read_text()
    lines = original.splitlines()
    line_2025 = next(i for i, line in enumerate(lines, 1) if line.startswith("2025,"))
    try:
        repo.replace(SAKIP, "2025,73.50,", "2025,74.00,")
        edited = read_trail(repo.path / "data", tmp_path, remember=True)
        assert edited.cache_stats == (0, 0)  # nothing recomputed: no commit was made
        assert edited.entries == first.entries
        assert edited.rows_commit("register/reviu_sakip.csv", [line_2025]) is UNCOMMITTED
        assert edited.rows_commit("register/reviu_sakip.csv", [line_2025 - 1]).sha == repo.shas["A"]
    finally:
        (repo.path / SAKIP).write_text(original)
    undone = read_trail(repo.path / "data", tmp_path, remember=True)
    assert undone.rows_commit("register/reviu_sakip.csv", [line_2025]).sha == repo.shas["C"]
    assert undone.line_commits == read_trail(repo.path / "data", tmp_path).line_commits


def test_riwayat_recomputes_each_iku_only_when_what_it_reads_changed(tmp_path):
    """A commit to one register recomputes the one IKU reading it; a commit to a file every IKU
    reads (target.csv here) recomputes all six; the commit that adds the descriptor the older
    commits were read with (the declarations bridge) recomputes none. The figures at HEAD are
    those the site publishes (hasil.csv's rows, arah_renstra included)."""
    from iku.compare import table_of
    from iku.export import published_figures
    from iku.gitread import Git, Objects
    from iku.history import declarations_bridge
    from iku.portal import build
    from iku.trail_figures import FigureCache, TrailFigures

    path, repo, shas = _repo_from_before_the_descriptor(tmp_path)
    repo.replace("data/target.csv", "IKU-1,2024,4", "IKU-1,2024,5")
    shas.append(repo.commit("Target IKU-1 2024", "Staf C"))

    git = Git(path)
    trees = git.trees(shas, "data")
    with Objects(path) as objects:
        figures = TrailFigures(objects, "data", FigureCache(None), declarations_bridge(git, "data"))
        computed = []
        for sha in shas:
            before = figures.indicators_computed
            head = figures.at(trees[sha])
            computed.append(figures.indicators_computed - before)
    assert computed == [6, 0, 1, 6]
    assert head == table_of(published_figures(build(path / "data")))
    assert head[("IKU-1", 2024)]["target"] == 5 and head[("IKU-5", 2025)]["realisasi"] == 72.1
    assert {row["arah_renstra"] for row in head.values()} - {None}


def _sakip_values_history(tmp_path):
    """Seven data commits: the base fixture, then six SAKIP 2025 values."""
    repo = base_data_repo(tmp_path / "project")
    repo.commit("Data awal", "Staf A")
    previous = "71.05"
    for value in ("72.10", "73.50", "74.00", "75.25", "76.00", "77.75"):
        repo.replace(SAKIP, f"2025,{previous},", f"2025,{value},")
        repo.commit(f"Nilai SAKIP 2025 {value}", "Staf B")
        previous = value
    return repo.path


def test_a_long_history_computed_on_every_core_gives_the_same_trail(tmp_path, monkeypatch):
    """`prefill` splits the states the cache lacks over processes (from PARALLEL_FROM of them);
    forced here on a short history, its trail must equal the one computed in one process, and
    count every state it computed."""
    from iku import trail_figures

    path = _sakip_values_history(tmp_path)
    alone = read_trail(path / "data", tmp_path / "cache-alone")
    monkeypatch.setattr(trail_figures, "PARALLEL_FROM", 4)
    monkeypatch.setattr(trail_figures, "available_cores", lambda: 2)
    pools = []

    class CountedPool(trail_figures.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(trail_figures, "ProcessPoolExecutor", CountedPool)
    spread = read_trail(path / "data", tmp_path / "cache-spread")
    assert pools == [(1,)]  # one worker process beside this one
    assert spread.entries == alone.entries and len(spread.entries) == 7
    assert spread.cache_stats[1] == alone.cache_stats[1] == 7
    assert len(list((tmp_path / "cache-spread").iterdir())) == len(list((tmp_path / "cache-alone").iterdir()))


def test_where_no_process_can_start_the_trail_is_computed_in_this_one(tmp_path, monkeypatch):
    from iku import trail_figures

    def no_processes(*args, **kwargs):
        raise OSError("fork/spawn tidak diizinkan")

    path = _sakip_values_history(tmp_path)
    alone = read_trail(path / "data", tmp_path / "cache-alone")
    monkeypatch.setattr(trail_figures, "PARALLEL_FROM", 4)
    monkeypatch.setattr(trail_figures, "available_cores", lambda: 2)
    monkeypatch.setattr(trail_figures, "ProcessPoolExecutor", no_processes)
    fallback = read_trail(path / "data", tmp_path / "cache-fallback")
    assert fallback.entries == alone.entries and fallback.cache_stats == alone.cache_stats
