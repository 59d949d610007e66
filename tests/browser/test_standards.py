"""Standards, checked by tools nobody here wrote, over every page of both editions and the
kabupaten overview: the Nu Html Checker finds no error of ours, LinkChecker no broken internal
link or anchor, and no chart text sticks out of its SVG. Each check is first shown to fail on a
tiny page with one error of its kind, so a pass means something."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from browserkit import ROOT, run_axe
from iku.contoh import generate
from sitebuild import build_site
from standards import MATERIAL_ONLY, TEXT_OUTSIDE_SVG, check_links, from_material, serving, validate_html

# The overview's heatmap must show a 40-character office name whole, beside a short one.
LONG_NAME = "Kecamatan Sumberbaru Kidul Wetan Tanggul"
OFFICES = ("Ajung", LONG_NAME.removeprefix("Kecamatan "))

BAD_FIGURE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Uji</title></head><body>
<figure role="group"><svg aria-hidden="true"></svg><figcaption>Grafik</figcaption></figure>
</body></html>"""


@pytest.fixture(scope="session")
def overview(tmp_path_factory) -> Path:
    """As `make kabupaten`: the overview and, under it, each office's own portal it links to."""
    assert len(LONG_NAME) == 40
    offices = generate(tmp_path_factory.mktemp("instansi"), ROOT / "data", rows=200, names=OFFICES)
    target = tmp_path_factory.mktemp("kabupaten") / "site-kabupaten"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("IKU_KABUPATEN", str(offices[0].parent))
        build_site(ROOT, target, "mkdocs.kabupaten.yml")
        for office in offices:
            env.setenv("IKU_DATA", str(office))
            build_site(ROOT, target / office.name)
    return target


@pytest.fixture(scope="session")
def fixture_pages(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fixture")
    (folder / "figure.html").write_text(BAD_FIGURE, encoding="utf-8")
    return folder


def overview_pages(overview: Path) -> list[Path]:
    """The overview's own pages; the office portals under it are the site's templates again."""
    return [overview / "index.html", overview / "tentang" / "index.html", overview / "404.html"]


@pytest.fixture(scope="session")
def validator_errors(site, overview, fixture_pages):
    """One Java run over everything, the fixture page included."""
    return validate_html([site, *overview_pages(overview), fixture_pages / "figure.html"])


def test_validator_catches_a_figure_with_a_role_and_a_figcaption(validator_errors, fixture_pages):
    found = [e for e in validator_errors if e.page.startswith(str(fixture_pages))]
    assert [e.message for e in found] == ["A “figure” element with a “figcaption” descendant must not have a “role” attribute."]
    assert not from_material(found[0])


def test_validator_finds_no_error_of_ours(validator_errors, fixture_pages):
    """Everything but the fixture page and the listed Material errors, including any message
    without a page (the checker could not read a file)."""
    ours = [e for e in validator_errors if not e.page.startswith(str(fixture_pages)) and not from_material(e)]
    assert ours == [], "\n".join(map(str, ours))


def test_every_material_only_error_still_occurs(validator_errors):
    """A listed error that no longer occurs (Material fixed it) must leave the list."""
    for known in MATERIAL_ONLY:
        assert any(e.message == known.message and known.marker in e.extract for e in validator_errors), known.template


@pytest.fixture(scope="module")
def served_fixture(tmp_path_factory):
    folder = tmp_path_factory.mktemp("links")
    (folder / "index.html").write_text('<!DOCTYPE html><html lang="id"><head><title>Uji</title></head><body>'
                                       '<h2 id="ada">Ada</h2><a href="ada.html">ada</a> <a href="#ada">ke judul</a>'
                                       '<a href="hilang/">halaman yang tidak ada</a></body></html>', encoding="utf-8")
    (folder / "ada.html").write_text('<!DOCTYPE html><html lang="id"><head><title>Ada</title></head><body>'
                                     '<a href="index.html#ada">ada</a> <a href="index.html#tidak-ada">judul yang tidak ada</a>'
                                     '</body></html>', encoding="utf-8")
    with serving(folder) as url:
        yield url


def test_linkchecker_catches_a_broken_link(served_fixture):
    _, found = check_links([served_fixture + "/index.html"], no_follow=["ada\\.html"])
    assert len(found) == 1 and "/hilang/" in found[0] and "404" in found[0], found


def test_linkchecker_catches_a_broken_anchor(served_fixture):
    _, found = check_links([served_fixture + "/ada.html"], no_follow=["index\\.html"])
    assert len(found) == 1 and "#tidak-ada" in found[0], found


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="LinkChecker gives up root only when started as root; this user has no root to give up")
def test_link_check_works_as_root_from_a_private_folder(served_fixture, tmp_path, monkeypatch):
    """As root in a clone under a folder only root may enter (`mktemp -d`, /root, a container):
    LinkChecker's packages are reached only through a 0700 folder, first on its path. It checks
    as much and finds the same two faults as without that folder (as `nobody` it could not open
    what it loads lazily, chardet's models.bin among them, and reported only that)."""
    readable_checked, readable_found = check_links([served_fixture + "/index.html"])
    private = tmp_path / "private"
    private.mkdir()
    private.chmod(0o700)
    installed = Path(importlib.util.find_spec("linkcheck").origin).parents[1]
    (private / "site-packages").symlink_to(installed, target_is_directory=True)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(private / "site-packages"),
                                                                   os.environ.get("PYTHONPATH")])))
    checked, found = check_links([served_fixture + "/index.html"])
    assert sorted(found) == sorted(readable_found) and checked == readable_checked, (found, checked)
    assert len(found) == 2, found
    assert any("/hilang/" in f and "404" in f for f in found) and any("#tidak-ada" in f for f in found), found


def test_no_broken_internal_link_or_anchor(server, overview):
    """Both editions from Beranda (and the 404 page, which nothing links to), the overview from
    its home; the office portals it links to are checked to exist, not crawled: they are the same
    templates as the site, and `make kabupaten` builds them without the English edition."""
    offices = sorted(p.name for p in overview.iterdir() if (p / "iku").is_dir())
    with serving(overview) as kabupaten:
        checked, found = check_links([server + "/", server + "/404.html", kabupaten + "/"],
                                     no_follow=[f"^{kabupaten}/{office}/" for office in offices])
    assert found == [], "\n".join(found)
    assert checked > 100, f"LinkChecker checked only {checked} URLs"


def test_text_of_every_overview_chart_fits_inside_its_svg(browser, overview):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    with serving(overview) as kabupaten:
        page.goto(kabupaten + "/", wait_until="load")
        # A wrapped label is one <text> with a <tspan> per line.
        labels = page.locator("figure.grafik svg").first.evaluate("""svg => [...svg.querySelectorAll('text')].map(t =>
            t.querySelector('tspan') ? [...t.querySelectorAll('tspan')].map(s => s.textContent).join(' ') : t.textContent)""")
        outside = page.evaluate(TEXT_OUTSIDE_SVG)
    context.close()
    assert "Kecamatan Ajung" in labels and LONG_NAME in labels, labels
    assert outside == [], outside


def test_overview_passes_axe(browser, overview):
    context = browser.new_context()
    page = context.new_page()
    with serving(overview) as kabupaten:
        page.goto(kabupaten + "/", wait_until="load")
        violations = run_axe(page)
    context.close()
    assert violations == [], [f"{v['id']}: {v['help']} {v['nodes'][0]['target']}" for v in violations]


def test_text_outside_svg_is_measured(browser):
    """The measurement itself, on an SVG whose label starts left of its viewport."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content('<svg width="100" height="40" viewBox="0 0 100 40"><text x="90" y="20" text-anchor="end">'
                     "Kecamatan Sumberbaru</text></svg>")
    outside = page.evaluate(TEXT_OUTSIDE_SVG)
    context.close()
    assert [t["text"] for t in outside] == ["Kecamatan Sumberbaru"]


@pytest.mark.parametrize("path", [f"/iku/iku-{n}/" for n in range(1, 7)] + ["/en/iku/iku-1/"])
def test_text_of_iku_charts_fits_inside_its_svg(browser, server, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(server + path, wait_until="load")
    outside = page.evaluate(TEXT_OUTSIDE_SVG)
    context.close()
    assert outside == [], outside


def test_404_page_links_home_without_site_url(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "/404.html")
    page.get_by_role("link", name="Kembali ke Beranda").click()
    page.wait_for_load_state()
    url, title = page.url, page.title()
    context.close()
    # Beranda: the site root, whose title is its own front matter title before the site name.
    assert url == server + "/" and title == "Beranda - Kinerja Kecamatan Bangsalsari", (url, title)


def test_figures_are_named_by_their_captions(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "/iku/iku-4/")
    caption = page.locator("figure.grafik figcaption").inner_text()
    named = page.get_by_role("figure", name=caption, exact=True).count()
    context.close()
    assert caption.startswith("Grafik target dan realisasi") and named == 1
