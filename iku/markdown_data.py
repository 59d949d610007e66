"""Markdown written in data files (the decree body): which links it may hold, and the
allow-list its rendered HTML passes through before it reaches a page.

The body is rendered as Markdown on purpose (headings, lists, emphasis), with raw HTML already
shown as text (`neutral_markdown`). Markdown links still keep any URL scheme, so a line like
`[dokumen](javascript:...)` would become a live link: the validator reports it with its line
(`unsafe_links`), and the rendered HTML is cleaned by nh3 (the Rust `ammonia` sanitiser) in
case anything slips past the check (`clean`, `clean_marked`).
"""

from __future__ import annotations

import re

import nh3

# The schemes a decree may link to; relative addresses (no scheme) are allowed as well.
ALLOWED_SCHEMES = frozenset({"https", "http", "mailto"})

# What a decree needs: headings, paragraphs, lists, emphasis, quotations, tables, links.
ALLOWED_TAGS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code",
    "ul", "ol", "li", "dl", "dt", "dd", "strong", "em", "b", "i", "sub", "sup", "abbr",
    "table", "thead", "tbody", "tr", "th", "td", "a",
})
ALLOWED_ATTRIBUTES = {
    **{f"h{n}": {"id"} for n in range(1, 7)},  # anchors from the table of contents
    "a": {"href", "title"},
    "ol": {"start"},
    "abbr": {"title"},
    "th": {"style"},
    "td": {"style"},
}

# Marks the HTML rendered from a data Markdown body inside a page, so the site adapter can
# clean exactly that part. A data body cannot forge it: its "<" is shown as text.
START = "<!-- iku:markdown-data -->"
END = "<!-- /iku:markdown-data -->"

# Link destinations in Markdown: inline `[text](url)` / `![alt](url)` and reference
# definitions `[label]: url`. Whitespace (newlines included) may precede the address.
_INLINE = re.compile(r"\]\(\s*<?((?:[^\s()<>]|\([^\s()<>]*\))*)")  # one level of (...) inside
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]*)", re.M)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# Browsers drop ASCII tab and newline anywhere in a URL and control characters or spaces at
# its start, so "java\tscript:" is still javascript:.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")


def scheme(url: str) -> str | None:
    """The URL's scheme as a browser reads it (lower case), or None for a relative address."""
    match = _SCHEME.match(_IGNORED_BY_BROWSERS.sub("", url))
    return match.group(1).lower() if match else None


def unsafe_links(body: str) -> list[tuple[int, str, str]]:
    """(line within body starting at 0, address, scheme) of each link whose scheme is not allowed."""
    found = []
    for pattern in (_INLINE, _REFERENCE):
        for match in pattern.finditer(body):
            url = match.group(1)
            kind = scheme(url)
            if kind is not None and kind not in ALLOWED_SCHEMES:
                found.append((body.count("\n", 0, match.start(1)), url, kind))
    return sorted(found)


def clean(html: str) -> str:
    """HTML rendered from data Markdown, with only the allowed tags, attributes and schemes."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        filter_style_properties={"text-align"},  # table column alignment, nothing else
        link_rel=None,  # the allowed links go to the office's own documents; keep markup as written
        strip_comments=True,
    )


def mark(markdown: str) -> str:
    """Wrap a data Markdown body so that its rendered HTML can be found and cleaned."""
    return f"{START}\n\n{markdown}\n\n{END}"


class MarkerError(ValueError):
    pass


def clean_marked(html: str) -> str:
    """Clean every marked region of a rendered page and drop the markers. A start without an
    end (or the reverse) means the Markdown swallowed a marker: refuse rather than publish."""
    if html.count(START) != html.count(END):
        raise MarkerError("penanda teks Markdown dari data tidak berpasangan; teks keputusan tidak dapat diperiksa")
    parts = []
    rest = html
    while START in rest:
        before, _, after = rest.partition(START)
        inside, found, rest = after.partition(END)
        if not found or START in inside:
            raise MarkerError("penanda teks Markdown dari data tidak berpasangan; teks keputusan tidak dapat diperiksa")
        parts += [before, clean(inside)]
    parts.append(rest)
    return "".join(parts)
