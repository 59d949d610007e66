"""The analysis staff write each year (LKjIP Bab III items 5–7), one Markdown file per year:

    analisis/<tahun>.md
    ## IKU-1
    ### Penyebab keberhasilan atau kegagalan, dan solusinya
    ...
    ### Efisiensi penggunaan sumber daya
    ...
    ### Program dan kegiatan pendukung atau penghambat
    ...

A `## ` heading starts one IKU's section (its first word is the IKU code); a `### ` heading starts
one item, recognised by its first word. Text before the first `## ` (a title) is not part of any
section. What is missing is reported by `iku periksa` and shown as "belum diisi" in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FOLDER = "analisis/"
_FILE = re.compile(r"^analisis/(\d{4})\.md$")


@dataclass(frozen=True)
class Item:
    key: str  # the first word of its heading, lower case
    title: str  # as the report prints it


# PermenPAN-RB 53/2014, Bab III A, items 5–7.
ITEMS = (
    Item("penyebab", "Analisis penyebab keberhasilan atau kegagalan dan solusi yang dilakukan"),
    Item("efisiensi", "Analisis efisiensi penggunaan sumber daya"),
    Item("program", "Program dan kegiatan yang menunjang keberhasilan atau kegagalan"),
)
ITEM_KEYS = tuple(item.key for item in ITEMS)


@dataclass
class Section:
    code: str
    line: int  # line of its `## ` heading in the file
    items: dict[str, str] = field(default_factory=dict)  # item key -> Markdown text (may be empty)
    item_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class Heading:
    """A heading the reader did not understand, kept for the checks."""

    level: int
    text: str
    line: int


@dataclass
class Analysis:
    year: int
    path: str
    sections: dict[str, Section] = field(default_factory=dict)
    duplicates: list[tuple[Section, int]] = field(default_factory=list)  # (repeated section, first line)
    unknown_items: list[Heading] = field(default_factory=list)
    text_outside: list[int] = field(default_factory=list)  # lines of text in a section before any item

    def text(self, code: str, key: str) -> str:
        """The item's Markdown, or "" when it was not written."""
        section = self.sections.get(code)
        return (section.items.get(key) or "").strip() if section else ""


def files_by_year(files: dict[str, bytes]) -> dict[int, str]:
    """Year -> path of each analysis file in a data root (others under analisis/ are left to the checks)."""
    return {int(m.group(1)): path for path in files if (m := _FILE.match(path))}


def odd_files(files: dict[str, bytes]) -> list[str]:
    """Files under analisis/ whose name is not <tahun>.md."""
    return [path for path in files if path.startswith(FOLDER) and not _FILE.match(path)]


def parse(year: int, path: str, text: str) -> Analysis:
    analysis = Analysis(year, path)
    section: Section | None = None
    item: str | None = None
    lines: list[str] = []

    def close() -> None:
        if section is not None and item is not None:
            section.items[item] = "\n".join(lines).strip()

    in_fence = False
    under_unknown = False  # text under a heading already reported is not reported again
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        heading = None if in_fence else re.match(r"^ {0,3}(#{2,3})(?:\s+(.*?))?\s*#*\s*$", line)  # as Markdown reads ATX headings
        if heading and len(heading.group(1)) == 2:
            close()
            item, lines, under_unknown = None, [], False
            code = ((heading.group(2) or "").split() or [""])[0].rstrip(":")
            section = Section(code, number)
            if code in analysis.sections:
                analysis.duplicates.append((section, analysis.sections[code].line))
            else:
                analysis.sections[code] = section
            continue
        if heading and section is not None:
            close()
            lines = []
            words = (heading.group(2) or "").split()
            key = words[0].lower().strip(".,:;") if words else ""
            under_unknown = key not in ITEM_KEYS
            if key in ITEM_KEYS:
                item = key
                section.item_lines[key] = number
            else:
                item = None
                analysis.unknown_items.append(Heading(3, heading.group(2) or "", number))
            continue
        if section is not None and item is None and not under_unknown and line.strip() and not heading:
            analysis.text_outside.append(number)
        lines.append(line)
    close()
    return analysis


def read_all(files: dict[str, bytes]) -> dict[int, Analysis]:
    """Every readable analysis file of a data root, by year (undecodable files are the checks' business)."""
    found = {}
    for year, path in files_by_year(files).items():
        try:
            found[year] = parse(year, path, files[path].decode("utf-8-sig"))
        except UnicodeDecodeError:
            continue
    return found


# --- Markdown as plain text, for the Word document ------------------------------------------

_LINK = re.compile(r"!?\[([^\]]*)\]\(\s*<?([^\s)>]*)>?[^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")


def inline_text(text: str) -> str:
    """`**tebal**`, `[teks](alamat)` and the like as the words a reader sees: "tebal", "teks (alamat)"."""
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(2) and m.group(2) != m.group(1) else m.group(1), text)
    return _EMPHASIS.sub(r"\2", text).replace("\\", "")


def blocks(markdown: str) -> list[tuple[str, str]]:
    """Markdown as (kind, text) blocks: 'p' paragraphs, 'ul' and 'ol' list items."""
    out: list[tuple[str, str]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(("p", inline_text(" ".join(s.strip() for s in paragraph))))
            paragraph.clear()

    for line in markdown.split("\n"):
        bullet = re.match(r"^\s*[-*+]\s+(.*)$", line)
        numbered = re.match(r"^\s*\d+[.)]\s+(.*)$", line)
        if not line.strip():
            flush()
        elif bullet or numbered:
            flush()
            out.append(("ul" if bullet else "ol", inline_text((bullet or numbered).group(1).strip())))
        elif out and out[-1][0] in ("ul", "ol") and not paragraph and line.startswith((" ", "\t")):
            out[-1] = (out[-1][0], out[-1][1] + " " + inline_text(line.strip()))  # a list item's continued line
        else:
            paragraph.append(line.lstrip("#> ").rstrip())
    flush()
    return out
