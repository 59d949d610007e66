"""Every word from the data root (issue 20): a portal speaks only of its own office.

Each office (Bangsalsari in data/, the made-up Kelurahan Sukamaju and the made-up UPTD Puskesmas
Sidomakmur in tests/fixtures/) is built once per edition, as a fork would build it: a copy of the
project whose data/ is that office, committed to a new repository. Every file the build writes
(HTML, search index, feed, sitemap, JSON, CSV, the workbook's XML) is searched for the name,
singkatan, kabupaten, decree number and (where it differs) head title of every OTHER office.
"""

from __future__ import annotations

import gzip
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from gitrepo import Repo
from projectkit import DATA, ROOT, copy_project
from sitebuild import build_both_editions

FIXTURES = ROOT / "tests" / "fixtures"
OFFICES = {"bangsalsari": DATA, "kantor-lain": FIXTURES / "kantor-lain", "puskesmas-rekaan": FIXTURES / "puskesmas-rekaan"}
BINARY = {".png", ".jpg", ".ico", ".woff", ".woff2", ".ttf", ".pdf"}


def office(root: Path) -> dict:
    profile = yaml.safe_load((root / "instansi.yml").read_text(encoding="utf-8"))
    decree = next(iter(sorted((root / "keputusan").glob("*.md"))))
    meta = yaml.safe_load(decree.read_text(encoding="utf-8").split("---")[1])
    return {**profile, "nomor": meta["nomor"]}


def names_of(other: dict, built: dict) -> list[str]:
    words = [other["nama"], other["singkatan"], other["kabupaten"], other["nomor"]]
    if other["jabatan_kepala"] != built["jabatan_kepala"]:  # one title is not distinctive between two offices of a kind
        words.append(other["jabatan_kepala"])
    return words


def texts(site: Path):
    """(path, text) of every file the build wrote; compressed and zipped files unpacked."""
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.suffix not in BINARY):
        content = path.read_bytes()
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".gz":
            yield rel, gzip.decompress(content).decode("utf-8", "replace")
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(io.BytesIO(content)) as book:
                for part in book.namelist():
                    yield f"{rel}!{part}", book.read(part).decode("utf-8", "replace")
        else:
            yield rel, content.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    built = {}
    for name, root in OFFICES.items():
        base = tmp_path_factory.mktemp(name)
        project = copy_project(base / "project")
        shutil.rmtree(project / "data")
        shutil.copytree(root, project / "data")
        Repo(project).commit(f"Data {name}", "Pengelola")
        built[name] = build_both_editions(project, base / "site")
    return built


@pytest.mark.parametrize("name", OFFICES)
def test_no_word_of_another_office_in_any_file_the_build_writes(sites, name):
    built = office(OFFICES[name])
    others = [word for other, root in OFFICES.items() if other != name for word in names_of(office(root), built)]
    pattern = re.compile("|".join(re.escape(w) for w in sorted(set(others), key=len, reverse=True)))
    found = {}
    scanned = 0
    for rel, text in texts(sites[name]):
        scanned += 1
        hits = sorted(set(pattern.findall(text)))
        if hits:
            found[rel] = hits
    assert scanned > 100 and any(rel.endswith("register.xlsx!xl/worksheets/sheet1.xml") or "sharedStrings" in rel for rel in dict(texts(sites[name])))
    assert not found, found


@pytest.mark.parametrize("name", OFFICES)
def test_the_office_own_words_are_where_a_reader_and_a_crawler_look(sites, name):
    """The test above can fail: the built office's own name, decree and head are really there."""
    own = office(OFFICES[name])
    site = sites[name]
    for edition in ("", "en/"):
        home = lxml_html.parse(str(site / edition / "index.html"))
        description = home.find(".//meta[@name='description']").get("content")
        assert own["singkatan"].split()[-1] in description, description
        decree = lxml_html.parse(str(site / edition / "keputusan" / "index.html"))
        assert own["singkatan"].split()[-1] in decree.findtext(".//h1"), decree.findtext(".//h1")
        assert own["nomor"] in decree.find(".//meta[@name='description']").get("content")
        missing = lxml_html.parse(str(site / edition / "404.html")).find(".//meta[@name='description']").get("content")
        assert own["singkatan"].split()[-1] in missing
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert own["singkatan"] in index and own["nomor"] in index


def test_the_puskesmas_speaks_of_its_head_and_its_registers(sites):
    site = sites["puskesmas-rekaan"]
    home = lxml_html.parse(str(site / "index.html"))
    text = " ".join(home.find(".//article").itertext())
    assert "Keputusan Kepala UPTD Puskesmas Sidomakmur tentang Indikator Kinerja Utama" in text
    assert "enam Indikator Kinerja Utama" in text and "lima register" in text
    assert "register ibu hamil, kunjungan K4 dan tempat persalinan" in text
    english = " ".join(lxml_html.parse(str(site / "en" / "index.html")).find(".//article").itertext())
    assert "Sidomakmur Community Health Centre (made-up)" in english and "six Key Performance Indicators" in english
    assert "five\nregisters" in english or "five registers" in english
    assert "Camat" not in (site / "keputusan" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"\bCamat\b", "".join(t for _, t in texts(site))) is None


def test_the_kelurahan_speaks_of_its_lurah_and_never_of_a_camat(sites):
    """kantor-lain is a Kelurahan: its head is the Lurah; Bangsalsari's title (Camat) is nowhere."""
    site = sites["kantor-lain"]
    text = " ".join(lxml_html.parse(str(site / "index.html")).find(".//article").itertext())
    assert "Keputusan Lurah Sukamaju tentang Indikator Kinerja Utama" in text
    assert "Sekretaris Kelurahan" in (site / "iku" / "iku-3" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"\bCamat\b|Sekcam|[Kk]ecamatan", "".join(t for _, t in texts(site))) is None


def test_an_empty_nip_leaves_no_empty_label(sites):
    """The made-up decrees have no nip and no pangkat: neither a "NIP" row nor "NIP." under the signature."""
    for name in ("kantor-lain", "puskesmas-rekaan"):
        page = lxml_html.parse(str(sites[name] / "keputusan" / "index.html"))
        labels = [dt.text_content() for dt in page.iter("dt")]
        assert "NIP" not in labels and "Pangkat" not in labels and "Nomor" in labels
        signature = page.find(".//p[@class='ttd']").text_content()
        assert "NIP" not in signature and signature.rstrip().endswith(("Lurah Rekaan", "Kepala Rekaan"))
    page = lxml_html.parse(str(sites["bangsalsari"] / "keputusan" / "index.html"))
    assert "NIP. 196706241988031002" in page.find(".//p[@class='ttd']").text_content()


def article_text(path: Path) -> str:
    return re.sub(r"\s+", " ", lxml_html.parse(str(path)).find(".//article").text_content())


def test_worked_examples_come_from_the_office_own_data(sites):
    # Puskesmas IKU 1 (K4): 70, 80, 90 in 2023–2025. Mean year 2024, mean 240 / 3 = 80; slope
    # ((−1) × (−10) + 0 + 1 × 10) ÷ 2 = 10; 2026: 80 + 10 × 2 = 100 ≥ target 95.
    method = article_text(sites["puskesmas-rekaan"] / "metodologi" / "index.html")
    assert "Contoh perhitungan (IKU 1, data contoh): realisasi 2023 = 70; 2024 = 80; 2025 = 90." in method
    assert "= (10 + 0 + 10) ÷ 2 = 10 per tahun" in method and "Proyeksi 2026 = 80 + 10 × (2026 − 2024) = 100 → 100" in method
    assert "Target 2026 = 95 dan arah naik: 100 ≥ 95, jadi sesuai arah" in method
    # One example per formula kind the Puskesmas uses (rasio, rasio_jumlah, indeks_skm), from its registers:
    # imunisasi 2025 Σ bayi_idl 39 + 29 + 24 + 22 = 114 of Σ sasaran 120 -> 95.
    audit = article_text(sites["puskesmas-rekaan"] / "auditor" / "index.html")
    assert "IKU 1, 2025 (register/ibu_hamil.csv, parameter pembilang=k4:ya): Pembilang (baris dengan k4 = ya) = 9" in audit
    assert "Pembilang (jumlah kolom bayi_idl) = 114; Penyebut (jumlah kolom sasaran_bayi) = 120" in audit
    assert "IKM konversi (IKM unit × 25) = 85,07" in audit
    assert "aduan" not in audit and "aduan" not in method
    # Bangsalsari's IKU 2 (IKU 1 is flat at 4 dokumen, so the example moves on): 81,48; 82,46; 84,72 -> 1,62 a year, 86,13.
    method = article_text(sites["bangsalsari"] / "metodologi" / "index.html")
    assert "realisasi 2023 = 81,48; 2024 = 82,46; 2025 = 84,72." in method and "= 1,62 per tahun" in method and "→ 86,13" in method
    english = article_text(sites["bangsalsari"] / "en" / "metodologi" / "index.html")
    assert "Worked example (IKU 2, sample data): realisation 2023 = 81.48; 2024 = 82.46; 2025 = 84.72." in english
