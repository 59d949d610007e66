"""Reading a git repository through its command line (nothing here writes to it): commits,
the data folder at any commit, and who last changed each line.

The Riwayat reads hundreds of commits: their trees and files come through one long-running
`git cat-file --batch` (`Objects`), not one process per commit."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Commit:
    sha: str
    time: int  # seconds since the epoch, as git records the author date
    author: str
    subject: str
    parents: tuple[str, ...] = ()

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def date(self) -> dt.date:
        return dt.datetime.fromtimestamp(self.time, dt.timezone.utc).date()


UNCOMMITTED = Commit("0" * 40, 0, "", "belum di-commit")


class Git:
    def __init__(self, repo: Path):
        self.repo = Path(repo)

    def __call__(self, *args: str, input: bytes | None = None) -> bytes:
        return subprocess.run(["git", "-C", str(self.repo), *args], input=input, capture_output=True, check=True).stdout

    def text(self, *args: str) -> str:
        return self(*args).decode("utf-8", errors="replace")

    @classmethod
    def find(cls, path: Path) -> "Git | None":
        try:
            top = subprocess.run(["git", "-C", str(path), "rev-parse", "--show-toplevel"], capture_output=True, check=True, text=True)
            git = cls(Path(top.stdout.strip()))
            git("rev-parse", "--verify", "HEAD")
            return git
        except (OSError, subprocess.CalledProcessError):
            return None

    def commit(self, rev: str) -> Commit:
        sha, time, author, subject = self.text("log", "-1", "--format=%H%x1f%at%x1f%an%x1f%s", rev, "--").rstrip("\n").split("\x1f")
        return Commit(sha, int(time), author, subject)

    def commits(self, *args: str) -> list[Commit]:
        out = self.text("log", "--format=%H%x1f%at%x1f%an%x1f%s%x1f%P%x1e", *args)
        commits = []
        for record in out.split("\x1e"):
            record = record.strip("\n")
            if record:
                sha, time, author, subject, parents = record.split("\x1f")
                commits.append(Commit(sha, int(time), author, subject, tuple(parents.split())))
        return commits

    def trees(self, revs: list[str], folder: str) -> dict[str, str | None]:
        """The tree id of `folder` at each revision, in one call per 500 revisions."""
        trees: dict[str, str | None] = {}
        for start in range(0, len(revs), 500):
            chunk = revs[start:start + 500]
            out = subprocess.run(["git", "-C", str(self.repo), "rev-parse", *[f"{r}:{folder}" for r in chunk]],
                                 capture_output=True, text=True)
            ids = out.stdout.split()
            if out.returncode == 0 and len(ids) == len(chunk):
                trees.update(zip(chunk, ids))
            else:  # some revision lacks the folder: ask one by one
                trees.update((r, self.tree(r, folder)) for r in chunk)
        return trees

    def files_at(self, rev: str, folder: str) -> dict[str, bytes]:
        """Every file under `folder` at `rev`, keyed by path relative to the folder."""
        listing = self("ls-tree", "-r", "-z", f"{rev}:{folder}").split(b"\0")
        entries = [e.decode().split("\t", 1) for e in listing if e]
        blobs = [(meta.split()[2], name) for meta, name in entries if meta.split()[1] == "blob"]
        if not blobs:
            return {}
        out = self("cat-file", "--batch", input=b"".join(sha.encode() + b"\n" for sha, _ in blobs))
        files, offset = {}, 0
        for _, name in blobs:
            header_end = out.index(b"\n", offset)
            size = int(out[offset:header_end].split()[2])
            files[name] = out[header_end + 1: header_end + 1 + size]
            offset = header_end + 1 + size + 1
        return files

    def tree(self, rev: str, folder: str) -> str | None:
        try:
            return self.text("rev-parse", f"{rev}:{folder}").strip()
        except subprocess.CalledProcessError:
            return None

    def blame(self, path: str) -> dict[int, Commit]:
        """Working-tree lines of a file -> the commit that last changed each (UNCOMMITTED if none)."""
        out = self.text("blame", "--porcelain", "--", path)
        lines: dict[int, Commit] = {}
        known: dict[str, Commit] = {}
        info: dict[str, str] = {}
        current = None
        for line in out.splitlines():
            if line.startswith("\t"):
                continue
            parts = line.split(" ")
            if len(parts) >= 3 and len(parts[0]) == 40 and all(c in "0123456789abcdef" for c in parts[0]):
                current, final_line = parts[0], int(parts[2])
                lines[final_line] = current  # resolved below, once the commit's headers are read
                info = {}
            elif current is not None:
                key, _, value = line.partition(" ")
                info[key] = value
                if key == "summary" and current not in known:
                    known[current] = (UNCOMMITTED if set(current) == {"0"} else
                                      Commit(current, int(info.get("author-time", 0)), info.get("author", ""), value))
        return {n: known.get(sha, UNCOMMITTED) for n, sha in lines.items()}


class Objects:
    """Trees and files of many commits through one `git cat-file --batch` process. Subtrees
    and files that did not change between commits share their object id, so each is read once."""

    def __init__(self, repo: Path):
        self._process = subprocess.Popen(["git", "-C", str(repo), "cat-file", "--batch"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._listings: dict[str, dict[str, str]] = {}

    def __enter__(self) -> "Objects":
        return self

    def __exit__(self, *exc) -> None:
        self._process.stdin.close()
        self._process.wait()

    def read(self, object_id: str) -> bytes:
        self._process.stdin.write(object_id.encode() + b"\n")
        self._process.stdin.flush()
        header = self._process.stdout.readline().split()
        if len(header) != 3:
            raise KeyError(f"git object {object_id} not found")
        content = self._process.stdout.read(int(header[2]))
        self._process.stdout.read(1)  # the newline after each object
        return content

    def listing(self, tree: str) -> dict[str, str]:
        """Every file under a tree (recursively, in `git ls-tree -r` order): path -> blob id."""
        if tree not in self._listings:
            files, content, offset = {}, self.read(tree), 0
            while offset < len(content):
                name_end = content.index(b"\0", offset)
                mode, name = content[offset:name_end].decode("utf-8", errors="surrogateescape").split(" ", 1)
                object_id = content[name_end + 1:name_end + 21].hex()
                offset = name_end + 21
                if mode == "40000":
                    files.update((f"{name}/{path}", blob) for path, blob in self.listing(object_id).items())
                elif mode != "160000":  # a submodule is a commit, not a file
                    files[name] = object_id
            self._listings[tree] = files
        return self._listings[tree]
