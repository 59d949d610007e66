"""The published data package: site/data/datapackage.json describes every published file (size,
SHA-256, Table Schema of each CSV) and passes `frictionless validate`, offline; hasil.json meets
hasil.schema.json; hasil gains kelas_nilai."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import yaml
from frictionless import validate
from jsonschema import Draft202012Validator

from iku.export import downloads
from iku.portal import build
from projectkit import DATA
from sitebuild import no_network

OFFICE = Path(__file__).parent / "fixtures" / "kantor-lain"
PUSKESMAS = Path(__file__).parent / "fixtures" / "puskesmas-rekaan"


def published(root: Path, folder: Path) -> dict[str, bytes]:
    files = {d.path.removeprefix("data/"): d.content for d in downloads(build(root))}
    for rel, content in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(content)
    return files


def test_frictionless_validates_the_published_package_offline(tmp_path):
    for root in (DATA, OFFICE, PUSKESMAS):
        folder = tmp_path / root.name
        files = published(root, folder)
        descriptor = json.loads(files["datapackage.json"])
        described = {r["path"] for r in descriptor["resources"]}
        # every published file except the two that list the others' hashes
        assert described == set(files) - {"datapackage.json", "SHA256SUMS"}
        with no_network():
            report = validate(str(folder / "datapackage.json"))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_frictionless_notices_a_changed_file(tmp_path):
    published(DATA, tmp_path)
    register = tmp_path / "register" / "reviu_sakip.csv"
    register.write_text(register.read_text(encoding="utf-8").replace("58.12", "85.12"), encoding="utf-8")
    with no_network():
        assert not validate(str(tmp_path / "datapackage.json")).valid


def test_hasil_json_meets_its_schema_and_hasil_csv_its_columns(tmp_path):
    files = published(DATA, tmp_path)
    schema = json.loads(files["hasil.schema.json"])
    assert list(Draft202012Validator(schema).iter_errors(json.loads(files["hasil.json"]))) == []
    descriptor = json.loads(files["datapackage.json"])
    hasil = next(r for r in descriptor["resources"] if r["path"] == "hasil.csv")
    columns = [f["name"] for f in hasil["schema"]["fields"]]
    assert columns == list(pd.read_csv(io.BytesIO(files["hasil.csv"])).columns)
    assert columns == list(schema["properties"]["hasil"]["items"]["properties"])


def test_kelas_nilai_is_the_value_class_of_iku_with_a_value_scale():
    frame = pd.read_csv(io.BytesIO(next(d.content for d in downloads(build(DATA)) if d.path == "data/hasil.csv")),
                        dtype=str, keep_default_na=False).set_index(["kode", "tahun"])
    # IKU-2 2021: IKM 79,22 is ≥ 76,61 and < 88,31 -> mutu B "Baik" (skala.yml, mutu_ikm)
    assert frame.loc[("IKU-2", "2021"), "kelas_nilai"] == "Baik"
    # IKU-5 2021: SAKIP 58,12 is > 50 and ≤ 60 -> CC "Cukup (Memadai)"; 2022: 61,45 > 60 -> B "Baik"
    assert frame.loc[("IKU-5", "2021"), "kelas_nilai"] == "Cukup (Memadai)"
    assert frame.loc[("IKU-5", "2022"), "kelas_nilai"] == "Baik"
    # IKU without a value scale: empty
    assert set(frame.loc["IKU-1", "kelas_nilai"]) == {""}


def test_message_catalogue_lists_the_rules_the_descriptor_words_itself():
    from iku.pages.data import problem_catalogue

    page = problem_catalogue(build(DATA))
    assert "status_tanggal_selesai" in page and "harus mengosongkan tanggal_selesai" in page
    assert "paket_tahun_dari" in page  # the portal's own messages are still there


def test_datapackage_names_the_office_its_region_commit_and_build_time(tmp_path, monkeypatch):
    """A reader of datapackage.json alone knows whose figures these are (issue 22)."""
    from types import SimpleNamespace

    import yaml

    root = tmp_path / "data"
    import shutil

    shutil.copytree(DATA, root)
    profile = yaml.safe_load((root / "instansi.yml").read_text(encoding="utf-8"))
    profile.update(jenis="kecamatan", jabatan_kepala="Camat", kode_wilayah="35.09.09")
    (root / "instansi.yml").write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    portal = build(root)
    portal.trail = SimpleNamespace(available=True, head=SimpleNamespace(sha="a" * 40))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764624665")  # 2025-12-01 21:31:05 UTC
    descriptor = json.loads(next(d.content for d in downloads(portal) if d.path == "data/datapackage.json"))
    assert descriptor["kantor"] == {
        "nama": "Kecamatan Bangsalsari", "singkatan": "Bangsalsari", "jenis": "kecamatan", "jabatan_kepala": "Camat",
        "kabupaten": "Kabupaten Jember", "provinsi": "Jawa Timur", "kode_wilayah": "35.09.09",
        "periode_renstra": {"awal": 2021, "akhir": 2026}, "data_contoh": True,
        "commit": "a" * 40, "waktu_build": "2025-12-01T21:31:05Z",
    }
    # What a gathering portal compares: the formula kind and scale of each IKU, from iku.csv.
    kinds = {i["kode"]: (i["jenis_rumus"], i["skala"]) for i in descriptor["iku"]}
    assert kinds["IKU-2"] == ("indeks_skm", "mutu_ikm") and kinds["IKU-5"] == ("nilai_langsung", "predikat_sakip")


def test_undeclared_identity_fields_are_null_and_no_clock_is_read(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    descriptor = json.loads(next(d.content for d in downloads(build(OFFICE)) if d.path == "data/datapackage.json"))
    office = descriptor["kantor"]
    assert (office["jenis"], office["kode_wilayah"], office["commit"], office["waktu_build"]) == (None,) * 4
    declared = yaml.safe_load((OFFICE / "instansi.yml").read_text(encoding="utf-8"))
    assert office["jabatan_kepala"] == declared["jabatan_kepala"]  # required since every page names it
    assert office["kabupaten"] == "Kabupaten Contoh" and office["periode_renstra"] == {"awal": 2024, "akhir": 2026}
