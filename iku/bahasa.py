"""Languages of the site: Indonesian (the source, always complete) and English.

Interface text is written in Indonesian in the code and passed through `t()`, which returns
the English of the current language from `ENGLISH` (gettext-style: the Indonesian text is
the key). Text from data files (kategori labels, units, indicator names…) passes through
`d()`, which reads the office's own translation table (`terjemahan.yml` in the data root).
Anything without a translation is shown in Indonesian rather than left blank.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES = ("id", "en")
_language: ContextVar[str] = ContextVar("language", default="id")
_data_table: ContextVar[dict[str, str]] = ContextVar("data_table", default={})


def current() -> str:
    return _language.get()


def use(language: str, data_translations: dict[str, dict[str, str]] | None = None) -> None:
    """Set the language for what follows (the site adapter calls this once per build)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    _language.set(language)
    _data_table.set((data_translations or {}).get(language, {}))


@contextmanager
def language(code: str, data_translations: dict | None = None):
    saved = _language.get(), _data_table.get()
    use(code, data_translations)
    try:
        yield
    finally:
        _language.set(saved[0])
        _data_table.set(saved[1])


def t(text: str) -> str:
    """Interface text in the current language."""
    return text if _language.get() == "id" else ENGLISH.get(text, text)


def d(text: str) -> str:
    """Text from a data file in the current language, through the office's translation table."""
    if _language.get() == "id" or not text:
        return text
    return _data_table.get().get(text, text)


def babel_locale() -> str:
    return {"id": "id", "en": "en_GB"}[_language.get()]  # en_GB: 4 April 2023, as Indonesian


ENGLISH: dict[str, str] = {
    # notices and frames
    "Kinerja {name}": "Performance of {name}",
    "Data contoh": "Sample data",
    "Angka di portal ini adalah <strong>data contoh</strong> untuk menunjukkan cara kerja portal, bukan angka resmi kantor. Angka resmi akan tampil setelah register diisi data asli.":
        "The figures on this portal are <strong>sample data</strong> that show how the portal works; they are not the office's official figures. Official figures will appear once the registers hold real data.",
    "belum ada realisasi": "no realisation yet",
    "target belum ditetapkan": "no target set",
    "target 0, capaian tidak dapat dihitung": "target is 0, achievement cannot be computed",
    # plain sentence
    "Belum ada data realisasi.": "No realisation data yet.",
    "Pada {year} realisasinya {figure}; targetnya belum ditetapkan.": "In {year} the realisation was {figure}; no target was set.",
    "Pada {year} realisasinya {figure} dari target {target}: {verdict}.": "In {year} the realisation was {figure} against a target of {target}: {verdict}.",
    "target tercapai": "target met",
    "target belum tercapai": "target not met",
    # Beranda
    "Tahun {year}.": "Year {year}.",
    "IKU": "KPI",
    "Indikator": "Indicator",
    "Target": "Target",
    "Realisasi": "Realisation",
    "Capaian": "Achievement",
    "Kategori": "Category",
    "Tujuan": "Objective",
    "Indikator tujuan": "Objective indicator",
    "Nilai {year}": "Value {year}",
    "diukur sama dengan {code}": "measured as {code}",
    # IKU page
    "Apa artinya?": "What does it mean?",
    "Definisi": "Definition",
    "Kinerja utama": "Key performance",
    "Formulasi (sesuai keputusan)": "Formula (as in the decree)",
    "tidak dirumuskan dalam keputusan": "not specified in the decree",
    "Cara portal menghitung": "How the portal computes it",
    "Parameter": "Parameters",
    "Satuan": "Unit",
    "Arah": "Direction",
    "makin tinggi makin baik": "higher is better",
    "makin rendah makin baik": "lower is better",
    "Penanggung jawab": "Responsible unit",
    "Sumber data (sesuai keputusan)": "Data source (as in the decree)",
    "Register data portal": "Portal data register",
    "Target, realisasi, dan capaian": "Target, realisation and achievement",
    "Target, realisasi, dan capaian {code}": "Target, realisation and achievement, {code}",
    "Tahun": "Year",
    "Kategori capaian": "Achievement category",
    "Mutu pelayanan": "Service quality",
    "Predikat": "Rating",
    "Revisi setelah rilis": "Revised after release",
    "Cara menghitung angka {year}": "How the {year} figure is computed",
    "Cara menghitung realisasi {code} tahun {year}": "Computation of {code} realisation, {year}",
    "Langkah": "Step",
    "Nilai": "Value",
    "Baris": "Line",
    "Baris register {path} untuk tahun {year}": "Register lines of {path} for {year}",
    "… dan {n} baris lainnya: lihat register lengkap.": "… and {n} more lines: see the full register.",
    # charts
    "Grafik {name}: belum ada data realisasi.": "Chart of {name}: no realisation data yet.",
    "Grafik target dan realisasi {name}, {first}–{last}.": "Chart of target and realisation, {name}, {first}–{last}.",
    "Realisasi {year} sebesar {value}": "Realisation {year}: {value}",
    " dari target {target}": " against a target of {target}",
    "Capaian {year} sebesar {value}% ({category})": "Achievement {year}: {value}% ({category})",
    ", sama dengan {year}": ", the same as {year}",
    ", naik {change} poin dari {year}": ", up {change} points from {year}",
    ", turun {change} poin dari {year}": ", down {change} points from {year}",
    "Persen (%)": "Percent (%)",
    # provenance and history
    "Asal data": "Data origin",
    "Asal data {year}: realisasi {value} dari {rows} baris": "Data origin {year}: realisation {value} from {rows} lines",
    "Setiap angka realisasi dihitung dari baris register <code>{path}</code> dengan rumus <code>{formula}</code>. Buka tahun mana pun untuk melihat barisnya (nomor baris sesuai berkas CSV) dan commit terakhir yang mengubahnya.":
        "Each realisation is computed from the lines of the register <code>{path}</code> with the formula <code>{formula}</code>. Open any year to see its lines (numbered as in the CSV file) and the last commit that changed them.",
    "Unduh register lengkap ({name})": "Download the full register ({name})",
    "Register": "Register",
    "baris {lines}": "lines {lines}",
    "Kunci baris": "Line keys",
    "Rumus": "Formula",
    "Commit terakhir yang mengubah baris ini": "Last commit that changed these lines",
    "Revisi": "Revision",
    "tidak diketahui (riwayat git tidak tersedia)": "unknown (no git history available)",
    "belum di-commit (perubahan lokal)": "not committed yet (local change)",
    "{date}, oleh {author}: {subject}": "{date}, by {author}: {subject}",
    "{figure} direvisi setelah rilis {release}: {before} → {after}": "{figure} revised after release {release}: {before} → {after}",
    "Angka yang berubah": "Figures that changed",
    "Angka": "Figure",
    "Sebelum": "Before",
    "Sesudah": "After",
    "Rilis resmi": "Official releases",
    "Rilis": "Release",
    "Tanggal": "Date",
    "Commit": "Commit",
    "Rilis resmi (tag rilis/…)": "Official releases (tags rilis/…)",
    "Perubahan data": "Data changes",
    "{n} commit mengubah data, terbaru di atas.": "{n} commits changed the data, newest first.",
    "rilis {name}": "release {name}",
    "Data pada commit ini tidak lolos pemeriksaan, sehingga tidak ada angka yang terbit darinya.":
        "The data at this commit did not pass the checks, so no figures were published from it.",
    "Tidak ada angka terbit yang berubah (perubahan teks, keterangan, atau baris yang tidak memengaruhi angka).":
        "No published figure changed (text, remarks, or lines that do not affect a figure).",
    "Data pertama: {n} angka mulai diterbitkan.": "First data: {n} figures published.",
    "Dibangun dari commit <code>{sha}</code> ({date})": "Built from commit <code>{sha}</code> ({date})",
    "Dibangun tanpa riwayat git": "Built without git history",
    "sidik data SHA-256": "data fingerprint SHA-256",
    "Data halaman ini terakhir diubah {date} (commit <code>{sha}</code>).": "The data on this page last changed on {date} (commit <code>{sha}</code>).",
    "Commit situs ini": "Commit of this site",
    "Sidik data (SHA-256 seluruh folder data)": "Data fingerprint (SHA-256 of the whole data folder)",
    "belum ada": "none yet",
    "tidak diketahui: dibangun tanpa riwayat git": "unknown: built without git history",
    "Riwayat tidak tersedia: situs ini dibangun tanpa riwayat git (misalnya dari arsip .zip/.tar.gz atau salinan folder). Angka tetap dihitung dari data yang ada.":
        "History unavailable: this site was built without git history (for example from a .zip/.tar.gz archive or a copied folder). Figures are still computed from the data present.",
    "Riwayat terpotong: repositori ini diambil sebagian (shallow clone), sehingga hanya commit terbaru yang terlihat. Ambil seluruh riwayat untuk daftar lengkap.":
        "History cut short: this repository is a shallow clone, so only the latest commits are visible. Fetch the full history for the complete list.",
    # profile, decree, methodology, data
    "Instansi": "Office",
    "Kabupaten": "Regency",
    "Provinsi": "Province",
    "Tugas": "Duties",
    "Fungsi": "Functions",
    "Tujuan dan indikator tujuan": "Objective and objective indicator",
    "Sasaran": "Targets (sasaran)",
    "Catatan redaksi": "Editorial notes",
    "Nomor": "Number",
    "Tentang": "Subject",
    "Ditetapkan di": "Issued at",
    "Penandatangan": "Signed by",
    "Pangkat": "Rank",
    "NIP": "Civil servant ID (NIP)",
    "Sumber teks": "Source of the text",
    "Lampiran": "Annex",
    "Indikator Kinerja Utama": "Key Performance Indicators",
    "No.": "No.",
    "Indikator kinerja utama": "Key performance indicator",
    "Formulasi perhitungan dan penjelasan": "Formula and explanation",
    "Bidang penanggung jawab": "Responsible unit",
    "Sumber data": "Data source",
    "Lampiran: Indikator Kinerja Utama": "Annex: Key Performance Indicators",
    "parameter": "parameters",
    "dipakai oleh": "used by",
    "tidak dipakai": "not used",
    "Kode": "Code",
    "Label": "Label",
    "Batas bawah (nilai dibulatkan 2 desimal)": "Lower bound (value rounded to 2 decimals)",
    "Dasar hukum": "Legal basis",
    "Kepastian angka": "How certain the figures are",
    "selebihnya": "the rest",
    "Berkas": "File",
    "Isi": "Contents",
    "Terakhir diubah": "Last changed",
    "Ukuran": "Size",
    "Kolom": "Column",
    "Wajib": "Required",
    "wajib": "required",
    "boleh kosong": "may be empty",
    "Kunci unik: {key}.": "Unique key: {key}.",
    "Kolom {path}": "Columns of {path}",
    # report
    "Laporan IKU {year}": "KPI report {year}",
    "Capaian Indikator Kinerja Utama tahun {year}, dihitung dari register data portal.": "Key performance indicator results for {year}, computed from the portal's data registers.",
    "Ringkasan": "Summary",
    "Ringkasan capaian IKU tahun {year}": "Summary of KPI results, {year}",
    "Cara menghitung": "Computation",
    "Belum ada data realisasi untuk dilaporkan.": "No realisation data to report yet.",
    # formulas
    "Jumlah item wajib yang tersedia": "Number of required items available",
    "Persentase (pembilang / penyebut × 100)": "Percentage (numerator / denominator × 100)",
    "Indeks Kepuasan Masyarakat (PermenPANRB 14/2017)": "Public Satisfaction Index (PermenPANRB 14/2017)",
    "Nilai langsung dari register": "Value taken directly from the register",
    "Hitung berapa item dari daftar 'wajib' yang muncul minimal sekali di kolom 'kolom' register pada tahun itu. Item di luar daftar tidak dihitung; item yang tercatat dua kali dihitung sekali.":
        "Count how many items of the 'wajib' list appear at least once in the register's 'kolom' column that year. Items outside the list do not count; an item recorded twice counts once.",
    "Penyebut = jumlah baris register pada tahun itu; pembilang = jumlah baris yang kolomnya bernilai sesuai parameter 'pembilang' (kolom:nilai). Hasil = pembilang / penyebut × 100, dibulatkan dua desimal.":
        "Denominator = the register's lines that year; numerator = the lines whose column has the value given by the 'pembilang' parameter (column:value). Result = numerator / denominator × 100, rounded to two decimals.",
    "NRR tiap unsur = rata-rata nilai unsur itu dari semua survei tahun itu, ditimbang jumlah responden. IKM unit = Σ (NRR × 1/9) untuk 9 unsur. IKM = IKM unit × 25 (rentang 25–100), dibulatkan dua desimal. Mutu pelayanan dibaca dari skala 'skala'.":
        "NRR of each element = that element's mean score over the year's surveys, weighted by respondents. IKM unit = Σ (NRR × 1/9) over the 9 elements. IKM = IKM unit × 25 (range 25–100), rounded to two decimals. Service quality is read from the 'skala' scale.",
    "Realisasi = nilai di kolom 'kolom' pada baris tahun itu (satu baris per tahun). Predikat dibaca dari skala 'skala'.":
        "Realisation = the value in the 'kolom' column of that year's line (one line per year). The rating is read from the 'skala' scale.",
    # formula steps
    "Item wajib": "Required items",
    "Tersedia": "Available",
    "Belum tersedia": "Not yet available",
    "Jumlah tersedia": "Number available",
    "tidak ada": "none",
    "Pembilang (baris dengan {column} = {value})": "Numerator (lines with {column} = {value})",
    "Penyebut (semua baris tahun ini)": "Denominator (all lines this year)",
    "Pembilang / penyebut × 100": "Numerator / denominator × 100",
    "Jumlah responden": "Respondents",
    "IKM unit (Σ NRR × 1/9)": "IKM unit (Σ NRR × 1/9)",
    "IKM konversi (IKM unit × 25)": "IKM converted (IKM unit × 25)",
    "Nilai pada kolom {column}": "Value in column {column}",
}
