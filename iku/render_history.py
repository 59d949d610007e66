"""Rendering of the auditor's trail: where each figure comes from (Asal data), what changed
when (Riwayat), what was officially released, and the build's own fingerprint."""

from __future__ import annotations

import datetime as dt

from iku import fmt
from iku.bahasa import t
from iku.compare import COMPARED, FigureChange, show_figure
from iku.compute import Indicator, Portal, YearResult
from iku.export import figure_row
from iku.history import UNCOMMITTED, Commit, Revision, Trail
from iku.history_start import EARLIER, WIB
from iku.html import ROWS_SHOWN, definition_list, esc, md, register_rows, table

LABELS = dict(COMPARED)


def commit_date(commit: Commit) -> str:
    return fmt.date(dt.datetime.fromtimestamp(commit.time, WIB).date())


def describe_commit(commit: Commit | None) -> str:
    if commit is None:
        return t("tidak diketahui (riwayat git tidak tersedia)")
    if commit is UNCOMMITTED:
        return t("belum di-commit (perubahan lokal)")
    if commit is EARLIER:
        return t("dari sebelum awal riwayat kantor ini (data kantor asal fork; commit-nya tidak ditampilkan)")
    return f"<code>{esc(commit.short)}</code>, " + t("{date}, oleh {author}: {subject}").format(
        date=esc(commit_date(commit)), author=esc(commit.author), subject=esc(commit.subject))


def revision_text(revisions: list[Revision], unit: str) -> str:
    return "; ".join(
        t("{figure} direvisi setelah rilis {release}: {before} → {after}").format(
            figure=t(LABELS[r.figure]).lower(), release=r.release,
            before=show_figure(r.figure, r.reported, unit), after=show_figure(r.figure, r.now, unit))
        for r in revisions
    )


def revisions_for(trail: Trail | None, indicator: Indicator, result: YearResult) -> list[Revision]:
    if trail is None or not trail.releases:
        return []
    return trail.revisions(indicator.code, result.year, figure_row(indicator, result))


def provenance(indicator: Indicator, results: list[YearResult], trail: Trail | None, prefix: str) -> str:
    """'Asal data': for every year with a figure, the rows, formula and commit behind it."""
    with_data = [r for r in results if r.value is not None]
    if not with_data:
        return ""
    register = indicator.register
    parts = [
        f"## {t('Asal data')}",
        "",
        t("Setiap angka realisasi dihitung dari baris register <code>{path}</code> dengan rumus <code>{formula}</code>. "
          "Buka tahun mana pun untuk melihat barisnya (nomor baris sesuai berkas CSV) dan commit terakhir yang mengubahnya.").format(
            path=esc(register.path), formula=esc(indicator.formula.name))
        + f" [{t('Unduh register lengkap ({name})').format(name=md(register.path.split('/')[-1]))}]({prefix}data/{register.path}).",
        "",
    ]
    for r in reversed(with_data):
        # A large register's year has tens of thousands of rows: the page names the first ones,
        # the full register holds them all (a phone should not download every key).
        keys = ["/".join(str(v) for v in row) for row in r.rows[list(register.key)].iloc[:ROWS_SHOWN].itertuples(index=False)]
        line_numbers = [int(i) for i in r.rows.index]
        lines = _line_ranges(line_numbers)
        lines_shown = sum(b - a + 1 for a, b in lines[:ROWS_SHOWN])
        commit = trail.rows_commit(register.path, line_numbers) if trail and trail.available else None
        facts = [
            (t("Register"), f"<code>{esc(register.path)}</code>, " + t("baris {lines}").format(lines=esc(_ranges_text(lines[:ROWS_SHOWN], len(r.rows) - lines_shown)))),
            (t("Kunci baris"), f"{esc(', '.join(register.key))}: {esc(_first(keys, len(r.rows)))}"),
            (t("Rumus"), f"<code>{esc(indicator.formula.name)}</code> ({esc(t(indicator.formula.title))})"),
            (t("Commit terakhir yang mengubah baris ini"), describe_commit(commit)),
        ]
        revised = revision_text(revisions_for(trail, indicator, r), indicator.unit)
        if revised:
            facts.append((t("Revisi"), esc(revised)))
        opened = " open" if r is with_data[-1] else ""
        parts.append(
            f'<details class="asal-data"{opened}><summary>'
            + esc(t("Asal data {year}: realisasi {value} dari {rows} baris").format(
                year=r.year, value=fmt.with_unit(r.value, indicator.unit), rows=fmt.number(len(r.rows))))
            + "</summary>"
            f"{definition_list(facts)}{register_rows(indicator, r)}</details>"
        )
    return "\n".join(parts) + "\n"


def _first(items: list[str], total: int) -> str:
    """The first ROWS_SHOWN of `total` items, and how many more there are."""
    shown = ", ".join(items[:ROWS_SHOWN])
    return shown if total <= ROWS_SHOWN else shown + " " + t("… dan {n} lainnya").format(n=fmt.number(total - ROWS_SHOWN))


def _line_ranges(lines: list[int]) -> list[tuple[int, int]]:
    """[2, 3, 4, 7] -> [(2, 4), (7, 7)]."""
    ranges, start = [], None
    for i, line in enumerate(lines):
        if start is None:
            start = line
        if i + 1 == len(lines) or lines[i + 1] != line + 1:
            ranges.append((start, line))
            start = None
    return ranges


def _ranges_text(ranges: list[tuple[int, int]], more: int) -> str:
    """'2–4, 7', and how many lines are not shown."""
    text = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges)
    return text if more <= 0 else text + " " + t("… dan {n} baris lainnya").format(n=fmt.number(more))


def _changes_table(changes: tuple[FigureChange, ...]) -> str:
    rows = [[esc(c.code), str(c.year), esc(t(LABELS[c.figure])), esc(show_figure(c.figure, c.before, c.unit)), esc(show_figure(c.figure, c.after, c.unit))]
            for c in changes]
    return table([t(h) for h in ("IKU", "Tahun", "Angka", "Sebelum", "Sesudah")], rows, t("Angka yang berubah"), numeric={3, 4})


def history(portal: Portal, trail: Trail) -> str:
    if not trail.available:
        return f'<div class="admonition info" role="note"><p>{esc(t(trail.notice))}</p></div>'
    parts = []
    if trail.notice:
        parts += [f'<div class="admonition info" role="note"><p>{esc(t(trail.notice))}</p></div>', ""]
    if trail.releases:
        rows = [[esc(r.name), esc(commit_date(r.commit)), f"<code>{esc(r.commit.short)}</code>"] for r in reversed(trail.releases)]
        parts += [f"## {t('Rilis resmi')}", "", table([t("Rilis"), t("Tanggal"), t("Commit")], rows, t("Rilis resmi (tag rilis/…)")), ""]
    parts += [f"## {t('Perubahan data')}", "", t("{n} commit mengubah data, terbaru di atas.").format(n=len(trail.entries)), ""]
    for entry in trail.entries:
        c = entry.commit
        marks = "".join(f' <span class="rilis">{esc(t("rilis {name}").format(name=name))}</span>' for name in entry.releases)
        header = f"<strong>{esc(commit_date(c))}</strong> · <code>{esc(c.short)}</code> · {esc(c.author)}{marks}"
        if not entry.valid:
            body = f"<p>{t('Data pada commit ini tidak lolos pemeriksaan, sehingga tidak ada angka yang terbit darinya.')}</p>"
        elif not entry.changes:
            body = f"<p>{t('Tidak ada angka terbit yang berubah (perubahan teks, keterangan, atau baris yang tidak memengaruhi angka).')}</p>"
        elif entry.first:
            body = f"<p>{t('Data pertama: {n} angka mulai diterbitkan.').format(n=len(entry.changes))}</p>"
        else:
            body = _changes_table(entry.changes)
        parts.append(f'<section class="riwayat-commit" id="commit-{esc(c.short)}"><p>{header}<br>{esc(c.subject)}</p>{body}</section>')
    return "\n".join(parts) + "\n"


def footer(portal: Portal, trail: Trail | None) -> str:
    commit = trail.head if trail and trail.available else None
    built_from = (t("Dibangun dari commit <code>{sha}</code> ({date})").format(sha=esc(commit.short), date=esc(commit_date(commit)))
                  if commit else t("Dibangun tanpa riwayat git"))
    return f'{built_from} · {t("sidik data SHA-256")}: <code class="sha">{esc(portal.fingerprint)}</code>'


def last_updated(commit: Commit | None) -> str:
    if commit is None or commit is UNCOMMITTED or commit is EARLIER:
        return ""
    text = t("Data halaman ini terakhir diubah {date} (commit <code>{sha}</code>).").format(date=esc(commit_date(commit)), sha=esc(commit.short))
    return f'<p class="diperbarui">{text}</p>'


def auditor_facts(portal: Portal, trail: Trail | None) -> str:
    facts = [(t("Sidik data (SHA-256 seluruh folder data)"), f'<code class="sha">{esc(portal.fingerprint)}</code>')]
    if trail and trail.available:
        facts.insert(0, (t("Commit situs ini"), f"<code>{esc(trail.head.sha)}</code> ({esc(commit_date(trail.head))})"))
        releases = ", ".join(f"rilis/{r.name} ({commit_date(r.commit)})" for r in reversed(trail.releases)) or t("belum ada")
        facts.append((t("Rilis resmi"), esc(releases)))
    else:
        facts.insert(0, (t("Commit situs ini"), t("tidak diketahui: dibangun tanpa riwayat git")))
    return definition_list(facts)
