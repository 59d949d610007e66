"""Issue 13 rewrote the table checks for speed (vectorised over whole columns, without pandera).
What a staff member reads must not change: for every fixture mistake, every accepted Excel
variant, the made-up second office and 150 seeded random damages, the report is word for word
the one the pandera-based validator of commit 3541f59 printed. The expected reports were written
by that commit's code, not by the code under test:

    git worktree add /tmp/lama 3541f59
    cp tests/laporan_kasus.py /tmp/lama/tests/ && cd /tmp
    PYTHONPATH=/tmp/lama python /tmp/lama/tests/laporan_kasus.py > tests/fixtures/laporan-sebelum/laporan.json

(The fixtures hold no dates between 2026-03-03 and 2099, so "tanggal di masa depan" gives the
same verdicts on any day until 2099.)

Since then the expected reports change only deliberately, by rerunning the command above with
the current checkout and reading the difference; each commit that does so says which class of
line changed and why (issue 20: a duplicate key names the other row; cell values that look like
personal data are masked in every message; the new checks' fixtures added their reports).
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

from laporan_kasus import reports

BEFORE = json.loads((Path(__file__).parent / "fixtures" / "laporan-sebelum" / "laporan.json").read_text(encoding="utf-8"))


def test_every_report_is_word_for_word_what_the_previous_validator_printed():
    now = reports()
    # Fixtures added since then are for checks the old validator did not have (each one's report
    # is asserted by tests/test_periksa.py from its harapan.yml); every old case is still here.
    assert BEFORE.keys() <= now.keys()
    assert all(name.startswith("periksa/") for name in now.keys() - BEFORE.keys())
    changed = [name for name in BEFORE if now[name] != BEFORE[name]]
    detail = "\n".join(line for name in changed[:3]
                       for line in difflib.unified_diff(BEFORE[name].splitlines(), now[name].splitlines(), name, name, lineterm=""))
    assert not changed, f"{len(changed)} reports changed, e.g.:\n{detail}"


def test_the_cases_cover_what_the_checks_report():
    """The comparison above means something only if the cases make the checks speak."""
    text = "\n".join(BEFORE.values())
    for words in ("bukan bilangan bulat", "bukan angka", "tanggal '", "di luar periode Renstra", "sel ini wajib diisi",
                  "tidak dikenal; isi dengan salah satu dari", "baris ganda", "kolom 'x' tidak dikenal", "tidak ada; judul kolom",
                  "diawali '='", "NIK", "nomor telepon", "e-mail", "mirip kode HTML", "terlalu besar", "terlalu kecil"):
        assert words in text, words
    assert sum(report == "Semua data valid." for report in BEFORE.values()) >= 20
