"""`iku ambil` (issue 22): what each office published is fetched from 127.0.0.1, checked against its
SHA256SUMS and schemas, and kept as a snapshot; a failure keeps the last good snapshot and says
why; redirects to another host, oversized files and schemas that reach elsewhere are refused."""

from __future__ import annotations

import hashlib
import json
import shutil
from http.server import SimpleHTTPRequestHandler

import pytest

from gatherkit import alter_results, closed_port, publish, republish_sums, serving, write_list
from iku import cli
from iku.ambil import Fetcher, Office, fetch_all, read_list
from iku.snapshot import load
from projectkit import DATA
from sitebuild import no_network

NOW, LATER = "2026-12-01T10:00:00Z", "2026-12-02T10:00:00Z"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    return publish(DATA, tmp_path_factory.mktemp("bangsalsari") / "site")


@pytest.fixture
def site(published, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(published, copy)
    return copy


def status(folder):
    return json.loads((folder / "status.json").read_text(encoding="utf-8"))


def test_a_good_office_is_fetched_verified_and_kept(site, tmp_path):
    with serving(site) as url:
        [outcome] = fetch_all([Office("bangsalsari", url + "/")], tmp_path / "cuplikan", now=NOW)
    assert outcome.state == "baru", outcome
    folder = tmp_path / "cuplikan" / "bangsalsari"
    for name in ("datapackage.json", "hasil.json", "hasil.schema.json", "SHA256SUMS"):
        assert (folder / name).read_bytes() == (site / "data" / name).read_bytes()
    assert status(folder)["diambil"] == NOW and status(folder)["gagal"] is None
    snap = load(folder)
    assert snap.name == "Kecamatan Bangsalsari" and snap.region == "Kabupaten Jember" and snap.has_figures


def test_altered_results_are_refused_and_the_last_good_snapshot_stays(site, tmp_path):
    folder = tmp_path / "cuplikan"
    with serving(site) as url:
        fetch_all([Office("bangsalsari", url)], folder, now=NOW)
        good = (folder / "bangsalsari" / "hasil.json").read_bytes()
        alter_results(site, lambda d: d["hasil"][0].update(realisasi=99))
        [outcome] = fetch_all([Office("bangsalsari", url)], folder, now=LATER)
    assert outcome.state == "gagal"
    assert outcome.reason == "hasil.json tidak cocok dengan SHA256SUMS (berkas berubah setelah diterbitkan)"
    assert (folder / "bangsalsari" / "hasil.json").read_bytes() == good
    assert status(folder / "bangsalsari")["gagal"] == {"jenis": "ditolak", "alasan": outcome.reason, "sejak": LATER}
    assert status(folder / "bangsalsari")["diambil"] == NOW  # the date of the figures still shown


def test_an_unreachable_office_is_recorded_with_its_reason(tmp_path):
    [outcome] = fetch_all([Office("hilang", closed_port(), "Kecamatan Hilang", "Kabupaten Uji")], tmp_path, now=NOW,
                          fetcher=Fetcher(retries=0))
    assert outcome.state == "gagal" and outcome.reason.startswith("tidak dapat dihubungi (ConnectionError)")
    recorded = status(tmp_path / "hilang")
    assert recorded["gagal"]["jenis"] == "tidak_terjangkau" and recorded["nama"] == "Kecamatan Hilang"
    assert not load(tmp_path / "hilang").has_figures


def test_results_that_break_their_schema_are_refused(site, tmp_path):
    alter_results(site, lambda d: d["hasil"][0].update(tahun="2024"))
    republish_sums(site)
    with serving(site) as url:
        [outcome] = fetch_all([Office("x", url)], tmp_path, now=NOW)
    assert outcome.reason == "hasil.json tidak sesuai hasil.schema.json di hasil/0/tahun (type)"


def test_a_schema_pointing_elsewhere_is_never_fetched(site, tmp_path):
    (site / "data" / "hasil.schema.json").write_text('{"$ref": "https://contoh.invalid/skema.json"}')
    republish_sums(site)
    with no_network():
        [outcome] = fetch_all([Office("x", str(site))], tmp_path, now=NOW)
    assert outcome.reason.startswith("hasil.schema.json tidak dapat dipakai"), outcome


def test_a_redirect_to_another_host_is_refused(site, tmp_path):
    class Elsewhere(SimpleHTTPRequestHandler):
        def do_GET(self):
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{self.server.server_address[1]}{self.path}")
            self.end_headers()

        def log_message(self, *args):
            pass

    with serving(site, Elsewhere) as url:
        [outcome] = fetch_all([Office("x", url)], tmp_path, now=NOW)
    assert outcome.reason == "datapackage.json dialihkan ke host lain (localhost)"


def test_a_file_over_the_size_limit_is_refused(site, tmp_path):
    with serving(site) as url:
        [outcome] = fetch_all([Office("x", url)], tmp_path, now=NOW, fetcher=Fetcher(max_bytes=1024))
    assert outcome.reason == "datapackage.json lebih besar dari batas 1 KB"


def test_a_second_gathering_records_exactly_the_changed_figure(site, tmp_path):
    folder = tmp_path / "cuplikan"
    fetch_all([Office("b", str(site))], folder, now=NOW)
    [again] = fetch_all([Office("b", str(site))], folder, now=LATER)
    assert again.state == "sama" and status(folder / "b")["diambil"] == NOW
    alter_results(site, lambda d: next(r for r in d["hasil"] if (r["kode"], r["tahun"]) == ("IKU-5", 2025)).update(realisasi=72.1))
    republish_sums(site)
    [changed] = fetch_all([Office("b", str(site))], folder, now=LATER)
    history = json.loads((folder / "b" / "riwayat.json").read_text(encoding="utf-8"))
    assert changed.state == "berubah" and [h["pertama"] for h in history] == [True, False]
    assert history[1]["perubahan"] == [{"kode": "IKU-5", "tahun": 2025, "angka": "realisasi", "sebelum": 71.05, "sesudah": 72.1,
                                        "satuan": "nilai"}]


def test_the_list_is_checked_with_every_mistake_named(tmp_path):
    path = write_list(tmp_path / "DAFTAR.yml", [{"slug": "a", "url": "https://a.example/"}, {"slug": "a", "url": "ftp://b/"},
                                                 {"slug": "Bukan Slug", "url": "x"}])
    _, problems = read_list(path)
    assert sorted((p.column, p.message) for p in problems) == [
        ("kantor.1.slug", "slug 'a' sudah dipakai kantor lain di daftar ini"),
        ("kantor.1.url", "alamat 'ftp://b/' harus diawali https:// atau http://, atau berupa folder"),
        ("kantor.2.slug", "isian 'kantor.2.slug' tidak sesuai aturan (pattern); bandingkan dengan contoh di berkas aslinya")]


def test_iku_ambil_command(site, tmp_path, capsys):
    daftar = write_list(tmp_path / "DAFTAR.yml", [{"slug": "bangsalsari", "url": str(site)}])
    assert cli.main(["ambil", str(daftar), "--ke", str(tmp_path / "c")]) == 0
    assert capsys.readouterr().out.splitlines() == ["bangsalsari: baru diambil", "1 kantor: 1 baru atau berubah, 0 tidak berubah, 0 gagal."]
    assert cli.main(["ambil", str(daftar), "--ke", str(tmp_path / "c")]) == 0
    assert capsys.readouterr().out.splitlines() == ["1 kantor: 0 baru atau berubah, 1 tidak berubah, 0 gagal."]
    assert cli.main(["ambil", str(write_list(tmp_path / "rusak.yml", [{"slug": "x"}])), "--ke", str(tmp_path / "c")]) == 1
    assert "isian 'kantor.0.url' wajib ada" in capsys.readouterr().err


def test_a_snapshot_edited_by_hand_is_not_shown(site, tmp_path):
    """The build checks each snapshot again: an edit in the gathering repository shows as refused."""
    folder = tmp_path / "c"
    fetch_all([Office("a", str(site)), Office("b", str(site))], folder, now=NOW)
    hasil = folder / "a" / "hasil.json"
    hasil.write_text(hasil.read_text(encoding="utf-8").replace('"realisasi": 71.05', '"realisasi": 91.05'), encoding="utf-8")
    snap = load(folder / "a")
    assert not snap.has_figures
    assert snap.failure["alasan"] == ("cuplikan tidak lagi cocok: hasil.json tidak cocok dengan SHA256SUMS "
                                      "(berkas berubah setelah diterbitkan)")
    # Sums edited too, to something the gathering cannot read: the schema check runs, since
    # status.json names another hasil.json as the one checked.
    (folder / "b" / "hasil.json").write_text('{"instansi": "B", "kabupaten": "K", "data_contoh": true, "hasil": [{"kode": 1}]}\n')

    sums = folder / "b" / "SHA256SUMS"
    lines = [line for line in sums.read_text().splitlines() if not line.endswith("  hasil.json")]
    digest = hashlib.sha256((folder / "b" / "hasil.json").read_bytes()).hexdigest()
    sums.write_text("\n".join(lines + [f"{digest}  hasil.json"]) + "\n")
    snap = load(folder / "b")
    assert not snap.has_figures and snap.failure["alasan"].startswith("cuplikan tidak lagi cocok: hasil.json tidak sesuai aturan portal gabungan")
