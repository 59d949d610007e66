"""The publishing pipeline: workflow linters (offline, zero findings, proven able to fail),
CODEOWNERS against the decree's responsible units, the pull-request summary, and a PR-style
check of a broken register."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from projectkit import ROOT

# The office's own workflows, those a gathering repository (kabupaten/province portal) copies
# from templat-gabungan/workflows/, and the one a kabupaten keeping all offices' data in one
# repository copies from templat-kabupaten/workflows/: all held to the same checks.
GATHERING = sorted((ROOT / "templat-gabungan" / "workflows").glob("*.yml"))
KABUPATEN = sorted((ROOT / "templat-kabupaten" / "workflows").glob("*.yml"))
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml")) + GATHERING + KABUPATEN
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
UNSAFE = ROOT / "tests" / "fixtures" / "workflows" / "tidak-aman.yml"
FIXTURES = ROOT / "tests" / "fixtures"
BIN = Path(sys.executable).parent


def run(*command: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def zizmor(*paths: Path) -> subprocess.CompletedProcess:
    return run(str(BIN / "zizmor"), "--offline", "--persona=pedantic", "--no-progress", *map(str, paths))


def test_workflows_exist():
    assert {w.name for w in WORKFLOWS} >= {"periksa.yml", "terbitkan.yml"}
    assert {w.name for w in GATHERING} == {"ambil.yml", "terbitkan.yml"}
    assert {w.name for w in KABUPATEN} == {"terbitkan.yml"}


def test_gathering_workflows_fetch_on_a_schedule_propose_by_pull_request_and_publish_offline():
    fetch = yaml.safe_load((ROOT / "templat-gabungan" / "workflows" / "ambil.yml").read_text())
    publish = yaml.safe_load((ROOT / "templat-gabungan" / "workflows" / "terbitkan.yml").read_text())
    assert fetch[True]["schedule"] and "workflow_dispatch" in fetch[True]  # `on:` reads as True in YAML 1.1
    [job] = fetch["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    steps = job["steps"]
    network = next(s for s in steps if "iku ambil" in s.get("run", ""))
    proposal = next(s for s in steps if "gh pr create" in s.get("run", ""))
    assert "env" not in network, "no token where offices' files are read"
    assert steps.index(network) < steps.index(proposal) and proposal["env"] == {"GH_TOKEN": "${{ github.token }}"}
    assert "git status --porcelain -- cuplikan" in proposal["run"]  # no pull request when nothing changed
    runs = " ".join(s.get("run", "") for j in publish["jobs"].values() for s in j["steps"])
    assert "make gabungan-situs" in runs and "iku ambil" not in runs  # the site is built from reviewed snapshots only


def test_kabupaten_workflow_builds_parts_on_a_matrix_and_joins_them_in_a_last_job():
    """One runner per part (`make kabupaten BAGIAN=k/n`, n = the matrix size), each uploading its
    portals; the join downloads exactly those uploads, joins and builds the overview offline, and
    only the deploy job may write to Pages."""
    jobs = yaml.safe_load((ROOT / "templat-kabupaten" / "workflows" / "terbitkan.yml").read_text())["jobs"]
    assert list(jobs) == ["bagian", "gabung", "terbitkan"]
    part, join, deploy = jobs.values()
    parts = part["strategy"]["matrix"]["bagian"]
    assert parts == list(range(1, len(parts) + 1)) and len(parts) > 1
    build = next(s for s in part["steps"] if "make kabupaten" in s.get("run", ""))
    assert build["env"] == {"BAGIAN": "${{ matrix.bagian }}/${{ strategy.job-total }}"}
    assert 'make kabupaten BAGIAN="$BAGIAN"' in build["run"]
    upload = next(s for s in part["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert part["steps"].index(build) < part["steps"].index(upload)
    assert upload["with"]["name"] == "kabupaten-bagian-${{ matrix.bagian }}" and upload["with"]["path"] == "site-kabupaten/"
    assert upload["with"]["if-no-files-found"] == "error"

    assert join["needs"] == "bagian" and deploy["needs"] == "gabung"
    assert join["permissions"] == {"contents": "read", "actions": "read"}
    steps = join["steps"]
    download = next(s for s in steps if "gh run download" in s.get("run", ""))
    joining = next(s for s in steps if "make kabupaten-gabung" in s.get("run", ""))
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert steps.index(download) < steps.index(joining) < steps.index(pages)
    assert '"$GITHUB_RUN_ID"' in download["run"] and "--pattern 'kabupaten-bagian-*' --dir unduhan" in download["run"]
    assert download["env"] == {"GH_TOKEN": "${{ github.token }}"} and "env" not in joining, "the token only where it is used"
    assert "DARI='unduhan/*'" in joining["run"] and pages["with"]["path"] == "site-kabupaten/"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_zizmor_finds_nothing_in_our_workflows_and_dependabot_config():
    result = zizmor(*WORKFLOWS, DEPENDABOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout


def test_zizmor_rejects_an_unpinned_action_and_an_injected_title():
    result = zizmor(UNSAFE)
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout
    assert "template-injection" in result.stdout


def test_workflow_syntax_against_the_vendored_schema():
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_can_fail(tmp_path):
    broken = tmp_path / "rusak.yml"
    broken.write_text("name: rusak\non: push\njobs:\n  a:\n    steps: 3\n")
    assert run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(broken)).returncode != 0


def shell_scripts() -> list[tuple[str, str]]:
    scripts = [(f".ci/{p.name}", p.read_text()) for p in sorted((ROOT / ".ci").iterdir())]
    for workflow in WORKFLOWS:
        for job_name, job in yaml.safe_load(workflow.read_text())["jobs"].items():
            for i, step in enumerate(job.get("steps", [])):
                if "run" in step:
                    # Expressions are filled in by GitHub before the shell runs: stand in a variable.
                    body = re.sub(r"\$\{\{.*?\}\}", "$GHA_EXPRESSION", step["run"])
                    scripts.append((f"{workflow.name}:{job_name}:{i}", "#!/usr/bin/env bash\nset -e\n" + body))
    return scripts


@pytest.fixture(scope="module")
def shellcheck() -> str:
    path = shutil.which("shellcheck")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("shellcheck is missing: .ci/run installs it (apt-get install shellcheck)")
        pytest.skip("shellcheck not installed here (apt-get install shellcheck); CI installs it")
    return path


@pytest.mark.parametrize("name, script", shell_scripts(), ids=[n for n, _ in shell_scripts()])
def test_shell_in_workflows_passes_shellcheck(name, script, shellcheck, tmp_path):
    path = tmp_path / "script.sh"
    path.write_text(script)
    result = run(shellcheck, "--severity=style", str(path))
    assert result.returncode == 0, result.stdout


def test_shellcheck_can_fail(shellcheck, tmp_path):
    path = tmp_path / "bad.sh"
    path.write_text("#!/usr/bin/env bash\nrm -rf $1/*\n")
    assert run(shellcheck, str(path)).returncode != 0


def test_no_untrusted_input_in_run_and_least_privilege():
    for workflow in WORKFLOWS:
        text = workflow.read_text()
        document = yaml.safe_load(text)
        assert "pull_request_target" not in text
        assert document.get("permissions") in ({}, {"contents": "read"}), workflow.name
        for job in document["jobs"].values():
            granted = job.get("permissions", {})
            if granted.get("pages") == "write" or granted.get("id-token") == "write":
                assert all("deploy-pages" in step.get("uses", "") for step in job["steps"]), "write access only to deploy"
            for step in job["steps"]:
                assert "github.event" not in step.get("run", ""), step
                uses = step.get("uses")
                if uses:
                    assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses), uses
                if "actions/checkout" in (uses or ""):
                    assert step["with"]["persist-credentials"] is False
                    assert step["with"]["fetch-depth"] == 0


# Bidang penanggung jawab in iku.csv (as the decree writes them) -> team placeholder in CODEOWNERS.
UNIT_TEAMS = {
    "Camat": "camat",
    "Seksi Pemerintahan": "seksi-pemerintahan",
    "Seksi Pelayanan Umum": "seksi-pelayanan-umum",
    "Seksi PMKS": "seksi-pmks",
    "Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial": "seksi-pmks",
    "Seksi Trantib": "seksi-trantib",
    "Sekcam": "sekcam",
}


def test_codeowners_give_each_register_to_the_unit_responsible_in_the_decree():
    import csv

    owners = {}
    for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            path, *teams = line.split()
            owners[path] = {t.split("/")[-1] for t in teams}
    with open(ROOT / "data" / "iku.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            units = [u.strip() for u in row["penanggung_jawab"].split(",")]
            expected = {UNIT_TEAMS[u] for u in units}
            assert owners[f"/data/register/{row['register']}.csv"] == expected, row["kode"]


def test_pull_request_summary_lists_changed_figures(tmp_path):
    before = FIXTURES / "dasar"
    after = tmp_path / "data"
    shutil.copytree(before, after)
    sakip = after / "register" / "reviu_sakip.csv"
    sakip.write_text(sakip.read_text().replace("2025,71.05,", "2025,72.10,"))
    targets = after / "target.csv"
    targets.write_text(targets.read_text().replace("IKU-1,2026,4", "IKU-1,2026,5"))

    result = run(str(BIN / "iku"), "bandingkan", str(before), str(after))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # By hand: SAKIP 2025 realisasi 71,05 -> 72,1; target 2025 is 70, so capaian
    # 71,05 / 70 × 100 = 101,5% -> 72,10 / 70 × 100 = 103%; kategori stays Sangat Tinggi (≥ 91).
    # Target IKU-1 2026: 4 -> 5 dokumen; 2026 has no realisation, so nothing else moves.
    assert "| IKU-5 | 2025 | Realisasi | 71,05 | 72,1 |" in lines
    assert "| IKU-5 | 2025 | Capaian | 101,5% | 103% |" in lines
    assert "| IKU-1 | 2026 | Target | 4 dokumen | 5 dokumen |" in lines
    assert "3 angka berubah" in result.stdout


def test_pull_request_summary_when_nothing_changes():
    result = run(str(BIN / "iku"), "bandingkan", str(FIXTURES / "dasar"), str(FIXTURES / "dasar"))
    assert "Tidak ada angka terbit yang berubah." in result.stdout


def test_pr_style_check_of_a_broken_register_fails_with_annotations(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "dasar", root)
    shutil.copytree(FIXTURES / "periksa" / "selesai-sebelum-masuk" / "data", root, dirs_exist_ok=True)
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    result = run(str(BIN / "iku"), "periksa", "data", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert "::error file=data/register/aduan_trantib.csv,line=8,title=selesai_sebelum_masuk (tanggal_selesai)::" in result.stdout


# Actions pins: a full commit SHA with its release tag as a comment (Dependabot moves both).
# For each action, the first major whose action.yml declares `node24` (or is composite and calls
# only node24 actions), read from the actions' repositories; runners removed Node 20 in
# September 2026. An action not listed here fails the test until its runtime is checked.
FIRST_NODE24_MAJOR = {
    "actions/checkout": 6,
    "actions/setup-python": 6,
    "actions/cache": 5,
    "actions/upload-artifact": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}
PIN = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w.-]+/[\w.-]+)(?P<path>/[\w./-]+)?@(?P<ref>\S+)(?:\s+#\s*(?P<tag>\S+))?\s*$")


def pins(text: str) -> list[re.Match]:
    return [m for line in text.splitlines() if (m := PIN.match(line))]


def pin_problems(text: str) -> list[str]:
    problems = []
    for pin in pins(text):
        action, ref, tag = pin["action"], pin["ref"], pin["tag"] or ""
        if not re.fullmatch(r"[0-9a-f]{40}", ref):
            problems.append(f"{action}@{ref}: a tag or branch, not a full commit SHA")
        major = re.fullmatch(r"v(\d+)(?:\.\d+){0,2}", tag)
        if major is None:
            problems.append(f"{action}@{ref}: no release tag comment (# vX.Y.Z)")
        elif action not in FIRST_NODE24_MAJOR:
            problems.append(f"{action}: runtime unknown; check runs.using in its action.yml and add it")
        elif int(major[1]) < FIRST_NODE24_MAJOR[action]:
            problems.append(f"{action} {tag}: runs on Node 20, removed from runners")
    return problems


def test_every_action_is_pinned_by_sha_to_a_release_that_runs_on_node24():
    for workflow in WORKFLOWS:
        text = workflow.read_text()
        assert len(pins(text)) == text.count("uses:"), f"{workflow.name}: a uses: line the check did not read"
        assert pin_problems(text) == [], workflow.name


def test_pin_check_rejects_tags_branches_and_node20_releases():
    text = textwrap.dedent("""\
        steps:
          - uses: actions/checkout@v4
          - uses: actions/setup-python@main # v6.3.0
          - uses: actions/cache@0400d5f644dc74513175e3cd8d07132dd4860809 # v4.2.4
          - uses: actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f
          - uses: someone/else@27d5ce7f107fe9357f9df03efb73ab90386fccae # v1.0.0
    """)
    assert pin_problems(text) == [
        "actions/checkout@v4: a tag or branch, not a full commit SHA",
        "actions/checkout@v4: no release tag comment (# vX.Y.Z)",
        "actions/setup-python@main: a tag or branch, not a full commit SHA",
        "actions/cache v4.2.4: runs on Node 20, removed from runners",
        "actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f: no release tag comment (# vX.Y.Z)",
        "someone/else: runtime unknown; check runs.using in its action.yml and add it",
    ]


def test_cache_is_keyed_so_it_cannot_outlive_the_code_that_filled_it():
    """.cache/ holds figure tables and chart SVGs. It is restored only for identical code (iku/,
    hooks/) and identical locked packages; the data is in the key so that a new data state saves
    a fuller cache, while restore-keys may fall back to an older data state of the same code
    (its entries are stored under the data's git tree id, so they stay right)."""
    code = "hashFiles('iku/**', 'hooks/**', 'requirements.txt')"
    # Builds that compute figures or draw charts (the kabupaten join only reads built portals).
    building = re.compile(r"make (site|gabungan-situs|kabupaten(?!-gabung))|\.ci/run")
    checked = 0
    for workflow in WORKFLOWS:
        for job_name, job in yaml.safe_load(workflow.read_text())["jobs"].items():
            steps = job["steps"]
            caches = [step for step in steps if step.get("uses", "").startswith("actions/cache")]
            builds = [i for i, step in enumerate(steps) if building.search(step.get("run", ""))]
            if not builds:
                continue
            checked += 1
            assert len(caches) == 1, (workflow.name, job_name)
            cache = caches[0]
            assert cache["with"]["path"] == ".cache/"
            data = ("hashFiles('cuplikan/**')" if workflow in GATHERING else
                    "hashFiles('instansi/**')" if workflow in KABUPATEN else "hashFiles('data/**')")
            assert code in cache["with"]["key"] and data in cache["with"]["key"]
            restore_keys = cache["with"]["restore-keys"].splitlines()
            assert restore_keys and all(code in key and cache["with"]["key"].startswith(key) for key in restore_keys)
            assert steps.index(cache) < min(builds), "the cache is restored before anything builds"
    assert checked == 4  # periksa, terbitkan, the gathering portal's build, the kabupaten's parts


def check_dependabot(path: Path) -> subprocess.CompletedProcess:
    return run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(path))


def test_dependabot_config_is_valid_offline():
    result = check_dependabot(DEPENDABOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_schema_check_can_fail(tmp_path):
    typo = tmp_path / "dependabot.yml"
    typo.write_text(DEPENDABOT.read_text().replace("interval: weekly", "interval: mingguan", 1))
    assert check_dependabot(typo).returncode != 0


def test_dependabot_updates_actions_and_python_weekly_grouped_with_consistent_titles():
    updates = yaml.safe_load(DEPENDABOT.read_text())["updates"]
    assert {u["package-ecosystem"] for u in updates} == {"github-actions", "pip"}
    prefixes = []
    for update in updates:
        assert update["schedule"]["interval"] == "weekly"
        assert [group["patterns"] for group in update["groups"].values()] == [["*"]], "one pull request per ecosystem"
        prefixes.append(update["commit-message"]["prefix"])
    # Titles read like this repository's commit subjects ("Lock: ProperDocs, ..."): one capitalised
    # English word; Dependabot adds the colon after a prefix ending in a letter.
    assert all(re.fullmatch(r"[A-Z][a-z]+", prefix) for prefix in prefixes), prefixes
    assert len(set(prefixes)) == len(prefixes)


def locked_versions() -> dict[str, str]:
    text = (ROOT / "requirements.txt").read_text()
    return {canonicalize_name(m[1]): m[2] for m in re.finditer(r"^([A-Za-z0-9._-]+)==(\S+)", text, re.M)}


def test_lock_satisfies_every_range_in_pyproject():
    """A range raised in pyproject.toml (by hand or by Dependabot) with pins left behind in
    requirements.txt: this test stays red until `make lock` brings the pins up to it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [Requirement(r) for r in project["dependencies"]]
    wanted += [Requirement(r) for extra in project["optional-dependencies"].values() for r in extra]
    locked = locked_versions()
    outside = [f"{r} (lock: {locked.get(canonicalize_name(r.name))})" for r in wanted
               if not r.specifier.contains(locked.get(canonicalize_name(r.name), "0"), prereleases=True)]
    assert outside == []


def fake_machine(tmp_path: Path, uid: int, present: tuple[str, ...]) -> tuple[Path, dict]:
    """A PATH with only stand-ins: `id`, a recording `apt-get`, `env`, and the given commands."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    stand_ins = {"id": f"echo {uid}", "apt-get": f'echo "apt-get $*" >> "{log}"'} | {p: "true" for p in present}
    for name, body in stand_ins.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    (bin_dir / "env").symlink_to(shutil.which("env"))
    return log, {"PATH": str(bin_dir)}


INSTALL = ROOT / ".ci" / "install-missing"
NEEDED = ["pdftotext:poppler-utils", "shellcheck:shellcheck", "/nonexistent/chromium:chromium"]


def test_browser_deps_installs_only_what_is_missing_after_refreshing_the_lists(tmp_path):
    log, env = fake_machine(tmp_path, uid=0, present=("pdftotext",))
    result = run("/bin/bash", str(INSTALL), *NEEDED, env=env)
    assert result.returncode == 0, result.stderr
    assert log.read_text().splitlines() == [
        "apt-get update -qq",
        "apt-get install -y -qq --no-install-recommends shellcheck chromium",
    ]


def test_browser_deps_does_nothing_when_everything_is_there(tmp_path):
    log, env = fake_machine(tmp_path, uid=1000, present=("pdftotext", "shellcheck"))
    result = run("/bin/bash", str(INSTALL), *NEEDED[:2], env=env)
    assert result.returncode == 0 and result.stdout == result.stderr == ""
    assert not log.exists()


def test_browser_deps_without_root_says_what_to_run(tmp_path):
    log, env = fake_machine(tmp_path, uid=1000, present=("pdftotext",))
    result = run("/bin/bash", str(INSTALL), *NEEDED, env=env)
    assert result.returncode == 1
    assert "perlu hak root" in result.stderr
    assert "apt-get update && apt-get install -y --no-install-recommends shellcheck chromium" in result.stderr
    assert not log.exists()


def test_browser_deps_list_names_a_command_and_a_debian_package_for_each_need():
    dry = run("make", "-n", "browser-deps", cwd=ROOT, env={k: v for k, v in os.environ.items() if k != "MAKEFLAGS"})
    command = next(line for line in dry.stdout.splitlines() if "install-missing" in line)
    pairs = command.split()[1:]
    assert {p.split(":")[1] for p in pairs} >= {"chromium", "poppler-utils", "shellcheck", "npm"}
    assert all(re.fullmatch(r"[\w./+-]+:[a-z0-9][a-z0-9.+-]+", p) for p in pairs), pairs
