"""mkdocs-macros adapter: each macro returns a fragment rendered by the page modules of `iku.pages` from the
portal the build hook computed. Macro results are not rendered again by Jinja, and every
data string in them is escaped there."""

from __future__ import annotations

from iku import cards, kata as office_words, render_history
from iku.html import md
from iku.pages import auditor, beranda, data, indikator, metodologi
from iku.pages.keputusan import decree
from iku.pages.laporan import report
from iku.lkjip import halaman as lkjip_page
from iku.pages.profil import profile
from iku.export import download_list, site_workbook_years
from iku.portal import current


def define_env(env):
    def prefix() -> str:
        """Relative path from the current page's source file up to the docs root."""
        depth = env.page.file.src_uri.count("/")
        return "../" * depth

    def url_prefix() -> str:
        """Relative path from the current page's URL up to the site root (for raw HTML links,
        which the site generator does not rewrite)."""
        return "../" * env.page.url.count("/")

    @env.macro
    def sekilas() -> str:
        return cards.glance(current(), url_prefix())

    @env.macro
    def instansi(key: str) -> str:
        return md(current().instansi[key])

    @env.macro
    def kata(key: str) -> str:
        """One of the office's words (iku.kata): name, head's title, decree, IKU count in words…"""
        return md(office_words.words(current())[key])

    @env.macro
    def ringkasan() -> str:
        return beranda.summary_table(current(), prefix())

    @env.macro
    def tujuan() -> str:
        return beranda.objective(current(), prefix())

    @env.macro
    def halaman_iku(code: str) -> str:
        return indikator.indicator_page(current(), code, prefix(), url_prefix())

    @env.macro
    def keputusan() -> str:
        return decree(current())

    @env.macro
    def profil() -> str:
        return profile(current())

    @env.macro
    def daftar_rumus() -> str:
        return metodologi.formula_list(current())

    @env.macro
    def contoh_arah_renstra() -> str:
        return metodologi.outlook_example(current())

    @env.macro
    def contoh_hitung_ulang() -> str:
        return auditor.recompute_examples(current())

    @env.macro
    def skala(key: str) -> str:
        return metodologi.scale_table(current(), key)

    @env.macro
    def kamus_data() -> str:
        return data.data_dictionary(current())

    @env.macro
    def katalog_pesan() -> str:
        return data.problem_catalogue(current())

    @env.macro
    def unduhan() -> str:
        portal = current()
        return data.downloads_table(download_list(portal), prefix(), portal.trail, env.conf.extra.get("ubah_data", ""))

    @env.macro
    def buku_kerja_sebagian() -> str:
        return data.workbook_note(site_workbook_years(current()))

    @env.macro
    def laporan() -> str:
        return report(current())

    @env.macro
    def laporan_kinerja() -> str:
        return lkjip_page.page(current())

    @env.macro
    def riwayat() -> str:
        return render_history.history(current(), current().trail)

    @env.macro
    def jejak_build() -> str:
        return render_history.auditor_facts(current(), current().trail)
