"""`iku mulai <folder>`: the smallest valid data root for a new office, which builds at once.

It holds a profile to fill in, an empty decree, a descriptor with one example register (to be
replaced by the office's own), one example IKU counting that register's rows and no targets yet.
Every page built from it says the portal is not filled yet (`belum_diisi: true` in the profile).
The national scales are copied from an existing data root (they are the same for every office).

The profile says where the office's history begins (`riwayat_mulai`, see iku.history_start): after
the commit the repository is at (a fork inherits every commit of the office it was forked from,
none of them this office's), or from today when the folder is not in a git repository.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from iku.gitread import Git

PROFILE = """\
# Profil kantor. Ganti setiap isian bertanda "(belum diisi)" dengan teks dari keputusan IKU kantor Anda.
nama: Nama Kantor (belum diisi)
kabupaten: Kabupaten (belum diisi)
# Jabatan pimpinan kantor seperti tertulis di keputusan, tanpa nama kantor (contohnya di CONTRIBUTING.md).
jabatan_kepala: Kepala Kantor (belum diisi)
# true: setiap halaman menyatakan portal belum diisi. Ubah menjadi false setelah profil, keputusan,
# register dan target diisi.
belum_diisi: true
# true selama angka di register adalah data contoh.
data_contoh: true
periode_renstra:
  awal: {first}
  akhir: {last}
tugas:
  - huruf: a
    teks: (belum diisi)
fungsi:
  - huruf: a
    teks: (belum diisi)
tujuan: (belum diisi)
indikator_tujuan:
  teks: (belum diisi)
renstra:
  judul: Rencana Strategis (belum diisi)
  kelompok:
    - nama: (belum diisi)
      tujuan: (belum diisi)
      sasaran:
        - (belum diisi)
# Awal riwayat kantor ini (ditulis oleh `iku mulai`). Commit sebelumnya, misalnya data kantor asal
# fork, tidak pernah tampil sebagai riwayat kantor ini (Riwayat, umpan feed.xml, Asal data, iku diff).
riwayat_mulai:
{start}
"""

DECREE = """\
---
nomor: (belum diisi)
tentang: Indikator Kinerja Utama (belum diisi)
tanggal: {today}
tempat: (belum diisi)
jabatan_penandatangan: (belum diisi)
penandatangan: (belum diisi)
---

Salin teks keputusan IKU kantor Anda ke sini (di bawah blok metadata di atas).
"""

DESCRIPTOR = """\
# Register data kantor ini, sebagai Frictionless Data Package (datapackage.org). Register "kegiatan"
# di bawah hanya contoh: ganti dengan register kantor Anda (lihat CONTRIBUTING.md, bagian
# "Memakai portal ini untuk kantor lain").
name: register-iku
title: Register data IKU
resources:
  - name: kegiatan
    path: register/kegiatan.csv
    title: Register kegiatan (contoh, ganti dengan register kantor Anda)
    description: Satu baris per kegiatan.
    tahun_dari: tanggal
    schema:
      primaryKey: [nomor]
      fields:
        - {name: nomor, type: string, title: Nomor, description: "Nomor kegiatan, unik", constraints: {required: true}}
        - {name: tanggal, type: date, title: Tanggal, description: Tanggal kegiatan, constraints: {required: true}}
        - {name: kegiatan, type: string, title: Kegiatan, description: Nama kegiatan, constraints: {required: true}}
        - {name: status, type: string, title: Status, description: selesai atau proses, constraints: {required: true, enum: [selesai, proses]}}
"""

IKU = """\
kode,nomor,kinerja_utama,indikator,formulasi,satuan,arah,jenis_rumus,register,parameter,penanggung_jawab,sumber_data,penjelasan
IKU-1,1,(belum diisi),Jumlah kegiatan yang selesai (contoh),Jumlah kegiatan berstatus selesai,kegiatan,naik,jumlah_baris,kegiatan,syarat=status:selesai,(belum diisi),-,Contoh IKU: ganti dengan IKU dari keputusan kantor Anda.
"""


def start(folder: Path, scales_from: Path, today: dt.date | None = None) -> list[Path]:
    """Write the new data root; refuses a folder that already has files (nothing is overwritten)."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"folder {folder} sudah berisi berkas; pilih folder baru yang kosong")
    today = today or dt.date.today()
    files = {
        "instansi.yml": PROFILE.format(first=today.year, last=today.year + 4, start=history_start(folder, today)),
        "keputusan/keputusan-iku.md": DECREE.format(today=today.isoformat()),
        "datapackage.yaml": DESCRIPTOR,
        "register/kegiatan.csv": "nomor,tanggal,kegiatan,status\n",
        "iku.csv": IKU,
        "target.csv": "kode,tahun,target\n",
    }
    written = []
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    shutil.copy2(Path(scales_from) / "skala.yml", folder / "skala.yml")
    return [*written, folder / "skala.yml"]


def history_start(folder: Path, today: dt.date) -> str:
    """The `riwayat_mulai` entry: after the repository's current commit, else from today."""
    existing = next((p for p in [folder, *folder.resolve().parents] if p.is_dir()), None)
    git = Git.find(existing) if existing else None
    if git is None:
        return f"  tanggal: {today.isoformat()}  # folder ini belum di repositori git: riwayat dimulai hari ini"
    head = git.text("rev-parse", "HEAD").strip()
    return f"  sesudah_commit: \"{head}\"  # commit terakhir sebelum data root ini dibuat"
