"""Command line.

`iku periksa [FOLDER_DATA]` checks a data root and lists every problem. Exit codes: 0 data
valid (warnings allowed), 1 at least one error, 2 wrong usage.
`iku bandingkan SEBELUM SESUDAH` lists the published figures that differ between two data roots.
`iku diff REV1 REV2` lists the figures and rows that differ between two git revisions.
`iku lkjip --tahun N` writes the year's LKjIP Bab III as .docx and .pdf (see iku.lkjip).
`iku ambil DAFTAR.yml --ke FOLDER` fetches and verifies each office's published figures (the
only command that uses the network; see iku.ambil).
`iku templat` writes the registers as an Excel workbook; `iku impor FILE.xlsx` reads it back
(see iku.excel).

The commands that work on one data root take it as the site build does: the folder named in
the command, else `IKU_DATA`, else `data`; each says on stderr which one it works on.

Under GitHub Actions it also prints workflow annotations, so each mistake shows on the
changed line of the pull request.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path


from iku import history_start
from iku.compare import changed_figures, changed_rows, rows_markdown, summary_json, summary_markdown
from iku.gitread import Git
from iku.history import declarations_bridge, files_with_declarations
from iku.load import load
from iku.paket import registers_from
from iku.portal import TABLE_PATHS, build, check, compute_from
from iku.problems import DataError, Problem, Severity, errors, format_report
from iku.schema import all_tables

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
DATA_HELP = "folder data (bawaan: IKU_DATA bila diisi, selain itu data)"


class IndonesianParser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own wording is English
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Perintah tidak dikenali atau tidak lengkap ({message}). Lihat: iku --help\n")


def github_annotation(problem: Problem) -> str:
    level = "error" if problem.severity is Severity.ERROR else "warning"
    where = f"file={problem.file}"
    if problem.row is not None:
        where += f",line={problem.row}"
    title = f"{problem.code} ({problem.column})" if problem.column else problem.code
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    title = title.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
    return f"::{level} {where},title={title}::{message}"


def chosen_data_root(given: Path | None) -> Path:
    """The data root a command works on, chosen as the site build chooses it (mkdocs.yml:
    `data_dir: !ENV [IKU_DATA, data]`), unless the command names one; said on stderr, with the
    office's name, so that work on the wrong office's data shows at once."""
    if given is not None:
        root, how = Path(given), "disebut di perintah"
    elif os.environ.get("IKU_DATA"):
        root, how = Path(os.environ["IKU_DATA"]), "dari IKU_DATA"
    else:
        root, how = Path("data"), "bawaan; IKU_DATA tidak diisi"
    office = str(history_start.profile(root).get("nama", ""))
    print(f"Folder data: {root} ({how})" + (f", kantor: {office}" if office else ""), file=sys.stderr)
    return root


def periksa(folder: Path) -> int:
    if not folder.is_dir():
        print(f"Folder data '{folder}' tidak ditemukan.", file=sys.stderr)
        return EXIT_USAGE
    _, problems = check(folder)
    print(format_report(problems))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(github_annotation(problem))
        if not errors(problems):
            from iku.reported import reported_line_problems  # reads git and every release: only under Actions

            for moved in reported_line_problems(folder):
                print(github_annotation(moved))
    return exit_code(problems)


def exit_code(problems: list[Problem]) -> int:
    return EXIT_ERRORS if errors(problems) else EXIT_OK


def bandingkan(before: Path, after: Path, as_json: bool) -> int:
    """Published figures that differ between two data folders. A side that does not pass the
    checks counts as publishing nothing (its problems are `iku periksa`'s to report)."""
    portals = []
    for folder in (before, after):
        try:
            portals.append(build(folder) if folder.is_dir() else None)
        except DataError:
            portals.append(None)
    changes = changed_figures(*portals)
    from iku.reported import reported_tags  # years an official release (tag rilis/…) already reported

    reported = reported_tags(after if after.is_dir() else before) if changes else {}
    print(summary_json(changes, reported) if as_json else summary_markdown(changes, reported), end="")
    if portals[1] is None:
        print("\nData sesudah perubahan belum lolos pemeriksaan; lihat hasil `iku periksa`.")
    return EXIT_OK


def diff(rev_before: str, rev_after: str, folder: Path, as_json: bool) -> int:
    """Figures and rows that differ between two git revisions of the data folder."""
    git = Git.find(folder)
    if git is None:
        print("Perintah ini memerlukan repositori git dengan riwayatnya.", file=sys.stderr)
        return EXIT_USAGE
    rel = folder.resolve().relative_to(git.repo.resolve()).as_posix()
    sides = []
    scope = history_start.scope(git, rel, history_start.profile(folder))
    bridge = declarations_bridge(git, rel, scope)
    for rev in (rev_before, rev_after):
        try:
            commit = git.commit(rev)
            files = git.files_at(rev, rel)
        except subprocess.CalledProcessError:
            print(f"Revisi '{rev}' tidak ditemukan (atau tidak memuat folder {rel}).", file=sys.stderr)
            return EXIT_USAGE
        if not history_start.owned(git, scope, rel, commit):
            print(f"Revisi '{rev}' (commit {commit.short}) mendahului awal riwayat kantor ini (riwayat_mulai di "
                  f"{rel}/instansi.yml, atau data kantor lain): angkanya bukan angka kantor ini. Pilih revisi sesudahnya.",
                  file=sys.stderr)
            return EXIT_USAGE
        files = files_with_declarations(files, bridge)
        raw = load(Path(rel), TABLE_PATHS, files)
        try:
            portal = compute_from(Path(rel), files)
        except DataError:
            portal = None
        sides.append((raw, portal))
    figures = changed_figures(sides[0][1], sides[1][1])
    # Each table keyed as declared on either side (a register may be new, or gone, in one of them).
    declared = {name: spec for raw, _ in sides for name, spec in (registers_from(raw)[0] or {}).items()}
    rows = changed_rows(sides[0][0].tables, sides[1][0].tables, all_tables(declared))
    if as_json:
        print(json.dumps({"angka": [asdict(c) for c in figures], "baris": [asdict(r) for r in rows]}, ensure_ascii=False, indent=1))
    else:
        print(f"# Perubahan {rev_before} → {rev_after}\n")
        print(summary_markdown(figures))
        print(rows_markdown(rows), end="")
    return EXIT_OK


def contoh(target: Path, rows: int, count: int) -> int:
    from iku.contoh import JEMBER_KECAMATAN, generate  # only this command needs the generator


    roots = generate(target, Path("data"), rows=rows, names=JEMBER_KECAMATAN[:count])
    print(f"{len(roots)} folder data sintetis di {target}/ (sekitar {rows} baris register per kantor).")
    return EXIT_OK


def mulai(folder: Path, scales_from: Path) -> int:
    from iku.mulai import start

    try:
        written = start(folder, scales_from)
    except FileExistsError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    print(f"Folder data baru di {folder}/ ({len(written)} berkas). Bangun portalnya: IKU_DATA={folder} make site")
    print("Isi instansi.yml, keputusan/, datapackage.yaml, register/, iku.csv dan target.csv; lalu jalankan: "
          f"iku periksa {folder}")
    return EXIT_OK


def ambil(daftar: Path, folder: Path, jobs: int, max_kb: int) -> int:
    from iku.ambil import Fetcher, fetch_all, read_list, report  # requests only for this command

    offices, problems = read_list(daftar)
    if problems:
        print(format_report(problems), file=sys.stderr)
        return EXIT_ERRORS
    print(report(fetch_all(offices, folder, jobs, Fetcher(max_bytes=max_kb * 1024))))
    return EXIT_OK


def add_excel_commands(commands) -> None:
    template_parser = commands.add_parser("templat", help="tulis buku kerja Excel berisi register beserta aturan isiannya")
    template_parser.add_argument("--register", help="hanya satu register, misalnya skm")
    template_parser.add_argument("--ke", type=Path, default=Path("register.xlsx"), help="berkas tujuan (bawaan: register.xlsx)")
    template_parser.add_argument("--data", type=Path, help=DATA_HELP)
    import_parser = commands.add_parser("impor", help="baca buku kerja Excel, periksa, lalu tulis CSV register bila tidak ada kesalahan")
    import_parser.add_argument("berkas", type=Path, help="berkas .xlsx")
    import_parser.add_argument("--register", help="hanya satu register, misalnya skm")
    import_parser.add_argument("--periksa", action="store_true", help="periksa saja, tanpa menulis berkas")
    import_parser.add_argument("--hapus-baris", action="store_true",
                               help="izinkan impor menghapus baris register yang tidak ada di lembar (tanpa ini impor menolak)")
    import_parser.add_argument("--data", type=Path, help=DATA_HELP)


def run_excel_command(args) -> int:
    from iku.excel.commands import impor_command, templat  # the Excel libraries only for these two commands
    from iku.excel.registers import DescriptorInvalid

    try:
        data_root = chosen_data_root(args.data)
        if args.perintah == "templat":
            return templat(data_root, args.ke, args.register)
        return impor_command(args.berkas, data_root, args.register, args.periksa, args.hapus_baris)
    except DescriptorInvalid as problem:
        print(str(problem), file=sys.stderr)
        return EXIT_ERRORS


def main(argv: list[str] | None = None) -> int:
    parser = IndonesianParser(prog="iku", description="Alat portal IKU.")
    commands = parser.add_subparsers(dest="perintah", metavar="PERINTAH")
    check_parser = commands.add_parser("periksa", help="periksa semua berkas data dan tampilkan setiap kesalahan")
    check_parser.add_argument("folder", nargs="?", type=Path, help=DATA_HELP)
    compare_parser = commands.add_parser("bandingkan", help="angka terbit yang berubah antara dua folder data")
    compare_parser.add_argument("sebelum", type=Path, help="folder data sebelum perubahan")
    compare_parser.add_argument("sesudah", type=Path, help="folder data sesudah perubahan")
    compare_parser.add_argument("--json", action="store_true", help="keluaran JSON")
    diff_parser = commands.add_parser("diff", help="angka dan baris data yang berubah antara dua revisi git")
    diff_parser.add_argument("rev1", help="revisi lama, misalnya rilis/lkjip-2024 atau HEAD~3")
    diff_parser.add_argument("rev2", help="revisi baru, misalnya HEAD")
    diff_parser.add_argument("--data", type=Path, help=DATA_HELP)
    diff_parser.add_argument("--json", action="store_true", help="keluaran JSON")
    sample_parser = commands.add_parser("contoh", help="buat data sintetis 31 kecamatan Kabupaten Jember (ditandai 'Data sintetis')")
    sample_parser.add_argument("--ke", type=Path, default=Path("instansi"), help="folder tujuan (bawaan: instansi)")
    sample_parser.add_argument("--baris", type=int, default=1000, help="jumlah baris register per kantor (bawaan: 1000)")
    sample_parser.add_argument("--jumlah", type=int, default=31, help="jumlah kecamatan (bawaan: 31)")
    start_parser = commands.add_parser("mulai", help="buat folder data minimal untuk kantor baru (langsung dapat dibangun)")
    start_parser.add_argument("folder", type=Path, help="folder baru, misalnya data-kantor-saya")
    start_parser.add_argument("--skala-dari", type=Path, default=Path("data"), help="folder data asal skala.yml (bawaan: data)")
    report_parser = commands.add_parser("lkjip", help="tulis Bab III LKjIP (Word dan PDF) dari data, ke laporan/lkjip-<tahun>.docx")
    report_parser.add_argument("--tahun", type=int, help="tahun laporan (bawaan: tahun terakhir yang ada realisasinya)")
    report_parser.add_argument("--data", type=Path, default=Path("data"), help="folder data (bawaan: data)")
    report_parser.add_argument("--ke", type=Path, default=Path("laporan"), help="folder tujuan (bawaan: laporan)")
    report_parser.add_argument("--tanpa-pdf", action="store_true", help="hanya berkas Word (tanpa LibreOffice)")
    fetch_parser = commands.add_parser("ambil", help="ambil dan periksa angka yang diterbitkan portal setiap kantor (portal gabungan)")
    fetch_parser.add_argument("daftar", type=Path, help="DAFTAR.yml: kantor: [{slug: ..., url: ...}]")
    fetch_parser.add_argument("--ke", type=Path, default=Path("cuplikan"), help="folder cuplikan (bawaan: cuplikan)")
    fetch_parser.add_argument("--jobs", type=int, default=16, help="pengambilan serentak (bawaan: 16)")
    fetch_parser.add_argument("--batas-kb", type=int, default=5120, help="ukuran terbesar per berkas dalam KB (bawaan: 5120)")
    add_excel_commands(commands)
    args = parser.parse_args(argv)
    if args.perintah is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        if args.perintah == "bandingkan":
            return bandingkan(args.sebelum, args.sesudah, args.json)
        if args.perintah == "contoh":
            return contoh(args.ke, args.baris, args.jumlah)
        if args.perintah == "mulai":
            return mulai(args.folder, args.skala_dari)
        if args.perintah in ("templat", "impor"):
            return run_excel_command(args)
        if args.perintah == "lkjip":
            from iku.lkjip.perintah import lkjip  # python-docx and LibreOffice only for this command

            return lkjip(args.data, args.tahun, args.ke, not args.tanpa_pdf)
        if args.perintah == "ambil":
            return ambil(args.daftar, args.ke, args.jobs, args.batas_kb)
        if args.perintah == "diff":
            return diff(args.rev1, args.rev2, chosen_data_root(args.data), args.json)
        return periksa(chosen_data_root(args.folder))
    except Exception as exc:  # a staff member must never see a traceback
        print(
            "Pemeriksaan berhenti karena kesalahan yang tidak terduga di program (bukan di data Anda): "
            f"{type(exc).__name__}: {exc}. Laporkan pesan ini kepada pengelola portal.",
            file=sys.stderr,
        )
        return EXIT_ERRORS
