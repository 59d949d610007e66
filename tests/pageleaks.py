"""Text a reader should never see on a built page: front matter printed as text, Jinja or
Markdown that was not rendered, HTML tags shown escaped, and pandas' empty values (nan, None,
NaT) in a table cell. Reads the HTML as the browser shows it (lxml), skipping code samples
and scripts, where such text is on purpose."""

from __future__ import annotations

import re

from lxml import html as lxml_html

# Where markup-like text is meant to be seen, or is not text at all.
SKIPPED = {"code", "pre", "kbd", "samp", "script", "style", "template", "svg", "textarea"}
LEAKS = [
    ("front matter", re.compile(r"(?:^|\n|\s)(?:title|description|search|hide|template):\s+\S.*\b(?:title|description|search|boost):\s", re.S)),
    ("front matter", re.compile(r"^\s*(?:title|description):\s", re.M)),
    ("Jinja", re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")),
    ("Markdown", re.compile(r"\*\*\S|\S\*\*|\]\(|^\s*#{1,6}\s|\|\s*:?-{3,}|`|(?:^|\s)__\S", re.M)),
    ("escaped HTML", re.compile(r"</?(?:p|div|span|a|strong|em|b|i|br|table|tr|td|th|ul|ol|li|h[1-6]|script|img|svg|figure|details|summary)\b[^>]*>", re.I)),
    ("escaped entity", re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);", re.I)),
]
# Text that talks about markup on purpose (the data-check catalogue, an editorial note on the decree).
MENTIONS = ['tanda < atau {{', '"**"']
EMPTY_VALUES = {"nan", "NaN", "None", "NaT", "<NA>", "null"}


def _visible_blocks(element) -> list[str]:
    """Text of each block element (paragraph, cell, heading…), without skipped descendants."""
    blocks = []
    for block in element.iter("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption", "caption", "summary"):
        pieces = [block.text or ""]
        for child in block:
            if isinstance(child.tag, str) and child.tag not in SKIPPED:
                pieces.append(_text_without_skipped(child))
            pieces.append(child.tail or "")
        text = "".join(pieces)
        for mention in MENTIONS:
            text = text.replace(mention, "")
        if text.strip():
            blocks.append(text)
    return blocks


def _text_without_skipped(element) -> str:
    if not isinstance(element.tag, str) or element.tag in SKIPPED:
        return ""
    return (element.text or "") + "".join(_text_without_skipped(c) + (c.tail or "") for c in element)


def find_leaks(page: str) -> list[str]:
    """Each leak as 'kind: text', empty for a clean page."""
    document = lxml_html.fromstring(page)
    body = document.find("body")
    if body is None:
        return []
    found = []
    for text in _visible_blocks(body):
        for kind, pattern in LEAKS:
            match = pattern.search(text)
            if match:
                found.append(f"{kind}: {text.strip()[:120]!r}")
                break
    for cell in body.iter("td", "th"):
        value = _text_without_skipped(cell).strip()
        if value in EMPTY_VALUES:
            found.append(f"empty value in a table cell: {value!r}")
    return sorted(set(found))
