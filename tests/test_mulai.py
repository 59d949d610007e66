"""`iku mulai`: a new office's data root that is valid and builds at once, saying on every page
that it is not filled in yet."""

from __future__ import annotations

from iku import cli
from projectkit import DATA, copy_project
from sitebuild import build_site


def test_new_data_root_is_valid_and_builds(tmp_path, monkeypatch, capsys):
    root = tmp_path / "kantor-baru"
    assert cli.main(["mulai", str(root), "--skala-dari", str(DATA)]) == 0
    assert f"IKU_DATA={root} make site" in capsys.readouterr().out
    assert cli.main(["periksa", str(root)]) == 0

    monkeypatch.setenv("IKU_DATA", str(root))
    site = build_site(copy_project(tmp_path / "project"), tmp_path / "site")
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) >= 8
    for page in pages:
        assert "Portal belum diisi" in page.read_text(encoding="utf-8"), page


def test_an_existing_folder_is_never_overwritten(tmp_path, capsys):
    (tmp_path / "ada" / "instansi.yml").parent.mkdir()
    (tmp_path / "ada" / "instansi.yml").write_text("nama: Kantor saya\n", encoding="utf-8")
    assert cli.main(["mulai", str(tmp_path / "ada")]) == 2
    assert "sudah berisi berkas" in capsys.readouterr().err
    assert (tmp_path / "ada" / "instansi.yml").read_text(encoding="utf-8") == "nama: Kantor saya\n"
