"""Files of the build's on-disk caches (.cache/), which several build processes share
(`make kabupaten` runs two): a reader sees a whole entry or none, never half of one."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Callable


def write_atomically(path: Path, text: str) -> None:
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as file:
        file.write(content)
    os.replace(temporary, path)


class BytesCache:
    """Files a pure function makes from its inputs, by a SHA-256 of those inputs and of the code
    that makes them: speed only, the output is the same either way. In memory, and on disk when
    given a folder (the build gives `.cache/<kind>/`, which CI carries between runs)."""

    def __init__(self, suffix: str, code: tuple[Path, ...] = (), versions: tuple[str, ...] = ()):
        self.suffix = suffix
        digest = hashlib.sha256()
        for path in sorted(code):
            digest.update(path.read_bytes())
        for version in versions:
            digest.update(version.encode())
        self.code = digest.hexdigest()
        self.folder: Path | None = None
        self.memory: dict[str, bytes] = {}
        self.hits = self.misses = 0

    def use(self, folder: Path | None) -> None:
        if folder != self.folder:  # what is in memory is also on disk, but only in the old folder
            self.memory = {}
        self.folder, self.hits, self.misses = folder, 0, 0

    def get(self, inputs: list[bytes | str], make: Callable[[], bytes]) -> bytes:
        digest = hashlib.sha256(self.code.encode())
        for part in inputs:
            data = part.encode() if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "big") + data)
        key = digest.hexdigest()
        path = self.folder / f"{key}{self.suffix}" if self.folder else None
        if key in self.memory:
            self.hits += 1
        elif path is not None and path.exists():
            self.hits += 1
            self.memory[key] = path.read_bytes()
        else:
            self.misses += 1
            self.memory[key] = made = make()
            if path is not None:
                write_bytes_atomically(path, made)
        return self.memory[key]
