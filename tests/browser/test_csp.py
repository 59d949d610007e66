"""The Content Security Policy as the browser enforces it. test_citizen.py checks that no page
of either edition causes a violation; here: a script injected into a published page is blocked
(and runs once the policy is removed, so the test can tell), the search form is never submitted,
and the print stylesheet applies when the page is opened from disk as `make laporan` does."""

from __future__ import annotations

import re

import pytest

from browserkit import RECORD_CSP_VIOLATIONS, csp_violations

INJECTED = '<script>window.injected = "ran"</script><button type="button" onclick="window.clicked = 1">x</button>'
_POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    yield context.new_page()
    context.close()


def _served_with_injection(tab, server, site, keep_policy: bool) -> None:
    """A copy of the home page with an inline script and handler added, served only to this tab."""
    html = (site / "index.html").read_text(encoding="utf-8").replace("</body>", INJECTED + "</body>")
    if not keep_policy:
        html = _POLICY_META.sub("", html)
    tab.route(server + "/uji-csp.html", lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html))
    tab.goto(server + "/uji-csp.html", wait_until="networkidle")
    tab.locator("button", has_text="x").last.click()


def test_policy_blocks_a_script_injected_into_a_page(tab, server, site):
    _served_with_injection(tab, server, site, keep_policy=True)
    assert tab.evaluate("[window.injected, window.clicked]") == [None, None]
    blocked = csp_violations(tab)
    assert any(v.startswith("script-src-elem blocked inline") for v in blocked), blocked
    assert any(v.startswith("script-src-attr blocked inline") for v in blocked), blocked
    assert tab.evaluate("typeof __md_get") == "function", "Material's own inline script must still run"


def test_without_the_policy_the_injected_script_would_run(tab, server, site):
    _served_with_injection(tab, server, site, keep_policy=False)
    assert tab.evaluate("[window.injected, window.clicked]") == ["ran", 1]


def test_search_form_is_never_submitted(tab, server):
    tab.set_viewport_size({"width": 1366, "height": 768})  # the search field itself, not the phone's button
    tab.goto(server + "/", wait_until="networkidle")
    tab.locator(".md-search__input").first.click()
    tab.keyboard.type("tidakadakatasepertiini")
    tab.wait_for_timeout(500)
    tab.keyboard.press("Enter")
    tab.wait_for_timeout(500)
    assert csp_violations(tab) == []


def test_print_stylesheet_applies_to_the_report_opened_from_disk(tab, site):
    tab.goto((site / "laporan" / "index.html").as_uri(), wait_until="load")
    tab.emulate_media(media="print")
    assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).display") == "none"
    assert csp_violations(tab) == []
