"""The Atom feed of data revisions (feed.xml): one entry per data commit of the Riwayat page,
with its date, author, message and the published figures it changed (before → after).
Written by feedgen; every date comes from git, so the same commit gives the same bytes."""

from __future__ import annotations

import datetime as dt
import uuid

from feedgen.feed import FeedGenerator

from iku import bahasa
from iku.bahasa import t
from iku.compare import COMPARED, show_figure
from iku.compute import Portal
from iku.history import HistoryEntry, Trail
from iku.html import esc

LABELS = dict(COMPARED)
# Feed and entry ids: stable URNs derived from the office name and the commit, not from where
# the site happens to be hosted.
NAMESPACE = uuid.UUID("6f1d0a52-3c1b-4c58-9d53-0d6f2f8f9a11")


def _when(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc)


def changes_html(entry: HistoryEntry) -> str:
    """The figures a commit changed, as an HTML list (the entry's content)."""
    if not entry.valid:
        return f"<p>{esc(t('Data pada commit ini tidak lolos pemeriksaan, sehingga tidak ada angka yang terbit darinya.'))}</p>"
    if not entry.changes:
        return f"<p>{esc(t('Tidak ada angka terbit yang berubah (perubahan teks, keterangan, atau baris yang tidak memengaruhi angka).'))}</p>"
    items = "".join(
        f"<li>{esc(c.code)} {c.year}, {esc(t(LABELS[c.figure]).lower())}: "
        f"{esc(show_figure(c.figure, c.before, c.unit))} → {esc(show_figure(c.figure, c.after, c.unit))}</li>"
        for c in entry.changes
    )
    return f"<ul>{items}</ul>"


def atom(portal: Portal, trail: Trail, site_url: str = "", history_path: str = "riwayat/") -> bytes:
    """The feed as bytes. `site_url` (may be empty) makes links absolute; without it they are
    relative to the feed, which sits at the root of its edition."""
    office = portal.instansi["nama"]
    base = site_url.rstrip("/") + "/" if site_url else ""
    feed = FeedGenerator()
    feed.id(uuid.uuid5(NAMESPACE, f"{office}/{bahasa.current()}").urn)
    feed.title(t("Riwayat data: Kinerja {name}").format(name=bahasa.d(office)))
    feed.subtitle(t("Setiap perubahan data portal IKU dan angka terbit yang berubah karenanya."))
    feed.author({"name": bahasa.d(office)})
    feed.link(href=f"{base}{history_path}", rel="alternate")
    feed.link(href=f"{base}feed.xml", rel="self")
    feed.language(bahasa.current())
    entries = trail.entries if trail and trail.available else []
    feed.updated(_when(max((e.commit.time for e in entries), default=0)))
    for entry in reversed(entries):  # feedgen prepends: oldest first in, newest first out
        commit = entry.commit
        item = feed.add_entry()
        item.id(uuid.uuid5(NAMESPACE, f"{office}/{bahasa.current()}/{commit.sha}").urn)
        item.title(commit.subject or commit.short)
        item.author({"name": commit.author})
        item.published(_when(commit.time))
        item.updated(_when(commit.time))
        item.link(href=f"{base}{history_path}#commit-{commit.short}", rel="alternate")
        item.content(changes_html(entry), type="html")
    return feed.atom_str(pretty=True)
