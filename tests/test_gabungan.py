"""The gathering portal end to end (issue 22, "done when"): two different offices built as sites
and served on 127.0.0.1, a third entry that is unreachable and a fourth whose hasil.json was
altered after publishing; `iku ambil`, then the offline build of site-gabungan/; then a second
gathering after one office's data changed."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil

import pytest

from gatherkit import alter_results, closed_port, publish, serving, write_list
from iku import cli
from iku.gabungan import regions
from iku.snapshot import load_all
from projectkit import ROOT
from sitebuild import build_site

OTHER = ROOT / "tests" / "fixtures" / "kantor-lain"


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Both offices built as `make site` builds them (one edition), under one served folder."""
    served = tmp_path_factory.mktemp("pages")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("IKU_SATU_EDISI", "1")
        for slug, root in (("bangsalsari", ROOT / "data"), ("sukamaju", OTHER)):
            env.setenv("IKU_DATA", str(root))
            build_site(ROOT, served / slug)
    shutil.copytree(served / "bangsalsari", served / "diubah")
    alter_results(served / "diubah", lambda d: d["hasil"][0].update(realisasi=99))
    return served


def text(page) -> str:
    return page.read_text(encoding="utf-8")


def gather(daftar, folder, site):
    assert cli.main(["ambil", str(daftar), "--ke", str(folder)]) == 0
    with pytest.MonkeyPatch.context() as env:
        env.setenv("IKU_CUPLIKAN", str(folder))
        return build_site(ROOT, site, "mkdocs.gabungan.yml")


def test_two_offices_shown_the_altered_refused_the_unreachable_listed_then_exactly_one_change(sites, tmp_path, capsys):
    with serving(sites) as url:
        daftar = write_list(tmp_path / "DAFTAR.yml", [
            {"slug": "bangsalsari", "url": f"{url}/bangsalsari/"},
            {"slug": "sukamaju", "url": f"{url}/sukamaju/"},
            {"slug": "hilang", "url": closed_port(), "nama": "Kecamatan Hilang", "kabupaten": "Kabupaten Jember"},
            {"slug": "diubah", "url": f"{url}/diubah/", "nama": "Kecamatan Diubah", "kabupaten": "Kabupaten Jember"},
        ])
        site = gather(daftar, tmp_path / "cuplikan", tmp_path / "site")
        out = capsys.readouterr().out
        assert "4 kantor: 2 baru atau berubah, 0 tidak berubah, 2 gagal." in out

        jember, contoh = text(site / "kabupaten-jember" / "index.html"), text(site / "kabupaten-contoh" / "index.html")
        # The figures as each office published them, with the SHA-256 of the file they come from.
        for page, slug in ((jember, "bangsalsari"), (contoh, "sukamaju")):
            assert hashlib.sha256((sites / slug / "data" / "hasil.json").read_bytes()).hexdigest() in page
            assert f'href="{url}/{slug}/"' in page
        # SAKIP 2025 is the register's own value (nilai_langsung): reviu_sakip.csv, 2025.
        with open(ROOT / "data" / "register" / "reviu_sakip.csv", encoding="utf-8") as f:
            sakip = next(r for r in csv.DictReader(f) if r["tahun"] == "2025")["nilai"]
        assert f"<td class=\"angka\">{sakip.replace('.', ',')}</td>" in jember
        # Mean capaian of Sukamaju 2025 by hand from its hasil.json: (117,65 + 120 + 102,34 + 75 + 94,15) / 5 = 101,828.
        assert "101,83" in contoh
        # Refused with its reason on the page; unreachable listed as such; neither shows figures.
        assert "<strong>Kecamatan Diubah</strong>: ditolak sejak" in jember
        assert "hasil.json tidak cocok dengan SHA256SUMS (berkas berubah setelah diterbitkan)" in jember
        assert "<strong>Kecamatan Hilang</strong>: tidak dapat dihubungi sejak" in jember
        assert jember.count("belum ada angka yang ditampilkan") == 2
        assert "4 kantor dari 2 wilayah; 2 dengan angka terverifikasi, 2 tidak mutakhir atau ditolak" in text(site / "index.html")

        # Sukamaju's target for IKU-4 in 2025 goes from 4 to 3 and it publishes again.
        data = tmp_path / "sukamaju-baru"
        shutil.copytree(OTHER, data)
        targets = data / "target.csv"
        targets.write_text(targets.read_text(encoding="utf-8").replace("IKU-4,2025,4", "IKU-4,2025,3"), encoding="utf-8")
        publish(data, sites / "sukamaju")
        site = gather(daftar, tmp_path / "cuplikan", tmp_path / "site2")
    assert "4 kantor: 1 baru atau berubah, 1 tidak berubah, 2 gagal." in capsys.readouterr().out
    history = json.loads((tmp_path / "cuplikan" / "sukamaju" / "riwayat.json").read_text(encoding="utf-8"))
    # By hand: realisasi 3 permohonan; capaian 3 / 4 × 100 = 75% (Sedang) becomes 3 / 3 × 100 = 100% (Sangat Tinggi, ≥ 91).
    assert [(c["kode"], c["tahun"], c["angka"], c["sebelum"], c["sesudah"]) for c in history[-1]["perubahan"]] == [
        ("IKU-4", 2025, "target", 4.0, 3.0), ("IKU-4", 2025, "capaian", 75.0, 100.0), ("IKU-4", 2025, "kategori", "Sedang", "Sangat Tinggi")]
    riwayat = text(site / "riwayat" / "index.html")
    section = riwayat.split('<section class="riwayat-commit">')[1].split("</section>")[0]  # the newest entry
    assert "Kelurahan Sukamaju (kantor rekaan)" in section
    assert [row for row in section.split("<tr>")[2:]] == [
        '<th scope="row">IKU-4</th><td>2025</td><td>Target</td><td class="angka">4 permohonan</td><td class="angka">3 permohonan</td></tr>',
        '<th scope="row">IKU-4</th><td>2025</td><td>Capaian</td><td class="angka">75%</td><td class="angka">100%</td></tr>',
        '<th scope="row">IKU-4</th><td>2025</td><td>Kategori</td><td class="angka">Sedang</td><td class="angka">Sangat Tinggi</td></tr>'
        "</tbody></table></div>"]
    assert riwayat.count("Pertama kali diambil.") == 2


def test_offices_are_grouped_by_the_kabupaten_they_publish(sites, tmp_path):
    daftar = write_list(tmp_path / "DAFTAR.yml", [{"slug": s, "url": str(sites / s)} for s in ("sukamaju", "bangsalsari")])
    assert cli.main(["ambil", str(daftar), "--ke", str(tmp_path / "c")]) == 0
    groups = regions(load_all(tmp_path / "c"))
    assert [(g.name, g.slug, [s.slug for s in g.offices]) for g in groups] == [
        ("Kabupaten Contoh", "kabupaten-contoh", ["sukamaju"]), ("Kabupaten Jember", "kabupaten-jember", ["bangsalsari"])]


def test_make_gabungan_fetches_then_builds_offline():
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "MAKEFLAGS"}
    dry = subprocess.run(["make", "-n", "gabungan", "DAFTAR=daftar-uji.yml", "CUPLIKAN=cuplikan-uji"], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    fetch = next(i for i, line in enumerate(dry) if 'iku ambil "daftar-uji.yml" --ke "cuplikan-uji"' in line)
    build = next(i for i, line in enumerate(dry) if "mkdocs.gabungan.yml" in line and "--site-dir site-gabungan" in line)
    assert fetch < build and f'IKU_CUPLIKAN="{ROOT}/cuplikan-uji"' in dry[build]
