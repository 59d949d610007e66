"""What `iku impor` says, in plain Indonesian, and where: workbook, sheet, Excel row and
column letter. Problems found by `iku periksa` keep their wording (iku.messages) and only get
their place translated from CSV line to Excel cell; the messages below are the mistakes only a
workbook can make."""

from __future__ import annotations

from dataclasses import dataclass

from iku.messages import Message
from iku.pribadi import redact
from iku.problems import Severity

SAVE_AS_XLSX = "buka di Excel, pilih File → Simpan Sebagai (Save As) → \"Excel Workbook (*.xlsx)\", lalu impor berkas .xlsx itu"

WORKBOOK_MESSAGES: dict[str, Message] = {
    "buku_tidak_ada": Message("Berkas tidak ada", "berkas tidak ditemukan; periksa nama dan foldernya"),
    "buku_xls": Message("Format Excel lama (.xls)", f"berkas ini berformat Excel lama (.xls) yang tidak dibaca portal; {SAVE_AS_XLSX}"),
    "buku_berkata_sandi": Message("Berkas dikunci kata sandi", "berkas dilindungi kata sandi sehingga isinya tidak dapat dibaca; buka di Excel, pilih File → Info → Lindungi Buku Kerja (Protect Workbook) → Enkripsi dengan Kata Sandi, hapus kata sandinya, simpan, lalu impor lagi"),
    "buku_rusak": Message("Berkas rusak", "berkas bukan buku kerja Excel .xlsx yang utuh ({detail}); buka di Excel dan simpan ulang sebagai .xlsx, atau minta berkas aslinya lagi"),
    "buku_csv": Message("Berkas CSV", "berkas ini CSV, bukan buku kerja Excel; salin saja ke data/register/ lalu jalankan `iku periksa`"),
    "lembar_tidak_cocok": Message("Tidak ada lembar register", "tidak ada lembar yang judul kolomnya cocok dengan register mana pun; buat templat baru dengan `iku templat` dan salin isinya ke sana"),
    "lembar_tidak_ada": Message("Lembar register tidak ada", "buku kerja tidak punya lembar untuk register '{value}'"),
    "lembar_ganda": Message("Register di dua lembar", "lembar ini memuat register {value} yang juga ada di lembar '{expected}'; satukan semua barisnya di satu lembar dan hapus lembar lainnya"),
    "lembar_dilewati": Message("Lembar dilewati", "lembar ini tidak cocok dengan register mana pun dan tidak diimpor", Severity.WARNING),
    "lembar_tersembunyi": Message("Lembar tersembunyi dilewati", "lembar ini tersembunyi dan tidak diimpor; tampilkan lembarnya (klik kanan nama lembar → Unhide) bila isinya memang harus masuk", Severity.WARNING),
    "judul_diubah": Message("Judul kolom diubah", "judul kolom '{value}' tidak dikenal di register {expected}; kembalikan judul aslinya (judul yang benar: {choices})"),
    "judul_hilang": Message("Judul kolom hilang", "kolom '{value}' tidak ada di lembar ini; tambahkan kolom dengan judul persis '{value}'"),
    "judul_ganda": Message("Judul kolom ganda", "judul kolom '{value}' muncul lebih dari sekali; hapus salah satunya"),
    "data_tanpa_judul": Message("Kolom tanpa judul", "kolom ini berisi data tetapi tidak punya judul; beri judul kolom register atau hapus isinya"),
    "sel_gabungan": Message("Sel digabung", "sel {value} digabung (Merge); pisahkan gabungannya (Unmerge) dan isi setiap sel dengan nilainya sendiri"),
    "rumus_tanpa_nilai": Message("Rumus tanpa nilai tersimpan", "sel berisi rumus {value} tetapi nilainya tidak tersimpan di berkas (berkas dibuat program lain); buka berkas di Excel, tekan Simpan, lalu impor lagi, atau ganti rumus dengan nilainya (Salin → Tempel Nilai)"),
    "rumus_buku_lain": Message("Rumus merujuk buku kerja lain", "sel berisi rumus {value} yang mengambil nilai dari buku kerja lain; nilai itu tidak ikut terkirim: ganti rumus dengan nilainya (Salin → Tempel Spesial → Nilai)"),
    "tanggal_teks": Message("Tanggal diketik sebagai teks", "'{value}' tersimpan sebagai teks, bukan tanggal; ketik ulang sebagai tanggal, misalnya 2024-02-29, dan pastikan format selnya Tanggal (Date)"),
    "tanggal_angka": Message("Angka di kolom tanggal", "sel berisi angka {value}, bukan tanggal; format sel sebagai Tanggal (Date) atau ketik tanggalnya, misalnya 2024-02-29"),
    "angka_bersatuan": Message("Angka dengan satuan", "'{value}' berisi satuan atau tanda; tulis angkanya saja (misalnya 92, bukan 92% atau 4 dokumen); satuan sudah ada di kolom lain"),
    "angka_teks": Message("Angka diketik sebagai teks", "'{value}' bukan angka yang dapat dibaca; ketik angkanya saja, dengan titik atau koma desimal, tanpa pemisah ribuan"),
    "angka_persen": Message("Sel berformat persen", "sel berformat persen: Excel menyimpan {value} sebagai pecahan; ubah format sel ke Angka (Number) dan ketik angkanya tanpa tanda %, misalnya 92"),
    "angka_tanggal": Message("Tanggal di kolom angka", "sel berisi tanggal {value}, padahal kolom ini angka (Excel mengubah ketikan seperti 3.10 menjadi tanggal); format sel sebagai Angka lalu ketik ulang"),
    "baris_dihapus": Message("Baris akan terhapus", "{value} baris di {expected} tidak ada di lembar ini, sehingga impor akan menghapusnya dari register ({choices}); bila baris itu memang harus dihapus, jalankan lagi dengan --hapus-baris, bila tidak, salin baris itu kembali ke lembar"),
    "angka_galat": Message("Sel berisi galat Excel", "sel berisi galat Excel {value}; perbaiki rumusnya atau isi nilainya langsung"),
}


@dataclass(frozen=True)
class SheetProblem:
    """A problem placed where a staff member finds it in Excel."""

    book: str
    sheet: str | None
    row: int | None
    letter: str | None
    column: str | None
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", redact(self.message))  # as iku.problems.Problem: personal data masked
        if self.column:
            object.__setattr__(self, "column", redact(self.column))

    def location(self) -> str:
        parts = [self.book]
        if self.sheet is not None:
            parts.append(f"lembar '{self.sheet}'")
        if self.letter and self.row:
            parts.append(f"sel {self.letter}{self.row}")
        elif self.row:
            parts.append(f"baris {self.row}")
        elif self.letter:
            parts.append(f"kolom {self.letter}")
        if self.column:
            parts[-1] += f" ({self.column})"
        return ", ".join(parts)

    def __str__(self) -> str:
        prefix = "" if self.severity is Severity.ERROR else "peringatan: "
        return f"{self.location()}: {prefix}{self.message}"


def sheet_problem(code: str, book: str, sheet: str | None = None, row: int | None = None, letter: str | None = None,
                  column: str | None = None, **details: object) -> SheetProblem:
    entry = WORKBOOK_MESSAGES[code]
    text = entry.template.format_map(_Blank({k: "" if v is None else v for k, v in details.items()}))
    return SheetProblem(book, sheet, row, letter, column, code, text, entry.severity)


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def reading_order(p: SheetProblem) -> tuple:
    return (p.sheet or "", p.row or 0, len(p.letter or ""), p.letter or "", p.code)


def report(problems: list[SheetProblem], written: list[str]) -> str:
    errors = [p for p in problems if p.severity is Severity.ERROR]
    lines = [str(p) for p in sorted(problems, key=reading_order)]
    if errors:
        head = (f"Ditemukan {len(errors)} kesalahan" + (f" dan {len(problems) - len(errors)} peringatan" if len(problems) > len(errors) else "")
                + " di buku kerja. Tidak ada berkas yang diubah. Perbaiki semuanya di Excel, simpan, lalu impor lagi.")
        return "\n".join([head, *lines])
    return "\n".join([*lines, *written])
