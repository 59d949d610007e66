"""The Content Security Policy of a built page, computed from the page itself.

GitHub Pages sets no response headers, so the policy is a `<meta http-equiv>` placed first in
`<head>`, before any script or stylesheet (a meta policy covers only what follows it). Its
script hashes come from the page's own inline scripts, but only from scripts the theme's
templates write: an inline script that no template writes (one that came from data, or was
added by hand) stops the build instead of being allowed. `frame-ancestors` cannot be set from
a meta element; see SECURITY.md.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Script types a browser runs; anything else (application/json, ...) is a data block.
_JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
# A Jinja expression inside a template's script becomes this: characters that cannot end a
# JavaScript string or the script element (the theme writes base_url and similar there).
_TEMPLATE_VALUE = r"[^\"'<>\\\n]*"
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


class PolicyError(ValueError):
    pass


@dataclass(frozen=True)
class KnownScript:
    template: str  # template path inside its theme folder, e.g. partials/javascripts/base.html
    pattern: re.Pattern


def known_scripts(templates: dict[str, str]) -> list[KnownScript]:
    """The inline scripts the theme's templates (path -> text) can write."""
    known = []
    for path, text in sorted(templates.items()):
        for body in _TEMPLATE_SCRIPT.findall(text):
            literal = [re.escape(part) for part in _JINJA.split(body)]
            known.append(KnownScript(path, re.compile(_TEMPLATE_VALUE.join(literal), re.S)))
    return known


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


class _Inventory(HTMLParser):
    """What in a page the policy has to allow: inline scripts, style elements, style attributes."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.style_attributes: list[str] = []
        self.handlers: list[str] = []
        self._inline: str | None = None  # "script" or "style" while inside an inline one
        self._text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        self.handlers += [f"<{tag} {name}>" for name, _ in attrs if name.startswith("on")]
        if names.get("style") is not None:
            self.style_attributes.append(names["style"])
        runs = tag == "script" and "src" not in names and (names.get("type") or "").lower() in _JAVASCRIPT_TYPES
        self._inline = "script" if runs else "style" if tag == "style" else None
        self._text = []

    def handle_data(self, data):
        if self._inline:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._inline == tag:
            (self.scripts if tag == "script" else self.styles).append("".join(self._text))
        self._inline = None


def inline_scripts(html: str, known: list[KnownScript]) -> list[tuple[str, str]]:
    """(hash, template) of each inline script of the page; PolicyError for any the theme does not write."""
    return _known_inline_scripts(_Inventory(html), known)


def _known_inline_scripts(inventory: _Inventory, known: list[KnownScript]) -> list[tuple[str, str]]:
    if inventory.handlers:
        raise PolicyError("atribut event handler di halaman: " + ", ".join(sorted(set(inventory.handlers))))
    found = []
    for script in inventory.scripts:
        template = next((k.template for k in known if k.pattern.fullmatch(script)), None)
        if template is None:
            raise PolicyError(f"skrip inline yang tidak ditulis templat tema: {script[:80]!r}")
        found.append((sha256(script), template))
    return found


def policy(html: str, known: list[KnownScript]) -> str:
    """The policy for one page: 'self' plus exactly the page's own inline scripts and styles."""
    inventory = _Inventory(html)  # a page is parsed once: the build runs this on every page
    scripts = sorted({h for h, _ in _known_inline_scripts(inventory, known)})
    styles = sorted({sha256(s) for s in inventory.styles})
    attributes = sorted({sha256(s) for s in inventory.style_attributes})
    style_src = ["'self'", *styles, *(["'unsafe-hashes'", *attributes] if attributes else [])]
    return "; ".join([
        "default-src 'self'",
        " ".join(["script-src 'self'", *scripts]),
        " ".join(["style-src", *style_src]),
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.I)


def protect(html: str, known: list[KnownScript]) -> str:
    """The page with its policy as the first element after the charset declaration."""
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        raise PolicyError("halaman tanpa <head>: kebijakan keamanan tidak dapat dipasang")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, known)}">'
    return html[: anchor.end()] + "\n    " + meta + html[anchor.end():]
