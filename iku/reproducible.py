"""Same commit, same bytes: the build's fixed time and zip archives (xlsx, docx) whose entries
carry that time and one mode, whatever machine, clock or umask wrote them."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile


def source_date() -> dt.datetime:
    """The build's fixed time (SOURCE_DATE_EPOCH; naive, UTC), so two builds of one commit are identical."""
    return epoch_time(os.environ.get("SOURCE_DATE_EPOCH"))


def epoch_time(epoch: str | None) -> dt.datetime:
    """A SOURCE_DATE_EPOCH value as a naive UTC time (no value: 1970-01-01)."""
    return dt.datetime.fromtimestamp(int(epoch or 0), dt.timezone.utc).replace(tzinfo=None)


def fixed_zip(raw: bytes, when: dt.datetime) -> bytes:
    """The same entries, in the same order, each with time `when` (zip dates start in 1980) and
    mode 0644 (writers take both from their temporary files)."""
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            target.writestr(info, source.read(entry.filename), compresslevel=6)
    return fixed.getvalue()
