"""A citizen's first minute on a 360×740 phone (Debian's Chromium): the IKU cards right after
the title and above the fold, the "Data contoh" notice in at most two lines, and charts whose
every text renders at 11 CSS px or more with no value label over a mark or another label."""

from __future__ import annotations

import pytest

from test_citizen import IKU_PAGES, PHONE, slug

EDITIONS = ["", "/en"]
CHART_PAGES = [edition + page for edition in EDITIONS for page in IKU_PAGES]


@pytest.fixture
def phone_page(browser, server):
    contexts = []

    def opener(path: str):
        context = browser.new_context(viewport=PHONE, locale="id-ID")
        contexts.append(context)
        page = context.new_page()
        page.goto(server + path, wait_until="networkidle")
        return page

    yield opener
    for context in contexts:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS, ids=["id", "en"])
def test_every_iku_card_is_above_the_fold_after_the_title(edition, phone_page, artifacts):
    page = phone_page(edition + "/")
    page.screenshot(path=str(artifacts / f"beranda{edition.replace('/', '-')}-360x740-layar-pertama.png"))
    cards = page.evaluate("""() => [...document.querySelectorAll('article ul.sekilas > li.kartu')].map(card => {
        const box = card.getBoundingClientRect(), link = card.querySelector('a'), spark = card.querySelector('svg.spark');
        return {top: box.top, bottom: box.bottom, left: box.left, right: box.right, href: link.getAttribute('href'),
                text: link.innerText, spark: spark && spark.getAttribute('role') === 'img' && spark.getAttribute('aria-label')};
    })""")
    title_bottom = page.evaluate("document.querySelector('article h1').getBoundingClientRect().bottom")
    assert [card["href"] for card in cards] == [page.lstrip("/") for page in IKU_PAGES]
    for card in cards:
        assert title_bottom <= card["top"] and card["bottom"] <= PHONE["height"], card
        assert 0 <= card["left"] and card["right"] <= PHONE["width"], card
        assert card["spark"], f"trend line without a text alternative: {card}"
        words = ("Capaian", "Target", "Renstra") if not edition else ("Achievement", "Target", "By 20")
        assert all(word in card["text"] for word in words), card["text"]


@pytest.mark.parametrize("path", ["/", "/iku/iku-4/", "/data/", "/en/", "/en/riwayat/"], ids=slug)
def test_sample_data_notice_takes_at_most_two_lines(path, phone_page):
    page = phone_page(path)
    lines = page.evaluate("""() => { const p = document.querySelector('.data-contoh p');
        return p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight); }""")
    assert 0.9 < lines <= 2.05, f"{lines:.2f} lines"


def _boxes_overlap(a: dict, b: dict, slack: float = 0.5) -> bool:
    return a["left"] + slack < b["right"] and b["left"] + slack < a["right"] and a["top"] + slack < b["bottom"] and b["top"] + slack < a["bottom"]


@pytest.mark.parametrize("path", CHART_PAGES, ids=slug)
def test_chart_text_is_readable_and_value_labels_stand_clear(path, phone_page):
    page = phone_page(path)
    chart = page.evaluate("""() => {
        const svg = document.querySelector('figure.grafik svg'), scale = svg.getScreenCTM().a;
        const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: e.textContent}; };
        return {
            sizes: [...svg.querySelectorAll('text')].map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale]),
            values: [...svg.querySelectorAll('.mark-text.role-mark text')].map(box),
            texts: [...svg.querySelectorAll('text')].map(box),
            marks: [...svg.querySelectorAll('.role-mark:not(.mark-text) > *')].map(box),
        };
    }""")
    assert chart["values"], "the chart has no value labels"
    small = [(text, round(size, 1)) for text, size in chart["sizes"] if size < 11]
    assert small == [], f"text under 11 px: {small}"
    for label in chart["values"]:
        covered = [m for m in chart["marks"] if _boxes_overlap(label, m)]
        assert covered == [], f"value label {label['text']!r} overlaps a mark: {covered}"
        others = [t["text"] for t in chart["texts"] if t is not label and t != label and _boxes_overlap(label, t)]
        assert others == [], f"value label {label['text']!r} overlaps {others}"


def test_overlap_check_itself_sees_an_overlap():
    a = {"left": 0, "right": 10, "top": 0, "bottom": 10}
    assert _boxes_overlap(a, {"left": 5, "right": 15, "top": 5, "bottom": 15})
    assert not _boxes_overlap(a, {"left": 10, "right": 20, "top": 0, "bottom": 10})
