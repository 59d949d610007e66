"""Property-based: whatever bytes, CSV shapes or cell values land in a data file, checking
ends with "valid" or a list of problems (exit 0 or 1), never with an exception; and data
that passes the check always computes."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iku import cli
from iku.compute import compute
from iku.portal import check

DASAR = Path(__file__).parent / "fixtures" / "dasar"
FILES = ["target.csv", "iku.csv", "register/skm.csv", "register/aduan_trantib.csv", "register/reviu_sakip.csv", "instansi.yml", "skala.yml"]
CSV_FILES = [f for f in FILES if f.endswith(".csv")]
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cell_text = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", " ", "2024", "2024-02-29", "2024-13-01", "96,5", "1.234", "1.234,5", "-1", "1e9", "nan",
                     "ya", "TIDAK", "selesai", "IKU-1", "=1+1", "<b>x</b>", "{{ config }}", "\"", ";", "\n", "3509120101800003"]),
)


def run_check(rel: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(DASAR, root)
        (root / rel).write_bytes(content)
        valid, problems = check(root)
        assert isinstance(problems, list)
        assert cli.exit_code(problems) in (0, 1)
        if valid is not None:
            compute(valid)


@SETTINGS
@given(rel=st.sampled_from(FILES), content=st.binary(max_size=400))
def test_random_bytes(rel, content):
    run_check(rel, content)


@SETTINGS
@given(rel=st.sampled_from(CSV_FILES), rows=st.lists(st.lists(cell_text, max_size=8), max_size=6),
       delimiter=st.sampled_from([",", ";", "\t"]))
def test_random_csv_shapes(rel, rows, delimiter):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    run_check(rel, buffer.getvalue().encode("utf-8"))


@SETTINGS
@given(rel=st.sampled_from(CSV_FILES), data=st.data())
def test_random_cell_values(rel, data):
    rows = list(csv.reader(io.StringIO((DASAR / rel).read_text(encoding="utf-8"))))
    for _ in range(data.draw(st.integers(1, 3))):
        r = data.draw(st.integers(0, len(rows) - 1))
        c = data.draw(st.integers(0, len(rows[r]) - 1))
        rows[r][c] = data.draw(cell_text)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    run_check(rel, buffer.getvalue().encode("utf-8"))


def test_the_command_never_shows_a_traceback(tmp_path, capsys):
    root = tmp_path / "data"
    shutil.copytree(DASAR, root)
    (root / "target.csv").write_bytes(b"\x00\xff\xfe garbage")
    assert cli.main(["periksa", str(root)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert "tidak terduga" not in captured.err
