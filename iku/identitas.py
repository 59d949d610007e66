"""Whose figures these are: the identity an office publishes in site/data/datapackage.json (key
`kantor`), so that a reader of that file alone (a kabupaten or province gathering portal, an
auditor) knows the office, its region, its Renstra period and the commit and time of the build.

Everything comes from the office's own data (instansi.yml) or from the build: nothing is derived
(the Kemendagri area code is published only when instansi.yml declares it). The build time is
SOURCE_DATE_EPOCH (the Makefile sets it to the last commit's time), so two builds of the same
commit write the same bytes; without it the time is left empty rather than taken from the clock.
"""

from __future__ import annotations

import datetime as dt
import os

# The key in datapackage.json and, in order, the fields a reader finds under it.
IDENTITY_KEY = "kantor"
FIELDS = ("nama", "singkatan", "jenis", "jabatan_kepala", "kabupaten", "provinsi", "kode_wilayah",
          "periode_renstra", "data_contoh", "commit", "waktu_build")


def build_time() -> str | None:
    """SOURCE_DATE_EPOCH as an ISO 8601 UTC time ('2026-12-01T21:31:05Z'), or None when unset."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def identity(instansi: dict, sample_data: bool, commit: str | None, built: str | None) -> dict:
    """The `kantor` block: optional profile fields are null when instansi.yml does not declare them."""
    period = instansi.get("periode_renstra") or {}
    values = {
        "nama": instansi["nama"],
        "singkatan": instansi.get("singkatan"),
        "jenis": instansi.get("jenis"),
        "jabatan_kepala": instansi.get("jabatan_kepala"),
        "kabupaten": instansi["kabupaten"],
        "provinsi": instansi.get("provinsi"),
        "kode_wilayah": instansi.get("kode_wilayah"),
        "periode_renstra": {"awal": period.get("awal"), "akhir": period.get("akhir")},
        "data_contoh": sample_data,
        "commit": commit,
        "waktu_build": built,
    }
    return {name: values[name] for name in FIELDS}
