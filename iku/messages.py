"""The catalogue of problem codes: for each, a title and a message in plain Indonesian that
says what is wrong and how to fix it. One place for the wording, so checks only name a code."""

from __future__ import annotations

from dataclasses import dataclass

from iku.pribadi import redact
from iku.problems import Problem, Severity


@dataclass(frozen=True)
class Message:
    title: str
    template: str
    severity: Severity = Severity.ERROR


CATALOGUE: dict[str, Message] = {
    "berkas_tidak_ada": Message("Berkas tidak ada", "berkas wajib ini tidak ada; tambahkan berkasnya ke folder data"),
    "berkas_kosong": Message("Berkas kosong", "berkas kosong; isi minimal baris judul kolom dan satu baris data"),
    "berkas_excel": Message("Berkas Excel bernama .csv", "berkas ini adalah berkas Excel (.xlsx/.xls) yang diberi nama .csv; buka di Excel, pilih Simpan Sebagai (Save As) → \"CSV UTF-8 (Comma delimited)\""),
    "bukan_utf8": Message("Bukan UTF-8", "berkas tidak tersimpan sebagai UTF-8 (mungkin Windows-1252/Latin-1 dari Excel lama); simpan ulang dengan Simpan Sebagai → \"CSV UTF-8 (Comma delimited)\""),
    "csv_rusak": Message("CSV tidak terbaca", "baris tidak dapat dibaca sebagai CSV: {detail}; teks yang memuat koma atau tanda kutip harus diapit tanda kutip, dan tanda kutip di dalamnya ditulis dua kali (\"\")"),
    "yaml_rusak": Message("YAML tidak terbaca", "isi berkas tidak dapat dibaca atau bukan daftar nama: nilai; periksa indentasi (spasi di awal baris) dan tanda titik dua"),
    "folder_tidak_ada": Message("Folder data tidak ada", "folder data tidak ditemukan"),
    "metadata_hilang": Message("Metadata keputusan hilang", "keputusan harus diawali blok metadata di antara dua baris ---"),
    "judul_kosong": Message("Judul kolom kosong", "kolom tanpa judul; beri judul kolom atau hapus kolomnya"),
    "judul_ganda": Message("Judul kolom ganda", "judul kolom '{column}' muncul lebih dari sekali; hapus salah satunya"),
    "sel_berlebih": Message("Sel berlebih", "baris ini punya {value} sel, padahal judul kolom hanya {expected}; hapus sel di luar kolom atau periksa tanda koma di dalam teks (beri tanda kutip)"),
    "berkas_tidak_dikenal": Message("Berkas tidak dikenal", "berkas CSV ini tidak dikenal portal dan tidak dipakai; periksa namanya", Severity.WARNING),
    "kolom_hilang": Message("Kolom hilang", "kolom '{column}' tidak ada; judul kolom yang diperlukan: {expected} (daftar kolom register ada di datapackage.yaml)"),
    "kolom_tak_dikenal": Message("Kolom tidak dikenal", "kolom '{column}' tidak dikenal; hapus kolom ini atau perbaiki judulnya (judul yang benar: {expected}), atau nyatakan kolom baru di datapackage.yaml"),
    "wajib_isi": Message("Sel wajib kosong", "sel ini wajib diisi"),
    "tipe_bilangan_bulat": Message("Bukan bilangan bulat", "'{value}' bukan bilangan bulat; tulis angka saja tanpa koma, misalnya 12"),
    "tipe_tahun": Message("Tahun tidak valid", "'{value}' bukan tahun; tulis tahun empat angka, misalnya 2024"),
    "tipe_desimal": Message("Bukan angka", "'{value}' bukan angka; tulis misalnya 96,5 atau 96.5 tanpa satuan atau tanda %"),
    "tipe_kode": Message("Kode tidak valid", "kode '{value}' tidak valid; pakai huruf, angka, titik, strip atau garis bawah tanpa spasi, misalnya IKU-1"),
    "tipe_tanggal": Message("Tanggal tidak valid", "tanggal '{value}' tidak valid; tulis sebagai tahun-bulan-tanggal, misalnya 2024-02-29"),
    "di_bawah_minimum": Message("Di bawah batas", "nilai {value} terlalu kecil; nilai paling kecil yang diperbolehkan {minimum}"),
    "di_atas_maksimum": Message("Di atas batas", "nilai {value} terlalu besar; nilai paling besar yang diperbolehkan {maximum}"),
    "di_luar_renstra": Message("Di luar periode Renstra", "tahun {value} di luar periode Renstra {minimum}–{maximum}; periksa tahunnya"),
    "bukan_pilihan": Message("Nilai tidak dikenal", "'{value}' tidak dikenal; isi dengan salah satu dari: {choices}"),
    "awalan_rumus": Message("Sel diawali tanda rumus", "teks diawali '{value:.1}' akan dijalankan sebagai rumus bila berkas unduhan dibuka di Excel; hapus tanda =, +, - atau @ di awal teks"),
    "tanggal_masa_depan": Message("Tanggal di masa depan", "tanggal {value} belum terjadi; periksa tahun, bulan dan tanggalnya"),
    "data_pribadi_nik": Message("Ada NIK", "sel ini tampaknya memuat NIK ({value}); register terbit untuk umum dan tidak boleh berisi data pribadi: hapus NIK; untuk menandai catatan cukup nomor catatan, bukan identitas orang"),
    "data_pribadi_telepon": Message("Ada nomor telepon", "sel ini tampaknya memuat nomor telepon ({value}); register terbit untuk umum dan tidak boleh berisi data pribadi: hapus nomor telepon"),
    "data_pribadi_email": Message("Ada alamat e-mail", "sel ini tampaknya memuat alamat e-mail ({value}); register terbit untuk umum dan tidak boleh berisi data pribadi: hapus alamat e-mail"),
    "teks_kode": Message("Teks berisi kode", "teks berisi tanda < atau {{{{ yang mirip kode HTML/templat; portal menampilkannya apa adanya sebagai teks, pastikan memang disengaja", Severity.WARNING),
    "tautan_tidak_aman": Message("Tautan tidak aman", "tautan '{value}' memakai awalan '{expected}:' yang tidak diizinkan dan tidak akan diterbitkan; tautan di teks keputusan hanya boleh diawali https://, http://, mailto: atau berupa alamat di portal ini; hapus tautan ini atau ganti dengan alamat https:// dokumennya"),
    "realisasi_tanpa_target": Message("Realisasi tanpa target", "ada data tahun {value} untuk {expected}, tetapi target.csv tidak punya target {expected} tahun {value}; tambahkan baris targetnya"),
    "kunci_ganda": Message("Baris ganda", "baris ganda: {key} sudah ada di baris {expected}; hapus salah satunya atau perbaiki isinya"),
    "yaml_isian_hilang": Message("Isian hilang", "isian '{column}' wajib ada di berkas ini"),
    "yaml_tipe": Message("Isian salah jenis", "isian '{column}' harus berupa {expected}"),
    "yaml_aturan": Message("Isian tidak sesuai aturan", "isian '{column}' tidak sesuai aturan ({value}); bandingkan dengan contoh di berkas aslinya"),
    "skala_urutan": Message("Urutan kelas skala salah", "kelas '{column}' harus urut dari batas bawah tertinggi ke terendah, dan hanya kelas terakhir yang tanpa batas bawah"),
    "parameter_rusak": Message("Parameter rumus rusak", "parameter tidak dapat dibaca: {value}; tulis sebagai nama=nilai; nama=nilai"),
    "parameter_hilang": Message("Parameter rumus hilang", "rumus {expected} memerlukan parameter '{value}'"),
    "parameter_kolom": Message("Kolom parameter tidak ada", "kolom '{value}' tidak ada di register; kolom yang ada: {expected}"),
    "parameter_skala": Message("Skala tidak dikenal", "skala '{value}' tidak ada di skala.yml; skala yang ada: {expected}"),
    "parameter_syarat": Message("Syarat tidak terbaca", "{detail}"),
    "parameter_tak_dikenal": Message("Parameter rumus tidak dikenal", "parameter '{value}' tidak dikenal oleh rumus {expected}{detail}; parameter rumus ini: {choices}"),
    "syarat_tidak_cocok": Message("Syarat tidak cocok dengan kolomnya", "syarat {detail}"),
    "syarat_tak_terpenuhi": Message("Syarat tidak pernah terpenuhi", "tidak ada satu baris pun di register {expected} (semua tahun) yang memenuhi syarat '{detail}', jadi {result}; periksa nilai dan ejaannya", Severity.WARNING),
    "parameter_bukan_angka": Message("Kolom parameter bukan angka", "rumus ini menghitung dengan kolom '{value}', tetapi kolom itu bukan angka (type integer, number atau year di datapackage.yaml); kolom angka yang ada: {expected}"),
    "tidak_sesuai_pola": Message("Tidak sesuai pola", "'{value}' tidak sesuai pola yang ditetapkan di datapackage.yaml ({expected})"),
    "nilai_ganda": Message("Nilai ganda", "'{value}' sudah ada di baris {rows}; kolom ini harus unik"),
    # Row rules declared in datapackage.yaml (aturan_baris); a rule may carry its own kode and pesan.
    "aturan_wajib_bila": Message("Sel wajib diisi menurut syarat", "{column} wajib diisi bila {condition}"),
    "aturan_terisi_hanya_bila": Message("Sel terisi tidak sesuai syarat", "{column} harus diisi bila {condition}, dan dikosongkan bila tidak"),
    "aturan_tidak_sebelum": Message("Urutan nilai terbalik", "{column} lebih awal (lebih kecil) daripada {reference}; periksa keduanya"),
    "aturan_paling_besar": Message("Di atas batas menurut syarat", "{column} lebih dari {limit}{condition}; periksa nilainya"),
    # The descriptor itself (datapackage.yaml)
    "paket_tipe": Message("Jenis kolom tidak dikenal", "jenis (type) '{value}' tidak dikenal portal; pakai salah satu dari: {expected}"),
    "paket_enum": Message("Pilihan mustahil", "daftar pilihan (enum) [{value}] tidak memuat satu nilai pun yang sah untuk kolom berjenis {expected} dengan batasannya, jadi tidak ada baris yang bisa lolos; perbaiki daftar pilihan atau jenis kolomnya"),
    "paket_tahun_dari": Message("tahun_dari salah", "tahun_dari '{value}' tidak menunjuk kolom tanggal atau tahun register ini; isi dengan salah satu dari: {expected}"),
    "paket_kolom": Message("Kolom tidak dideklarasikan", "kolom '{value}' disebut di sini tetapi tidak ada di fields register ini; kolom yang ada: {expected}"),
    "paket_aturan": Message("Aturan baris rusak", "aturan baris tidak dapat dipakai: {detail}; jenis yang dikenal: {expected}"),
    "paket_acuan": Message("Acuan foreignKeys tidak ada", "foreignKeys menunjuk {value}, yang tidak ada; register yang ada: {expected}"),
    "paket_ganda": Message("Nama ganda di datapackage.yaml", "nama '{value}' dipakai lebih dari sekali (atau memakai nama tabel portal iku/target); beri nama lain"),
    "paket_salah_ketik": Message("Isian salah ketik di datapackage.yaml", "'{value}': maksudnya '{expected}'? Isian yang salah ketik tidak dibaca, sehingga isinya (aturan, batasan) tidak berlaku"),
    "paket_isian_lain": Message("Isian tidak dikenal di datapackage.yaml", "isian '{value}' tidak dikenal standar Data Package/Table Schema maupun portal ini dan tidak dipakai; biarkan bila memang isian tambahan Anda sendiri, atau periksa ejaannya", Severity.WARNING),
    "paket_batasan": Message("Batasan tidak diperiksa portal", "batasan '{value}' dari Table Schema tidak diperiksa portal ini, jadi tidak akan berlaku; hapus, atau pakai batasan yang diperiksa: {expected}"),
    "paket_masa_depan": Message("boleh_masa_depan pada kolom bukan tanggal", "boleh_masa_depan hanya berlaku untuk kolom berjenis date, padahal kolom ini berjenis {expected}; hapus isian itu atau ubah jenis kolomnya"),
    "register_tidak_ada": Message("Register tidak ada", "register {value} tidak ada di folder data; tambahkan berkasnya"),
    # LKjIP Bab III (iku/lkjip): the national standard in iku.csv, analisis/<tahun>.md, the budget register
    "standar_tanpa_sumber": Message("Sumber standar nasional kosong", "standar_nasional diisi tetapi sumber_standar kosong; tulis dasar hukum atau sumber standar itu"),
    "sumber_tanpa_standar": Message("Standar nasional kosong", "sumber_standar diisi tetapi standar_nasional kosong; isi angka standarnya atau kosongkan sumbernya"),
    "analisis_nama_berkas": Message("Nama berkas analisis salah", "berkas analisis harus bernama analisis/<tahun>.md dengan tahun dalam periode Renstra {minimum}–{maximum}, misalnya analisis/{maximum}.md"),
    "analisis_iku_tak_dikenal": Message("IKU tidak dikenal di analisis", "bagian '## {value}' tidak menunjuk IKU yang ada; judul bagian harus diawali kode IKU: {expected}"),
    "analisis_iku_ganda": Message("Bagian analisis ganda", "bagian untuk {value} sudah ada di baris {expected}; satukan kedua bagian"),
    "analisis_subbagian": Message("Subbagian analisis tidak dikenal", "subbagian '### {value}' tidak dikenal; judul subbagian harus diawali salah satu kata: {expected}"),
    "analisis_teks_lepas": Message("Teks analisis tanpa subbagian", "teks ini ada di bagian {value} tetapi belum di bawah subbagian; tulis di bawah judul '### Penyebab …', '### Efisiensi …' atau '### Program …'"),
    "analisis_tautan_tidak_aman": Message("Tautan tidak aman", "tautan '{value}' memakai awalan '{expected}:' yang tidak diizinkan dan tidak akan diterbitkan; tautan di analisis hanya boleh diawali https://, http://, mailto: atau berupa alamat di portal ini"),
    "analisis_belum_diisi": Message("Analisis belum diisi", "bagian {value} belum memuat subbagian {expected}; laporan kinerja {year} menulis \"belum diisi\" di tempatnya", Severity.WARNING),
    "anggaran_register": Message("Register anggaran tidak ada", "anggaran.register '{value}' bukan register di datapackage.yaml; register yang ada: {expected}"),
    "anggaran_kolom": Message("Kolom anggaran tidak ada", "anggaran.{column} menunjuk kolom '{value}', yang tidak ada di register itu; kolom yang ada: {expected}"),
    "anggaran_bukan_angka": Message("Kolom anggaran bukan angka", "anggaran.{column} menunjuk kolom '{value}', yang bukan angka (type number atau integer); kolom angka yang ada: {expected}"),
    "anggaran_sasaran": Message("Kode IKU tidak dikenal", "'{value}' bukan kode IKU yang ada; program dikaitkan dengan sasaran melalui kode IKU: {expected}"),
}


def _short(value: object, limit: int = 40) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def problem(code: str, file: str, row: int | None, column: str | None, **details: object) -> Problem:
    entry = CATALOGUE[code]
    # Personal data is masked before a long value is shortened (a cut NIK would no longer look like one).
    fields = {k: ("" if v is None else redact(v) if isinstance(v, str) else v) for k, v in details.items()}
    fields["value"] = _short(redact(str(fields.get("value", ""))))
    fields.setdefault("column", column or "")
    text = entry.template.format_map(_Defaults(fields))
    return Problem(file, row, column, code, text, entry.severity)


def rule_problem(rule, file: str, row: int, column: str) -> Problem:
    """A row rule from datapackage.yaml failed: the rule's own wording, or its kind's."""
    if rule.message:
        return Problem(file, row, column, rule.code, rule.message, rule.severity)
    condition = rule.condition.text() if rule.condition else ""
    found = problem(f"aturan_{rule.kind}", file, row, column, condition=condition if rule.kind != "paling_besar" or not condition else f" padahal {condition}",
                    reference=rule.reference, limit=rule.limit)
    return Problem(file, row, column, rule.code, found.message, rule.severity)


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return ""
