"""`iku ambil DAFTAR.yml --ke FOLDER`: fetch what each office published for others and keep a
verified snapshot of it. The only step of the gathering portal that uses the network.

For each office of DAFTAR (`kantor:`, each `{slug, url}`; url = its published portal or a local
folder of a built site) the four files of its `data/` folder are fetched concurrently, with
timeouts, retries, a size limit per file and no redirect to another host (requests + urllib3).
Every file must match the office's SHA256SUMS and hasil.json must meet both its own
hasil.schema.json and what the gathering reads (iku.snapshot.GATHERED_SCHEMA). Only then is
FOLDER/<slug>/ replaced. An office that cannot be reached or fails a check keeps its last good
snapshot; the reason and since when are recorded in its status.json, never dropped in silence.
What a new snapshot changes in the figures is appended to its riwayat.json (iku.snapshot).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from iku import snapshot
from iku.problems import Problem, Severity
from iku.validate_yaml import check_yaml

MAX_BYTES = 5 * 1024 * 1024  # per file; an office's hasil.json is a few kilobytes
TIMEOUT = (5, 20)  # seconds: connect, read
RETRIES = 2
MAX_REDIRECTS = 5


class Refused(Exception):
    """The office answered, but what it published cannot be shown."""


class Unreachable(Exception):
    """The office's portal did not answer (connection, timeout, HTTP error)."""


@dataclass(frozen=True)
class Office:
    slug: str
    url: str
    name: str | None = None
    region: str | None = None


def read_list(path: Path) -> tuple[list[Office], list[Problem]]:
    """DAFTAR.yml: the offices, or every problem with it (file, entry and key named)."""
    label = str(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return [], [Problem(label, None, None, "daftar_rusak", f"daftar kantor tidak dapat dibaca: {type(error).__name__}", Severity.ERROR)]
    problems = check_yaml(label, document if isinstance(document, dict) else {}, "daftar")
    entries = document.get("kantor") if isinstance(document, dict) else None
    offices, seen = [], set()
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict) or not isinstance(entry.get("slug"), str) or not isinstance(entry.get("url"), str):
            continue  # named by the schema check above
        if entry["slug"] in seen:
            problems.append(Problem(label, None, f"kantor.{i}.slug", "daftar_slug_ganda",
                                    f"slug '{entry['slug']}' sudah dipakai kantor lain di daftar ini", Severity.ERROR))
        seen.add(entry["slug"])
        url = entry["url"]
        if "://" not in url:  # a local folder, relative to the list
            url = str((path.parent / url).resolve())
        elif urlsplit(url).scheme not in ("http", "https"):
            problems.append(Problem(label, None, f"kantor.{i}.url", "daftar_url",
                                    f"alamat '{url}' harus diawali https:// atau http://, atau berupa folder", Severity.ERROR))
        offices.append(Office(entry["slug"], url, entry.get("nama"), entry.get("kabupaten")))
    return (offices, []) if not problems else ([], problems)


class Fetcher:
    """GET with timeouts, retries (connection errors and 429/5xx, with backoff), a size limit and
    redirects followed only within the same host. One requests.Session per thread."""

    def __init__(self, max_bytes: int = MAX_BYTES, timeout=TIMEOUT, retries: int = RETRIES):
        self.max_bytes, self.timeout, self.retries = max_bytes, timeout, retries
        logging.getLogger("urllib3").setLevel(logging.ERROR)  # each retry in English; the outcome says it in Indonesian
        self._local = threading.local()

    def _session(self):
        if not hasattr(self._local, "session"):
            import requests
            from requests.adapters import HTTPAdapter
            from urllib3.util.retry import Retry

            retry = Retry(total=self.retries, connect=self.retries, read=self.retries, status=self.retries, redirect=0,
                          backoff_factor=0.3, backoff_max=5, status_forcelist=(429, 500, 502, 503, 504),
                          allowed_methods=frozenset({"GET"}), raise_on_status=False)
            session = requests.Session()
            session.trust_env = False  # no proxy or .netrc credentials from the environment
            session.headers["User-Agent"] = "iku-ambil (portal IKU gabungan)"
            session.mount("http://", HTTPAdapter(max_retries=retry, pool_maxsize=4))
            session.mount("https://", HTTPAdapter(max_retries=retry, pool_maxsize=4))
            self._local.session = session
        return self._local.session

    def get(self, url: str, name: str) -> bytes:
        import requests

        host = urlsplit(url).hostname
        for _ in range(MAX_REDIRECTS + 1):
            try:
                response = self._session().get(url, timeout=self.timeout, allow_redirects=False, stream=True)
            except requests.Timeout:
                raise Unreachable(f"waktu habis saat mengambil {name}") from None
            except requests.RequestException as error:
                raise Unreachable(f"tidak dapat dihubungi ({type(error).__name__}) saat mengambil {name}") from None
            with response:
                if response.is_redirect:
                    target = urljoin(url, response.headers.get("Location", ""))
                    if urlsplit(target).hostname != host or urlsplit(target).scheme not in ("http", "https"):
                        raise Refused(f"{name} dialihkan ke host lain ({urlsplit(target).hostname or target})")
                    url = target
                    continue
                if response.status_code != 200:
                    raise Unreachable(f"HTTP {response.status_code} untuk {name}")
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise Refused(f"{name} lebih besar dari batas {self.max_bytes // 1024} KB")
                body = bytearray()
                try:
                    for chunk in response.iter_content(64 * 1024):
                        body += chunk
                        if len(body) > self.max_bytes:
                            raise Refused(f"{name} lebih besar dari batas {self.max_bytes // 1024} KB")
                except requests.RequestException as error:
                    raise Unreachable(f"sambungan terputus ({type(error).__name__}) saat mengambil {name}") from None
                return bytes(body)
        raise Refused(f"{name}: terlalu banyak pengalihan")


def fetch_files(office: Office, fetcher: Fetcher) -> dict[str, bytes]:
    if "://" not in office.url:
        folder = Path(office.url) / "data"
        if not folder.is_dir():
            raise Unreachable(f"folder {folder} tidak ada")
        files = {}
        for name in snapshot.PUBLISHED:
            path = folder / name
            if not path.is_file():
                raise Unreachable(f"{name} tidak ada di {folder}")
            if path.stat().st_size > fetcher.max_bytes:
                raise Refused(f"{name} lebih besar dari batas {fetcher.max_bytes // 1024} KB")
            files[name] = path.read_bytes()
        return files
    base = office.url if office.url.endswith("/") else office.url + "/"
    return {name: fetcher.get(urljoin(base, "data/" + name), name) for name in snapshot.PUBLISHED}


@dataclass(frozen=True)
class Outcome:
    slug: str
    state: str  # baru, berubah, sama, gagal
    reason: str = ""


def fetch_one(office: Office, folder: Path, fetcher: Fetcher, now: str) -> Outcome:
    try:
        files = fetch_files(office, fetcher)
        if not snapshot.unchanged(folder / office.slug, files):
            snapshot.verify(files)
    except Unreachable as error:
        snapshot.record_failure(folder / office.slug, office, snapshot.UNREACHABLE, str(error), now)
        return Outcome(office.slug, "gagal", str(error))
    except (Refused, snapshot.Invalid) as error:
        snapshot.record_failure(folder / office.slug, office, snapshot.REFUSED, str(error), now)
        return Outcome(office.slug, "gagal", str(error))
    return Outcome(office.slug, snapshot.store(folder / office.slug, office, files, now))


def now_utc() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def fetch_all(offices: list[Office], folder: Path, jobs: int = 16, fetcher: Fetcher | None = None,
              now: str | None = None) -> list[Outcome]:
    folder.mkdir(parents=True, exist_ok=True)
    fetcher = fetcher or Fetcher()
    now = now or now_utc()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(lambda office: fetch_one(office, folder, fetcher, now), offices))


def report(outcomes: list[Outcome]) -> str:
    """One line per office that is new, changed or failed (a province has thousands that are not),
    then the counts."""
    words = {"baru": "baru diambil", "berubah": "angka berubah"}
    lines = [f"{o.slug}: {words[o.state]}" if o.state != "gagal" else
             f"{o.slug}: GAGAL, {o.reason} (cuplikan terakhir yang sah tetap dipakai)" for o in outcomes if o.state != "sama"]
    failed = sum(o.state == "gagal" for o in outcomes)
    changed = sum(o.state in ("baru", "berubah") for o in outcomes)
    same = len(outcomes) - failed - changed
    lines.append(f"{len(outcomes)} kantor: {changed} baru atau berubah, {same} tidak berubah, {failed} gagal.")
    return "\n".join(lines)
