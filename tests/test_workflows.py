"""The publishing pipeline: workflow linters (offline, zero findings, proven able to fail),
CODEOWNERS against the decree's responsible units, the pull-request summary, and a PR-style
check of a broken register."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from projectkit import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
UNSAFE = ROOT / "tests" / "fixtures" / "workflows" / "tidak-aman.yml"
FIXTURES = ROOT / "tests" / "fixtures"
BIN = Path(sys.executable).parent


def run(*command: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def zizmor(*paths: Path) -> subprocess.CompletedProcess:
    return run(str(BIN / "zizmor"), "--offline", "--persona=pedantic", "--no-progress", *map(str, paths))


def test_workflows_exist():
    assert {w.name for w in WORKFLOWS} >= {"periksa.yml", "terbitkan.yml"}


def test_zizmor_finds_nothing_in_our_workflows():
    result = zizmor(*WORKFLOWS)
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
    scripts = [(".ci/run", (ROOT / ".ci" / "run").read_text())]
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
