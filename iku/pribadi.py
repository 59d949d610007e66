"""Personal data: what the personal-data rule flags (a NIK, a phone number, an e-mail address),
and how any message shows it: masked. One place, so no rule can print what another rule hides.

Every `Problem` (iku.problems) and every workbook problem (iku.excel.messages) passes its
message through `redact`, whichever check wrote it: the CLI, the GitHub annotations, the build
log and `iku impor` print only masked values."""

from __future__ import annotations

import re

PERSONAL_DATA = {
    "data_pribadi_nik": re.compile(r"(?<!\d)\d{16}(?!\d)"),
    "data_pribadi_telepon": re.compile(r"(?<![\d+])(?:\+62|62|0)[\s.-]?8\d{2}[\s.-]?\d{3,4}[\s.-]?\d{3,5}(?!\d)"),
    "data_pribadi_email": re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),
}
_ANY = re.compile("|".join(f"(?:{p.pattern})" for p in PERSONAL_DATA.values()))


def mask(text: str) -> str:
    """Enough of a value to find it in the file, not enough to disclose it."""
    return text[:2] + "•" * max(len(text) - 4, 3) + text[-2:] if len(text) > 4 else "•" * len(text)


def redact(text: str) -> str:
    """The text with everything the personal-data rule would flag masked (the mask itself
    matches no rule, so redacting twice changes nothing)."""
    return _ANY.sub(lambda found: mask(found.group(0)), text) if text else text
