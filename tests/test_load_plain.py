"""The C reader of large plain CSV files (`iku.load._plain_frame`) gives exactly the frame and
the problems of the csv module's reader, for every file it takes; every other file it leaves
to that reader."""

from __future__ import annotations

import pandas as pd
import pytest

from iku import load


def _both(monkeypatch, text: str):
    content = text.encode("utf-8")
    load.read_csv.cache_clear()
    monkeypatch.setattr(load, "PLAIN_READER_BYTES", 10**12)
    exact = load.read_csv("register/x.csv", content)
    load.read_csv.cache_clear()
    monkeypatch.setattr(load, "PLAIN_READER_BYTES", 0)
    fast = load.read_csv("register/x.csv", content)
    load.read_csv.cache_clear()
    return exact, fast


PLAIN = [
    "a,b,c\n1,2,3\n4,5,6\n",
    "a,b,c\r\n1,2,3\r\n4,5,6",
    "\ufeffA ,B  b,c\n 1 , 2 ,\u00a03\u00a0\n\n,,\n   \n4\n5,6\n",
    "a;b;c\n1,5;2;3\n;;\n7;8;9\n",
    "a,b,,\n1,2,,\n3,4,\n5\n",  # empty header columns on the right, all blank: dropped
    "a,b,\n1,2,x\n",  # an empty header with a value under it: judul_kosong
    "a,a,b\n1,2,3\n",  # judul_ganda
    "a,b\n\n\n1,2\n\n",
    "a,b\n1,2\n\x0b,\x1c\n3,4 \u2028\n",
    "a,b\n1,  \t\n",
]
OTHERS = [
    'a,b\n"1,5",2\n',  # a quote
    "a,b\n1,2,3\n",  # more cells than the header
    "a,b\r1,2\r",  # lone CR
    "\na,b\n1,2\n",  # blank first line
    "a,b\n1\x002\n",
    "a,b\n" + "x" * 140000 + ",1\n",  # longer than the csv module's field limit
    "a,b\n,\n",  # no row
]


@pytest.mark.parametrize("text", PLAIN + OTHERS)
def test_same_frame_and_problems(monkeypatch, text):
    (exact, exact_problems), (fast, fast_problems) = _both(monkeypatch, text)
    assert [p.message for p in fast_problems] == [p.message for p in exact_problems]
    assert (fast is None) == (exact is None)
    if exact is not None:
        pd.testing.assert_frame_equal(fast, exact, check_exact=True)
        assert fast.index.name == exact.index.name == "baris"


@pytest.mark.parametrize("text", PLAIN)
def test_plain_files_take_the_c_reader(text):
    assert load._plain_frame(text.encode(), text.lstrip("\ufeff"), load.sniff_delimiter(text.splitlines()[0])) is not None


@pytest.mark.parametrize("text", OTHERS)
def test_other_files_take_the_exact_reader(text):
    assert load._plain_frame(text.encode(), text, load.sniff_delimiter(text.splitlines()[0] if text.strip() else "")) is None
