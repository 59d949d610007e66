"""The report as PDF: LibreOffice (headless, from Debian) converts the Word document, so the PDF
shows what staff will see when they open the .docx in an office suite.

LibreOffice runs with its own throw-away profile (-env:UserInstallation) in a private temporary
folder: it then works as root, next to another running LibreOffice, and in folders of mode 0700.
It stamps the PDF with the conversion time and a random document ID; both are replaced, with text
of the same length (the cross-reference offsets stay valid), by SOURCE_DATE_EPOCH and a digest of
the content, and its objects are renumbered in a fixed order (iku.lkjip.pdf_tetap), so the same
commit gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from iku.lkjip.pdf_tetap import canonical

SOFFICE = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 180


class PdfUnavailable(RuntimeError):
    pass


def soffice() -> str | None:
    return next((found for name in SOFFICE if (found := shutil.which(name))), None)


def convert(docx: bytes, epoch: str | None) -> bytes:
    program = soffice()
    if program is None:
        raise PdfUnavailable("LibreOffice (soffice) belum terpasang; pasang paket Debian libreoffice-writer-nogui "
                             "(make browser-deps), atau buka berkas .docx di Word lalu simpan sebagai PDF.")
    with tempfile.TemporaryDirectory(prefix="iku-lkjip-") as folder:
        work = Path(folder)
        source = work / "lkjip.docx"
        source.write_bytes(docx)
        command = [program, f"-env:UserInstallation={(work / 'profil').as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(work / "pdf"), str(source)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, cwd=work,
                              env={"HOME": str(work), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
        result = work / "pdf" / "lkjip.pdf"
        if done.returncode != 0 or not result.exists():
            raise PdfUnavailable(f"LibreOffice gagal mengubah .docx menjadi PDF: {(done.stderr or done.stdout).strip()}")
        return fixed(canonical(result.read_bytes()), epoch)


_DATE = re.compile(rb"D:\d{14}([+\-Z])(\d\d)?'?(\d\d)?'?")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-Fa-f]{32})")
_XMP_DATE = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)([^<]+)(</xmp:)")


def fixed(pdf: bytes, epoch: str | None) -> bytes:
    """Dates and document ID made reproducible, each replaced by text of the same length."""
    when = dt.datetime.fromtimestamp(int(epoch or 0), dt.timezone.utc)

    def pdf_date(match: re.Match) -> bytes:
        stamp = when.strftime("D:%Y%m%d%H%M%S").encode()
        tail = match.group(0)[len(stamp):]
        zone = re.sub(rb"\d", b"0", tail).replace(b"-", b"+")
        return stamp + zone

    pdf = _DATE.sub(pdf_date, pdf)
    pdf = _XMP_DATE.sub(lambda m: m.group(1) + when.strftime("%Y-%m-%dT%H:%M:%S").encode().ljust(len(m.group(2)), b" ")[: len(m.group(2))] + m.group(3), pdf)
    # LibreOffice's checksum and ID cover the conversion time: both become a digest of the rest.
    digest = hashlib.md5(_CHECKSUM.sub(b"", _ID.sub(b"", pdf))).hexdigest().upper().encode()  # noqa: S324 (an identifier, not security)
    pdf = _CHECKSUM.sub(b"/DocChecksum /" + digest, pdf)
    return _ID.sub(lambda m: b"/ID [ <" + digest[: len(m.group(1))].ljust(len(m.group(1)), b"0") + b"> <"
                   + digest[: len(m.group(2))].ljust(len(m.group(2)), b"0") + b"> ]"
                   if len(m.group(0)) == len(b"/ID [ <" + m.group(1) + b"> <" + m.group(2) + b"> ]") else m.group(0), pdf)
