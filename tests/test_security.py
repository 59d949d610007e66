"""Defence in depth (issue 15): links in the decree's Markdown, the allow-list its HTML passes
through, and the Content Security Policy on every built page of both editions."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import MkDocsException

from iku import csp, markdown_data
from projectkit import copy_project
from sitebuild import build_both_editions, build_site

DECREE = "data/keputusan/keputusan-camat-065-10-35.09.09-2023.md"
ATTACK_LINE = "Lihat [dokumen asli](javascript:alert(document.domain))"


# --- links in data Markdown ------------------------------------------------------------------

def test_links_with_other_schemes_are_found_with_their_line():
    body = "\n".join([
        "## Menimbang",                                   # 0
        "[asli](https://jdih.jemberkab.go.id/x.pdf)",     # 1 allowed
        "[surat](mailto:kec@jemberkab.go.id) [lampiran](../data/)",  # 2 allowed
        ATTACK_LINE,                                      # 3
        "[a](JaVaScRiPt:alert(1)) ![b](data:image/svg+xml,x)",  # 4: two
        "[c](",                                           # 5
        "  vbscript:msgbox(1))",                          # 6: address on the next line
        "[ref]: file:///etc/passwd",                      # 7
    ])
    assert markdown_data.unsafe_links(body) == [
        (3, "javascript:alert(document.domain)", "javascript"),
        (4, "JaVaScRiPt:alert(1)", "javascript"),
        (4, "data:image/svg+xml,x", "data"),
        (6, "vbscript:msgbox(1)", "vbscript"),
        (7, "file:///etc/passwd", "file"),
    ]


def test_scheme_is_read_as_a_browser_reads_it():
    assert markdown_data.scheme(" java\tscript:x") == "javascript"
    assert markdown_data.scheme("java\nscript:x") == "javascript"
    assert markdown_data.scheme("../data/") is None
    assert markdown_data.scheme("#menimbang") is None


def test_allow_list_removes_scripts_handlers_and_unsafe_schemes():
    dirty = (
        '<h2 id="menimbang">Menimbang</h2><p><a href="javascript:alert(1)">a</a> <a href="data:text/html,x">b</a> '
        '<a href="vbscript:x">c</a> <a href="https://x.go.id/" onclick="alert(1)">d</a> <a href="mailto:a@b.id">e</a> '
        '<a href="../data/">f</a></p><script>alert(2)</script><img src=x onerror=alert(3)><p onmouseover="x">g</p>'
    )
    clean = markdown_data.clean(dirty)
    for gone in ("javascript:", "data:", "vbscript:", "onclick", "onerror", "onmouseover", "<script", "alert(2)", "<img"):
        assert gone not in clean, gone
    for kept in ('<h2 id="menimbang">', '<a href="https://x.go.id/">d</a>', '<a href="mailto:a@b.id">e</a>', '<a href="../data/">f</a>'):
        assert kept in clean, kept


def test_only_the_marked_part_of_a_page_is_cleaned():
    page = '<script src="x.js"></script>' + markdown_data.mark('<p><a href="javascript:x">a</a></p>') + '<svg><path d="M0"/></svg>'
    assert markdown_data.clean_marked(page) == '<script src="x.js"></script>\n\n<p><a>a</a></p>\n\n<svg><path d="M0"/></svg>'
    with pytest.raises(markdown_data.MarkerError):
        markdown_data.clean_marked(markdown_data.START + "<p>tanpa penutup</p>")


# --- the policy --------------------------------------------------------------------------------

def test_hash_is_the_one_the_csp_specification_gives():
    # Example from the CSP Level 3 specification / MDN for <script>alert('Hello, world.');</script>
    assert csp.sha256("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


TEMPLATES = {"partials/javascripts/base.html": '<script>__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location)</script>'}
PAGE = ('<!doctype html><html><head>\n<meta charset="utf-8">\n<link rel="stylesheet" href="a.css">'
        '<script>__md_scope=new URL("..",location)</script></head><body><th style="text-align: right;">x</th>'
        '<script id="__config" type="application/json">{"a": 1}</script><script src="b.js"></script></body></html>')


def test_policy_allows_exactly_the_theme_scripts_of_the_page():
    known = csp.known_scripts(TEMPLATES)
    policy = csp.policy(PAGE, known)
    theme_script = csp.sha256('__md_scope=new URL("..",location)')
    assert policy == (
        "default-src 'self'; "
        f"script-src 'self' {theme_script}; "
        f"style-src 'self' 'unsafe-hashes' {csp.sha256('text-align: right;')}; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'"
    )
    assert "unsafe-inline" not in policy


@pytest.mark.parametrize("injected", [
    "<script>alert(1)</script>",
    '<script>__md_scope=new URL("..",location);alert(1)</script>',  # a theme script with something added
    '<script>__md_scope=new URL("x"+alert(1)+"",location)</script>',  # breaking out of the template's string
    '<a href="#" onclick="alert(1)">x</a>',
])
def test_an_inline_script_no_template_writes_stops_the_build(injected):
    with pytest.raises(csp.PolicyError):
        csp.protect(PAGE.replace("</body>", injected + "</body>"), csp.known_scripts(TEMPLATES))


def test_policy_comes_before_any_stylesheet_or_script():
    protected = csp.protect(PAGE, csp.known_scripts(TEMPLATES))
    meta = protected.index('http-equiv="Content-Security-Policy"')
    assert protected.index("<meta charset") < meta < protected.index("<link") < protected.index("<script")


# --- built site ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def both_editions(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"))
    return build_both_editions(project, project / "site")


def test_every_page_of_both_editions_carries_the_policy_first(both_editions):
    pages = sorted(both_editions.rglob("*.html"))
    assert len(pages) > 25 and (both_editions / "en" / "404.html") in pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert len(policies) == 1, page
        policy = policies[0]
        for directive in ("default-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'none'", "form-action 'none'"):
            assert directive in policy, (page, directive)
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, page
        head = html[: html.index("</head>")]
        assert head.index("Content-Security-Policy") < min(head.index(tag) for tag in ("<script", "<link")), page
        # every inline script of the page is allowed by hash, and nothing else is
        scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
        assert scripts and {csp.sha256(s) for s in scripts} == set(re.findall(r"'sha256-[^']+'", policy.split(";")[1])), page


def test_javascript_link_in_the_decree_stops_the_build_naming_file_and_line(project, tmp_path, caplog):
    path = project / DECREE
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index("## Mengingat")
    lines[at:at] = [ATTACK_LINE, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(MkDocsException):
        build_site(project, tmp_path / "site")
    assert f"{DECREE}:{at + 1}: tautan 'javascript:alert(document.domain)'" in caplog.text
    assert not (tmp_path / "site" / "keputusan" / "index.html").exists()


def test_a_link_the_check_missed_still_never_reaches_the_page(project, tmp_path, monkeypatch):
    """Defence in depth: with the check switched off, the allow-list still removes the link."""
    monkeypatch.setattr("iku.validate.unsafe_links", lambda body: [])
    monkeypatch.setattr("iku.validate._declarations_memo", {})  # not the verdict of an earlier test on the same decree
    path = project / DECREE
    path.write_text(path.read_text(encoding="utf-8").replace("## Mengingat", ATTACK_LINE + "\n\n## Mengingat"), encoding="utf-8")
    html = (build_site(project, tmp_path / "site") / "keputusan" / "index.html").read_text(encoding="utf-8")
    assert "dokumen asli" in html
    assert "javascript:" not in html


def test_unit_and_category_in_the_summary_table_stay_text(tmp_path):
    """Found by the payload test: the summary on Beranda is a Markdown table, and the unit
    (iku.csv `satuan`) was only HTML-escaped there, so a Markdown link in it became live."""
    import markdown

    from iku import portal as pipeline
    from iku.pages import beranda

    root = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "dasar", root)
    iku_csv = root / "iku.csv"
    iku_csv.write_text(iku_csv.read_text(encoding="utf-8").replace(",dokumen,", ",dokumen [x](javascript:alert(1)),", 1), encoding="utf-8")
    html = markdown.markdown(beranda.summary_table(pipeline.build(root)), extensions=["tables"])
    assert "dokumen [x](javascript:alert(1))" in html
    assert "<a" not in html.replace('<a href="iku/', "")
