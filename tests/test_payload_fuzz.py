"""Property-based (issue 15): whatever text staff put in any data file, no page of either edition
carries something a browser would run.

Each example writes one payload (HTML, Markdown links with every scheme, Jinja, `<script>`,
event-handler attributes, attribute lists, Unicode bidi controls, in an order and with extra
text hypothesis chooses) into every text field of every data file at once: the registers and
iku.csv (every free-text column), instansi.yml, the decree's front matter and body, the LKjIP analysis (analisis/<tahun>.md), and
terjemahan.yml (keys and translations, so the English edition shows the payload too), and
the names and labels in skala.yml. Then it
builds both editions, as `make site` does, and reads every page as a browser would.

A full build of both editions takes 30–90 s, so few examples run by default (2 in CI, 3 here, plus
one explicit example); set IKU_FUZZ_EXAMPLES=300 for a long run. Unsafe links in the decree body are refused by the
validator (that is a pass too), so they go into the body in only a quarter of the examples; the
test asserts that nothing else is ever refused, and one explicit example (every piece, safe body)
is built in every run.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import MkDocsException

from iku.markdown_data import ALLOWED_SCHEMES, scheme, unsafe_links
from iku.load import RawData
from iku.paket import DESCRIPTOR, registers_from
from iku.schema import IKU, TARGET
from projectkit import copy_project
from sitebuild import build_both_editions, build_site

EXAMPLES = int(os.environ.get("IKU_FUZZ_EXAMPLES") or (2 if os.environ.get("CI") else 3))

SCHEMES = ["javascript", "JaVaScRiPt", "java\tscript", " javascript", "vbscript", "data", "file", "about", "blob", "ftp",
           "http", "https", "mailto"]
LINKS = [f"[tautan]({s}:alert(1))" for s in SCHEMES] + [
    "![gambar](javascript:alert(1))", "<javascript:alert(1)>", "[tautan][r]\n\n[r]: javascript:alert(1)",
    "[tautan](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
]
# Jinja that would leave a trace ("JINJARAN"...) if any template engine evaluated it.
JINJA = ['{{ "JINJA" ~ "RAN" }}', '{% set x = "JINJA" ~ "SET" %}{{ x }}', "{{ config }}", "{% raw %}", "{# komentar #}", "{{", "{%"]
HTML = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<svg onload="alert(1)">', "<iframe src=//x></iframe>",
    '<a href="javascript:alert(1)">a</a>', "<style>body{display:none}</style>", "<object data=x></object>",
    '<base href="//x/">', '<meta http-equiv="refresh" content="0;url=//x">', "<!--", "]]>", "</textarea></title></script>",
]
ATTRIBUTES = ['" onmouseover="alert(1)', "' onfocus='alert(1)' autofocus='", "{: onclick=\"alert(1)\" }", "{onclick=alert(1)}",
              '<p onclick="alert(1)">p</p>']
BIDI = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u061c"]
PIECES = LINKS + JINJA + HTML + ATTRIBUTES + BIDI
UNSAFE_LINKS = [p for p in LINKS if not re.match(r"\[tautan\]\((https?|mailto):", p)]

piece = st.one_of(st.sampled_from(PIECES), st.text(alphabet="<>\"'`{}[]()!:=&;/ \\#%\u202ea", max_size=12))


@st.composite
def payloads(draw):
    """(text for fields, text for the decree body). Every piece appears at least once per example."""
    extra = draw(st.lists(piece, max_size=8))
    pieces = draw(st.permutations(PIECES + extra))
    fields = " ".join(p.replace("\n", " ") for p in pieces)
    with_unsafe_links = draw(st.sampled_from([True, False, False, False]))  # mostly a body the validator accepts
    body = "\n\n".join(p for p in pieces if with_unsafe_links or p not in UNSAFE_LINKS)
    return fields, body


# --- writing the payload into the data -----------------------------------------------------------

NOT_FREE_TEXT = {"parameter"}  # parsed by the formula (nama=nilai), not shown as text


def _fill_csv(path: Path, columns: set[str], payload: str) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        for column in columns & set(row):
            # "-" alone means "none"; followed by text it would start like a spreadsheet formula
            row[column] = f"{row[column].lstrip('=+-@ ') or 'teks'} {payload}"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _fill_yaml(value, payload: str, skip: set[str], key: str = ""):
    if isinstance(value, dict):
        return {k: v if k in skip else _fill_yaml(v, payload, skip, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill_yaml(v, payload, skip, key) for v in value]
    return f"{value} {payload}" if isinstance(value, str) else value


def _dump(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000)


def declared_registers(data: Path) -> list:
    text = (data / DESCRIPTOR).read_bytes()
    specs, problems = registers_from(RawData(root=data, files={DESCRIPTOR: text}, paket=yaml.safe_load(text)))
    assert specs is not None, problems
    return list(specs.values())


def _fill_descriptor(value, payload: str):
    """Only the descriptor's words for people (title, description): names and types are structure."""
    if isinstance(value, dict):
        return {k: f"{v} {payload}" if k in ("title", "description") and isinstance(v, str) else _fill_descriptor(v, payload)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_fill_descriptor(v, payload) for v in value]
    return value


def write_payload(data: Path, fields: str, body: str) -> None:
    registers = declared_registers(data)
    descriptor = yaml.safe_load((data / DESCRIPTOR).read_text(encoding="utf-8"))
    (data / DESCRIPTOR).write_text(_dump(_fill_descriptor(descriptor, fields)), encoding="utf-8")
    for spec in (IKU, TARGET, *registers):
        text_columns = {f.name for f in spec.fields if f.kind == "teks"} - NOT_FREE_TEXT
        if (data / spec.path).exists() and text_columns:
            _fill_csv(data / spec.path, text_columns, fields)
    instansi = yaml.safe_load((data / "instansi.yml").read_text(encoding="utf-8"))
    filled = _fill_yaml(instansi, fields, {"sama_dengan_iku", "nama_singkat_iku"})
    # Card names are limited to 40 characters by the schema: as much of the payload as fits.
    filled["nama_singkat_iku"] = {k: f"{v} {fields}"[:40] for k, v in instansi.get("nama_singkat_iku", {}).items()}
    (data / "instansi.yml").write_text(_dump(filled), encoding="utf-8")
    for decree in sorted((data / "keputusan").glob("*.md")):
        _, front, text = decree.read_text(encoding="utf-8").split("---\n", 2)
        meta = _fill_yaml(yaml.safe_load(front), fields, {"tanggal"})
        lines = text.split("\n")
        with_payload = [line + ("\n\n" + body if line.startswith("## ") else "") for line in lines]
        decree.write_text(f"---\n{_dump(meta)}---\n" + "\n".join(with_payload) + "\n\n" + body + "\n", encoding="utf-8")
    for analysis in sorted((data / "analisis").glob("*.md")):  # the staff's LKjIP analysis: Markdown like the decree body
        lines = analysis.read_text(encoding="utf-8").split("\n")
        # As a quotation: a line of the payload starting with ## would otherwise be a new (unknown) section.
        quoted = "\n".join(f"> {line}" for line in body.split("\n"))
        analysis.write_text("\n".join(line + ("\n\n" + quoted if line.startswith("### ") else "") for line in lines) + "\n", encoding="utf-8")
    skala = yaml.safe_load((data / "skala.yml").read_text(encoding="utf-8"))  # names and labels of the scales
    (data / "skala.yml").write_text(_dump(_fill_yaml(skala, fields, {"kode"})), encoding="utf-8")
    translations = yaml.safe_load((data / "terjemahan.yml").read_text(encoding="utf-8"))
    for language, table in translations.items():
        translations[language] = {**{k: f"{v} {fields}" for k, v in table.items()},
                                  **{f"{k} {fields}": f"{v} {fields}" for k, v in table.items()}}
    (data / "terjemahan.yml").write_text(_dump(translations), encoding="utf-8")


# --- reading the pages as a browser would --------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset"}
NEVER_FROM_DATA = {"iframe", "object", "embed", "base", "style", "frame", "applet"}


class ExecutableFinder(HTMLParser):
    """What in a page could run or load something: any of it is a finding."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self._script = False
        self._scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value and scheme(value) not in ALLOWED_SCHEMES | {None}:
                self.findings.append(f"<{tag} {name}={value!r}>")
        if tag in NEVER_FROM_DATA:
            self.findings.append(f"<{tag}>")
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            self.findings.append("<meta http-equiv=refresh>")
        self._script = tag == "script"

    def handle_data(self, data):
        if self._script:
            self._scripts.append(data)

    def handle_endtag(self, tag):
        self._script = False

    def scripts_with(self, marker: str) -> list[str]:
        return [s[:80] for s in self._scripts if marker in s]


def executable_constructs(html: str) -> list[str]:
    finder = ExecutableFinder()
    finder.feed(html)
    finder.close()
    found = finder.findings + finder.scripts_with("alert(")
    found += [trace for trace in ("JINJARAN", "JINJASET") if trace in html]
    return found


def test_page_reader_finds_what_it_must():
    """The checker itself: each construct the payload tries to smuggle in is found when it is live."""
    for live in ['<a href="javascript:alert(1)">', "<img src=x onerror=alert(1)>", "<script>alert(1)</script>",
                 '<a href="JaVa\tScRiPt:x">', '<img src="data:text/html,x">', "<iframe></iframe>", "<style></style>",
                 '<meta http-equiv="Refresh" content="0">', "<p>JINJARAN</p>"]:
        assert executable_constructs(live), live
    assert executable_constructs('<p>&lt;script&gt;alert(1)&lt;/script&gt; {{ "JINJA" ~ "RAN" }}</p><a href="../x/">x</a>') == []


# --- the property ---------------------------------------------------------------------------------

FULL_PAYLOAD = (" ".join(p.replace("\n", " ") for p in PIECES), "\n\n".join(p for p in PIECES if p not in UNSAFE_LINKS))


def test_no_payload_in_any_data_file_reaches_a_page_as_something_that_runs(tmp_path_factory):
    pristine = copy_project(tmp_path_factory.mktemp("fuzz") / "project")
    outcomes: list[str] = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(payload=payloads())
    @example(payload=FULL_PAYLOAD)  # every piece in every field, built in every run
    def one_example(payload):
        fields, body = payload
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / "project"
            shutil.copytree(pristine, project, symlinks=True)
            write_payload(project / "data", fields, body)
            try:
                site = build_both_editions(project, project / "site")
            except MkDocsException as error:
                # Refused: only for an unsafe link in the decree body, never for a reason unrelated
                # to the payload being dangerous, and with the validator's report.
                report = str(error.__context__ or error)
                # The payload's link can take its address from the decree's own next line, so
                # the whole written body is what the validator and this check read.
                bodies = "\n".join(d.read_text(encoding="utf-8").split("---\n", 2)[2]
                                   for d in sorted((project / "data" / "keputusan").glob("*.md")))
                bodies += "\n".join(a.read_text(encoding="utf-8") for a in sorted((project / "data" / "analisis").glob("*.md")))
                assert unsafe_links(bodies), report[:2000]
                assert "Data tidak dapat diterbitkan" in report and "tautan '" in report, report[:2000]
                outcomes.append("refused")
                return
            pages = sorted(site.rglob("*.html"))
            assert (site / "en" / "keputusan" / "index.html") in pages
            for shown in ("keputusan", "profil", "iku/iku-1", "lkjip", "en/keputusan", "en/profil", "en/iku/iku-1", "en/lkjip"):  # the payload did land
                assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (site / shown / "index.html").read_text(encoding="utf-8"), shown
            for page in pages:
                found = executable_constructs(page.read_text(encoding="utf-8"))
                assert found == [], (page.relative_to(site).as_posix(), found)
            outcomes.append("built")

    one_example()
    assert "built" in outcomes


# --- the gathering portal (issue 22): what other offices publish is data too -----------------------

def _publish_with_payload(template: Path, site: Path, pieces: str, region: str) -> None:
    """An office's published files with `pieces` in every text the gathering reads, SHA256SUMS
    recomputed (a consistent publication, as an office with such data would make)."""
    import hashlib
    import json

    results = json.loads((template / "data" / "hasil.json").read_text(encoding="utf-8"))
    package = json.loads((template / "data" / "datapackage.json").read_text(encoding="utf-8"))
    code = {r["kode"]: f"{r['kode']} {pieces}"[:40] for r in results["hasil"]}
    results.update(instansi=f"Kecamatan {pieces}"[:300], kabupaten=region)
    for row in results["hasil"]:
        row.update(kode=code[row["kode"]], satuan=f"{row['satuan']} {pieces}"[:100],
                   kategori=f"{row['kategori']} {pieces}"[:500] if row["kategori"] else None,
                   kelas_nilai=f"{row['kelas_nilai']} {pieces}"[:500] if row["kelas_nilai"] else None)
    package["kantor"].update(nama=results["instansi"], kabupaten=region, provinsi=f"Provinsi {pieces}",
                             jenis=pieces, jabatan_kepala=pieces)
    for indicator in package["iku"]:
        indicator.update(kode=code.get(indicator["kode"], indicator["kode"]), nama=f"{indicator['nama']} {pieces}")
    data = site / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "hasil.json").write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")
    (data / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    shutil.copyfile(template / "data" / "hasil.schema.json", data / "hasil.schema.json")
    (data / "SHA256SUMS").write_text("".join(f"{hashlib.sha256((data / n).read_bytes()).hexdigest()}  {n}\n"
                                             for n in ("datapackage.json", "hasil.json", "hasil.schema.json")), encoding="utf-8")


def _chunks(pieces: list[str], count: int) -> list[str]:
    return [" ".join(p.replace("\n", " ") for p in pieces[i::count]) for i in range(count)]


GATHERED_OFFICES = 8


def test_no_payload_published_by_an_office_reaches_a_gathering_page_as_something_that_runs(tmp_path_factory):
    from gatherkit import alter_results, closed_port, publish, write_list

    from iku import cli

    template = publish(Path(__file__).parent.parent / "data", tmp_path_factory.mktemp("template") / "site")
    project = copy_project(tmp_path_factory.mktemp("gabungan") / "project")

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(payload=payloads())
    @example(payload=FULL_PAYLOAD)
    def one_example(payload):
        fields, _ = payload
        pieces = fields.split(" ")
        chunks = _chunks(pieces, GATHERED_OFFICES)
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            entries = []
            for i, chunk in enumerate(chunks):
                region = f"Kabupaten {chunks[i % 3]}"[:300]  # some offices share a kabupaten
                _publish_with_payload(template, tmp / f"k{i}", chunk, region)
                entries.append({"slug": f"k{i}", "url": str(tmp / f"k{i}")})
            entries += [{"slug": "hilang", "url": closed_port(), "nama": chunks[0], "kabupaten": chunks[1]},
                        {"slug": "diubah", "url": str(tmp / "k0"), "nama": chunks[2]}]
            daftar = write_list(tmp / "DAFTAR.yml", entries)
            assert cli.main(["ambil", str(daftar), "--ke", str(tmp / "cuplikan")]) == 0
            # A second gathering: one office's figures (and their payload-bearing labels) changed, another altered.
            alter_results(tmp / "k1", lambda d: d["hasil"][0].update(realisasi=1.5, kategori=f"berubah {chunks[1]}"[:500]))
            alter_results(tmp / "k0", lambda d: d["hasil"][0].update(realisasi=2.5))
            (tmp / "k1" / "data" / "SHA256SUMS").unlink()
            _publish_sums(tmp / "k1")
            assert cli.main(["ambil", str(daftar), "--ke", str(tmp / "cuplikan")]) == 0
            os.environ["IKU_CUPLIKAN"] = str(tmp / "cuplikan")
            try:
                site = build_site(project, tmp / "site", "mkdocs.gabungan.yml")
            finally:
                del os.environ["IKU_CUPLIKAN"]
            pages = sorted(site.rglob("*.html"))
            landed = "".join(p.read_text(encoding="utf-8") for p in pages)
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in landed or "<script>alert(1)</script>" not in fields
            assert "berubah" in (site / "riwayat" / "index.html").read_text(encoding="utf-8")
            for page in pages:
                found = executable_constructs(page.read_text(encoding="utf-8"))
                assert found == [], (page.relative_to(site).as_posix(), found)

    one_example()


def _publish_sums(site: Path) -> None:
    import hashlib

    data = site / "data"
    (data / "SHA256SUMS").write_text("".join(f"{hashlib.sha256((data / n).read_bytes()).hexdigest()}  {n}\n"
                                             for n in ("datapackage.json", "hasil.json", "hasil.schema.json")), encoding="utf-8")
