"""The content-keyed file cache the build keeps in .cache/ (the site's register.xlsx): made once
per input, taken from disk by the next process, made again when an input or the code changes."""

from __future__ import annotations

from pathlib import Path

from iku.fscache import BytesCache


def counting_maker(calls: list, output: bytes):
    def make() -> bytes:
        calls.append(1)
        return output
    return make


def cache_made_by(code: Path, version: str) -> BytesCache:
    """A cache for files made by the code in `code`, as it reads at `version`, kept in its folder's cache/."""
    code.write_text(version)
    cache = BytesCache(".bin", code=(code,))
    cache.use(code.parent / "cache")
    return cache


def test_made_once_then_taken_from_memory_and_from_disk(tmp_path):
    code = tmp_path / "maker.py"
    calls: list = []
    first = cache_made_by(code, "version 1")
    assert first.get(["a", b"b"], counting_maker(calls, b"out")) == b"out"
    assert first.get(["a", b"b"], counting_maker(calls, b"other")) == b"out"
    assert (first.hits, first.misses, len(calls)) == (1, 1, 1)

    second = cache_made_by(code, "version 1")  # another build process
    assert second.get(["a", b"b"], counting_maker(calls, b"other")) == b"out"
    assert (second.hits, second.misses, len(calls)) == (1, 0, 1)
    assert [p.suffix for p in (tmp_path / "cache").iterdir()] == [".bin"]


def test_a_changed_input_or_changed_code_is_made_again(tmp_path):
    code = tmp_path / "maker.py"
    calls: list = []
    cache = cache_made_by(code, "version 1")
    cache.get(["a", b"b"], counting_maker(calls, b"1"))
    # Inputs are length-prefixed: moving bytes from one input to the next is another key.
    assert cache.get(["ab", b""], counting_maker(calls, b"2")) == b"2"
    assert cache.get(["a", b"c"], counting_maker(calls, b"3")) == b"3"
    changed = cache_made_by(code, "version 2")
    assert changed.get(["a", b"b"], counting_maker(calls, b"4")) == b"4"
    assert len(calls) == 4


def test_a_new_folder_does_not_serve_what_only_the_old_one_holds(tmp_path):
    calls: list = []
    cache = BytesCache(".bin")
    cache.use(tmp_path / "one")
    cache.get(["x"], counting_maker(calls, b"1"))
    cache.use(tmp_path / "two")
    cache.get(["x"], counting_maker(calls, b"1"))
    assert len(calls) == 2 and (Path(tmp_path / "two").iterdir().__next__()).read_bytes() == b"1"
