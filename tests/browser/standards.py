"""Checks by tools nobody here wrote: the Nu Html Checker (W3C's validator, npm `vnu-jar`, run
on Java) and LinkChecker (PyPI), each reduced to a list of findings the tests can compare."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from browserkit import need
# One local server for every test that serves a built site (pages are read over HTTP, as a visitor
# does, from pytest's 0700 temporary folders).
from gatherkit import serving  # noqa: F401 (imported from here by the browser tests)

VNU = Path(__file__).parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java") or "/usr/bin/java"
# LinkChecker's command line (linkcheck/command/linkchecker.py) calls drop_privileges() once it
# has read its configuration: started as root, it sets its effective user to `nobody`, with no
# option to keep it (10.6). As `nobody` it cannot open what it loads lazily from a .venv inside a
# folder only root may enter (a clone under `mktemp -d`, /root, a container image), such as
# chardet's models.bin. So the same command line runs with that one step taken out: the same
# options, checks and exit status, as whoever runs the tests. Should a release move the step,
# the run stops here instead of dropping root unseen.
LINKCHECKER_AS_CALLER = """import sys
from linkcheck.command import linkchecker as cli
if not callable(getattr(cli, "drop_privileges", None)):
    sys.exit("linkcheck.command.linkchecker.drop_privileges is gone: see how this LinkChecker drops root")
cli.drop_privileges = lambda: None
sys.argv[0] = "linkchecker"
sys.exit(cli.linkchecker())
"""


@dataclass(frozen=True)
class MaterialError:
    message: str
    marker: str  # text of the offending tag, so the same message from our own markup still fails
    template: str  # where in Material it comes from


# Validator errors that come only from Material's own templates and that no override of ours can
# remove without copying (forking) the template. Anything else fails the test.
MATERIAL_ONLY = (
    MaterialError(
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, “email”, "
        "“hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”.",
        'class="md-toggle" data-md-toggle=',
        "material/templates/base.html: the drawer and search toggles, "
        '<input class="md-toggle" type="checkbox" autocomplete="off"> outside any block',
    ),
)


@dataclass(frozen=True)
class Finding:
    page: str
    line: int
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.message} [{self.extract.strip()}]"


def validate_html(paths: list[Path]) -> list[Finding]:
    """Errors only (warnings are advice), one Java run over every file: a run per page would
    start the JVM dozens of times."""
    need(JAVA, "make browser-deps installs Debian's default-jre-headless")
    need(VNU, "make browser-deps runs npm ci in tests/browser (vnu-jar)")
    run = subprocess.run([JAVA, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", "--stdout",
                          *map(str, paths)], capture_output=True, text=True, encoding="utf-8", timeout=900)
    if run.returncode not in (0, 1):  # 1 = the documents have errors
        raise RuntimeError(f"vnu failed ({run.returncode}): {run.stderr[-2000:]}")
    return [Finding(m.get("url", "").removeprefix("file:"), m.get("lastLine", 0), m["message"], m.get("extract", ""))
            for m in json.loads(run.stdout)["messages"]]


def from_material(finding: Finding) -> bool:
    return any(finding.message == known.message and known.marker in finding.extract for known in MATERIAL_ONLY)


def check_links(urls: list[str], no_follow: list[str] = ()) -> tuple[int, list[str]]:
    """Internal links and anchors of a site served on 127.0.0.1 (LinkChecker checks only URLs under
    the start URLs unless told --check-extern, so nothing leaves the machine). A broken anchor is
    a warning in LinkChecker; here every warning counts as a finding, like every error.
    Returns how many URLs were checked (so an empty crawl cannot pass) and the findings."""
    spec = importlib.util.find_spec("linkcheck")
    need(spec.origin if spec else "linkcheck", "pip install -r requirements.txt installs LinkChecker")
    # Its own home: no linkcheckerrc or plugin of the caller's is read, nothing is written there.
    with tempfile.TemporaryDirectory(prefix="linkchecker-") as home:
        config = Path(home) / "linkcheckerrc"
        config.write_text("[AnchorCheck]\n", encoding="utf-8")
        run = subprocess.run([sys.executable, "-c", LINKCHECKER_AS_CALLER, "--config", str(config), "--no-status",
                              "--verbose", "--output", "csv", *(f"--no-follow-url={pattern}" for pattern in no_follow),
                              *urls], capture_output=True, text=True, encoding="utf-8", timeout=900,
                             env={**os.environ, "HOME": home, "XDG_DATA_HOME": home})
    lines = [line for line in run.stdout.splitlines() if line and not line.startswith("#")]
    if run.returncode not in (0, 1) or not lines:
        raise RuntimeError(f"linkchecker failed ({run.returncode}): {run.stderr[-2000:]}")
    rows = list(csv.DictReader(lines, delimiter=";"))
    return len(rows), [f"{row['url']} (from {row['parentname']}): {row['result']} {row['warningstring']}".strip()
                       for row in rows if row["valid"] != "True" or row["warningstring"]]




# Every text of every SVG on the page, with how far it sticks out of its SVG's box (in CSS px;
# negative = inside). Measured by the browser in the fonts it really has.
TEXT_OUTSIDE_SVG = """() => [...document.querySelectorAll('svg')].flatMap((svg, index) => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].map(text => {
        const r = text.getBoundingClientRect();
        return {svg: index, text: text.textContent, out: Math.max(box.left - r.left, r.right - box.right, box.top - r.top, r.bottom - box.bottom)};
    }).filter(t => t.text.trim() && t.out > 0.5);
})"""
