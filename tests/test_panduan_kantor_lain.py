"""CONTRIBUTING's "Memakai portal ini untuk kantor lain", walked through as a new user would:
every command of its fenced `sh` blocks is read from the file and run as written, in order, in
a throwaway fork of a repository whose history holds another office's data commits (and a
release of it). What the prose asks the user to do between the blocks (fill in the profile,
decree and declarations; fill in the workbook in Excel) is done here with the made-up office of
tests/fixtures/kantor-lain. The published portal must be that office's, with a history of its
own. If the section changes, this test runs the new commands; if it gains or loses a block, the
test says so.

`make venv` (installing from PyPI) is the one thing not run: the repository gets the shared
.venv, and make is told it is up to date (`make -o venv`)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gitrepo import base_data_repo
from iku.excel.registers import fields, register_resources
from projectkit import ROOT

KANTOR_LAIN = ROOT / "tests" / "fixtures" / "kantor-lain"
SECTION = "## Memakai portal ini untuk kantor lain"


def section_commands() -> list[list[str]]:
    """The commands of each fenced sh block of the section, trailing comments left out."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    blocks = re.findall(r"^```sh\n(.*?)^```", text[start:end if end > 0 else None], flags=re.S | re.M)
    return [[re.sub(r"\s+#\s.*$", "", line).strip() for line in block.splitlines()
             if line.strip() and not line.lstrip().startswith("#")] for block in blocks]


def run(repo: Path, command: str, env: dict) -> str:
    if command.startswith("make "):
        command = "make -o venv " + command.removeprefix("make ")  # the shared .venv is already installed
    done = subprocess.run(["bash", "-c", command], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"`{command}` failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def fill_in_the_office(repo: Path) -> None:
    """Step 2's prose: profile, decree, declarations, IKU and targets of the office (the profile
    keeps the riwayat_mulai that `iku mulai` wrote)."""
    data = repo / "data"
    written = (data / "instansi.yml").read_text(encoding="utf-8")
    start = written[written.index("riwayat_mulai:"):]
    (data / "instansi.yml").write_text(
        (KANTOR_LAIN / "instansi.yml").read_text(encoding="utf-8") + "\n" + start, encoding="utf-8")
    shutil.rmtree(data / "keputusan")
    shutil.copytree(KANTOR_LAIN / "keputusan", data / "keputusan")
    for name in ("datapackage.yaml", "iku.csv", "target.csv"):
        shutil.copy2(KANTOR_LAIN / name, data / name)


def fill_in_the_workbook(repo: Path) -> None:
    """Step 3's prose: every register sheet filled in, typed as Excel types it."""
    book = load_workbook(repo / "register.xlsx")
    for resource in register_resources(KANTOR_LAIN):
        sheet = book[resource["name"]]
        kinds = {f["name"]: f["type"] for f in fields(resource)}
        header = [cell.value for cell in sheet[1]]
        lines = (KANTOR_LAIN / resource["path"]).read_text(encoding="utf-8").splitlines()
        names = lines[0].split(",")
        for line in lines[1:]:
            values = dict(zip(names, line.split(",")))
            sheet.append([_typed(values.get(name, ""), kinds.get(name)) for name in header])
    book.save(repo / "register.xlsx")


def _typed(text: str, kind: str | None):
    if text == "":
        return None
    if kind in ("integer", "year"):
        return int(text)
    if kind == "number":
        return float(text)
    if kind == "date":
        return dt.date.fromisoformat(text)
    return text


@pytest.fixture
def fork(tmp_path):
    """A clone of a repository holding another office's history, as `git clone` leaves it."""
    upstream = base_data_repo(tmp_path / "hulu")
    for name in ("Makefile", ".gitignore"):
        shutil.copy2(ROOT / name, upstream.path / name)
    upstream.shas = {"A": upstream.commit("Data awal Bangsalsari", "Staf Bangsalsari")}
    upstream.replace("data/register/reviu_sakip.csv", "2025,71.05,", "2025,72.10,")
    upstream.shas["B"] = upstream.commit("Nilai SAKIP 2025 sesuai LHE", "Staf Bangsalsari")
    upstream.git("tag", "rilis/lkjip-2025")
    subprocess.run(["git", "clone", "-q", "--bare", str(upstream.path), str(tmp_path / "fork.git")], check=True)
    repo = tmp_path / "kantor-kami"
    subprocess.run(["git", "clone", "-q", str(tmp_path / "fork.git"), str(repo)], check=True)
    (repo / ".venv").symlink_to(ROOT / ".venv")
    with (repo / ".git" / "info" / "exclude").open("a") as exclude:
        exclude.write(".venv\n")
    return repo, upstream.shas


def test_the_walkthrough_runs_as_written_and_publishes_the_offices_own_portal(fork, tmp_path):
    repo, foreign = fork
    blocks = section_commands()
    assert len(blocks) == 4, "the section's steps changed: say here what the user does between its blocks"
    assert blocks[0][0].startswith(".venv/bin/iku mulai "), "the walkthrough starts with iku mulai"
    env = {**os.environ, "PYTHONPATH": str(repo), "GIT_AUTHOR_NAME": "Staf Kantor Kami", "GIT_COMMITTER_NAME": "Staf Kantor Kami",
           "GIT_AUTHOR_EMAIL": "staf@example.invalid", "GIT_COMMITTER_EMAIL": "staf@example.invalid"}
    for name in ("IKU_DATA", "SITE_URL", "GITHUB_ACTIONS"):
        env.pop(name, None)
    between = {1: lambda: fill_in_the_office(repo), 2: lambda: fill_in_the_workbook(repo)}
    said = []
    for number, block in enumerate(blocks):
        between.get(number, lambda: None)()
        said += [run(repo, command, env) for command in block]
    output = "\n".join(said)
    assert "Semua data valid." in output
    assert "Folder data: data (bawaan; IKU_DATA tidak diisi), kantor: Kelurahan Sukamaju (kantor rekaan)" in output

    # Pushed: the fork's main holds the office's two commits on top of the other office's history.
    log = subprocess.run(["git", "-C", str(tmp_path / "fork.git"), "log", "--format=%s", "main"], capture_output=True, text=True).stdout
    assert log.splitlines()[:2] == ["Data kantor kami", "Mulai portal kantor kami"]
    assert not (repo / "data" / "register" / "kegiatan.csv").exists()
    tracked = subprocess.run(["git", "-C", str(repo), "ls-files"], capture_output=True, text=True).stdout.split()
    assert "register.xlsx" not in tracked and ".venv" not in tracked

    # Built as published: both editions, the office's own, with a history of its own.
    site = repo / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Kelurahan Sukamaju" in home and "Portal belum diisi" not in home
    assert (site / "en" / "index.html").is_file()
    for page in (site / "riwayat" / "index.html", site / "feed.xml", site / "en" / "feed.xml",
                 site / "iku" / "iku-1" / "index.html"):
        text = page.read_text(encoding="utf-8")
        for sha in foreign.values():
            assert sha[:7] not in text, (page, sha)
        assert "Staf Bangsalsari" not in text and "lkjip-2025" not in text, page
    riwayat = (site / "riwayat" / "index.html").read_text(encoding="utf-8")
    assert "2 commit mengubah data" in riwayat
    assert riwayat.index("Data kantor kami") < riwayat.index("Mulai portal kantor kami")
