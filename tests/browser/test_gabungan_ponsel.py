"""The overviews on a 360 px phone (Debian's Chromium): the gathering portal (a kabupaten page of
100 offices, the province page, the Riwayat) and the `make kabupaten` overview. Every page stays
within the citizen budget (≤ 150 KB gzip, every response counted), every chart text renders at
11 CSS px or more, no text leaves its SVG, nothing scrolls sideways, axe finds nothing."""

from __future__ import annotations

import gzip

import pytest

from browserkit import RECORD_CSP_VIOLATIONS, ROOT, csp_violations, run_axe
from gatherkit import publish, synthetic_province, write_list
from iku import cli
from iku.contoh import generate
from sitebuild import build_site
from standards import TEXT_OUTSIDE_SVG, serving

PHONE = {"width": 360, "height": 740}
LONG_NAME = "Kecamatan Sumberbaru Kidul Wetan Tanggul"
# Every text of every SVG with its rendered size in CSS px (font size × the SVG's scale on screen).
TEXT_SIZES = """() => [...document.querySelectorAll('svg')].flatMap(svg => {
    const scale = svg.getScreenCTM() ? svg.getScreenCTM().a : 1;
    return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
        .map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale]);
})"""


@pytest.fixture(scope="module")
def gathered(tmp_path_factory):
    """Two real offices and a synthetic kabupaten of 100 offices, gathered from folders."""
    tmp = tmp_path_factory.mktemp("gabungan")
    real = [("bangsalsari", publish(ROOT / "data", tmp / "sites" / "bangsalsari")),
            ("sukamaju", publish(ROOT / "tests" / "fixtures" / "kantor-lain", tmp / "sites" / "sukamaju"))]
    many = synthetic_province(tmp / "sintetis", tmp / "sites" / "bangsalsari", regions=1, per_region=100)
    daftar = write_list(tmp / "DAFTAR.yml", [{"slug": slug, "url": str(site)} for slug, site in real + many])
    assert cli.main(["ambil", str(daftar), "--ke", str(tmp / "cuplikan")]) == 0
    with pytest.MonkeyPatch.context() as env:
        env.setenv("IKU_CUPLIKAN", str(tmp / "cuplikan"))
        return build_site(ROOT, tmp / "site", "mkdocs.gabungan.yml")


@pytest.fixture(scope="module")
def overview(tmp_path_factory):
    offices = generate(tmp_path_factory.mktemp("instansi"), ROOT / "data", rows=200,
                       names=("Ajung", LONG_NAME.removeprefix("Kecamatan "), "Wuluhan"))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("IKU_KABUPATEN", str(offices[0].parent))
        return build_site(ROOT, tmp_path_factory.mktemp("kabupaten") / "site", "mkdocs.kabupaten.yml")


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    yield context
    context.close()


def measure(context, url: str) -> dict:
    page = context.new_page()
    responses, errors = [], []
    page.on("response", lambda r: responses.append(r) if r.status == 200 else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url, wait_until="networkidle")
    result = {
        "gzip": sum(len(gzip.compress(r.body(), 9)) for r in list(responses)),
        "sizes": page.evaluate(TEXT_SIZES),
        "outside": page.evaluate(TEXT_OUTSIDE_SVG),
        "scroll": page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]"),
        "errors": errors + csp_violations(page),
        "page": page,
    }
    return result


GATHERED_PAGES = ["/", "/kabupaten-sintetis-01/", "/kabupaten-jember/", "/kabupaten-contoh/", "/riwayat/", "/tentang/"]


@pytest.mark.parametrize("path", GATHERED_PAGES)
def test_gathering_pages_fit_a_phone_budget_and_readable_charts(path, gathered, phone, artifacts):
    with serving(gathered) as url:
        found = measure(phone, url + path)
        found["page"].screenshot(path=str(artifacts / f"gabungan-{path.strip('/').replace('/', '-') or 'ringkasan'}-360.png"), full_page=True)
        violations = run_axe(found["page"])
    print(f"{path}: {found['gzip'] / 1024:.1f} KB gzip, {len(found['sizes'])} chart texts")
    assert found["gzip"] <= 150 * 1024, f"{found['gzip'] / 1024:.1f} KB gzip > 150 KB"
    assert [(text, round(size, 1)) for text, size in found["sizes"] if size < 11] == []
    assert found["outside"] == [] and found["errors"] == []
    assert found["scroll"][0] <= found["scroll"][1], found["scroll"]
    assert violations == [], [f"{v['id']}: {v['help']} {v['nodes'][0]['target']}" for v in violations]
    if path == "/kabupaten-sintetis-01/":
        assert len(found["sizes"]) > 300, "three charts of 100 offices each"


def test_kabupaten_overview_charts_are_readable_at_360_px(overview, phone, artifacts):
    with serving(overview) as url:
        found = measure(phone, url + "/")
        found["page"].screenshot(path=str(artifacts / "kabupaten-ikhtisar-360.png"), full_page=True)
    texts = " ".join(text for text, _ in found["sizes"])
    assert "Sumberbaru" in texts and "IKU-6" in texts and "Capaian (%)" in texts
    assert [(text, round(size, 1)) for text, size in found["sizes"] if size < 11] == []
    assert found["outside"] == [] and found["scroll"][0] <= found["scroll"][1]


def test_small_text_is_measured(phone):
    """The measurement itself: an SVG drawn 720 wide shown in 360 px halves its 11 px text."""
    page = phone.new_page()
    page.set_content('<svg viewBox="0 0 720 40" style="width:360px"><text x="10" y="20" font-size="11">IKU-1</text></svg>')
    assert [round(size, 1) for _, size in page.evaluate(TEXT_SIZES)] == [5.5]

