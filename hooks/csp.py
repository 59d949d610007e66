"""MkDocs adapter: every finished page (and the 404 page) gets its Content Security Policy from
`iku.csp`, computed from the page as written, after every other plugin and hook changed it."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from iku import csp

_known: dict[tuple[str, ...], list[csp.KnownScript]] = {}


def _known_scripts(config) -> list[csp.KnownScript]:
    """Inline scripts the theme can write, read once from its template folders (overrides first)."""
    dirs = tuple(config.theme.dirs)
    if dirs not in _known:
        templates: dict[str, str] = {}
        for folder in map(Path, dirs):
            for path in sorted(folder.rglob("*.html")):
                templates.setdefault(path.relative_to(folder).as_posix(), path.read_text(encoding="utf-8"))
        _known[dirs] = csp.known_scripts(templates)
    return _known[dirs]


def _protect(html: str, where: str, config) -> str:
    try:
        return csp.protect(html, _known_scripts(config))
    except csp.PolicyError as error:
        raise PluginError(f"{where}: {error}") from None


@event_priority(-100)  # last: the policy must describe the page as published
def on_post_page(output: str, page, config) -> str:
    return _protect(output, page.file.src_uri, config)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config) -> str:
    return _protect(output_content, template_name, config) if template_name.endswith(".html") else output_content
