"""Small HTML building blocks shared by the page renderers. Every function takes text that
may come from a data file and escapes it, or takes fragments its caller already escaped."""

from __future__ import annotations

import re

from markupsafe import escape

from iku import fmt
from iku.bahasa import t

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|~])")


def esc(value: object) -> str:
    return str(escape("" if value is None else str(value)))


def md(value: object) -> str:
    """Text safe to place inline in Markdown: HTML-escaped, Markdown punctuation backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", esc(value))


def table(headers: list[str], rows: list[list[str]], caption: str, numeric: set[int] = frozenset()) -> str:
    """An HTML table in a scrollable, keyboard-focusable box; cells must be escaped already."""
    def align(i: int) -> str:
        return ' class="angka"' if i in numeric else ""

    head = "".join(f'<th scope="col"{align(i)}>{h}</th>' for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(
            (f'<th scope="row">{cell}</th>' if i == 0 else f"<td{align(i)}>{cell}</td>")
            for i, cell in enumerate(row)
        ) + "</tr>"
        for row in rows
    )
    return (
        f'<div class="tabel-gulir" role="region" tabindex="0" aria-label="{esc(caption)}">'
        f'<table class="data"><caption>{esc(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def definition_list(pairs: list[tuple[str, str]]) -> str:
    return '<dl class="definisi">' + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in pairs) + "</dl>"


# A page lists at most this many register lines per year; the full register is a download.
# (A register of a million lines would otherwise make pages of hundreds of megabytes.)
ROWS_SHOWN = 100


def register_rows(indicator, result) -> str:
    """The register rows (as written in the CSV) behind one year's figure of an IKU."""
    frame = result.rows
    headers = [t("Baris")] + [esc(c) for c in frame.columns]
    shown = frame.iloc[:ROWS_SHOWN]
    rows = [[str(line)] + [esc(v) for v in values] for line, values in zip(shown.index, shown.itertuples(index=False))]
    caption = t("Baris register {path} untuk tahun {year}").format(path=indicator.register.path, year=result.year)
    more = len(frame) - len(shown)
    note = f'<p class="catatan">{esc(t("… dan {n} baris lainnya: lihat register lengkap.").format(n=fmt.number(more)))}</p>' if more > 0 else ""
    return table(headers, rows, caption) + note
