"""Shared pieces of the browser tests: paths, the Chromium launch, and axe-core."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
# The accessibility standard the portal is held to.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Without the background-networking flags Chromium tries to reach Google's hosts at start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic", "--disable-features=Translate,OptimizationHints"]


def need(path: Path | str, how: str) -> None:
    """Skip where a browser tool is not installed, but fail in CI, which must have it."""
    if Path(path).exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{path} is missing: {how}")
    pytest.skip(f"{path} not installed here ({how})")


def run_axe(page, tags: list[str] = AXE_TAGS) -> list[dict]:
    """axe-core from npm, loaded from this folder (never from a CDN), run in the page."""
    need(AXE, "make browser-deps runs npm ci in tests/browser")
    # Evaluated through the DevTools protocol, which the page's Content Security Policy does not
    # govern (a <script> tag added to the page would be blocked by it, as any injected script is).
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
    return result["violations"]


# Runs before any script of the page (Playwright init scripts are not subject to the page's
# policy): every Content Security Policy violation is kept for the test to read.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`));
"""


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")
