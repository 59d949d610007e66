"""English for the LKjIP page's interface text (merged into iku.bahasa.ENGLISH). The Word
document and its PDF are always Indonesian: they are the office's filed report."""

ENGLISH = {
    "A. Capaian Kinerja Organisasi": "A. Organisational performance",
    "B. Realisasi Anggaran": "B. Budget realisation",
    "BAB III AKUNTABILITAS KINERJA": "CHAPTER III PERFORMANCE ACCOUNTABILITY",
    "Capaian terhadap standar nasional (%)": "Achievement against the national standard (%)",
    "Capaian terhadap target akhir Renstra (%)": "Achievement against the Renstra end-year target (%)",
    "Commit data": "Data commit",
    "Dasar IKU": "IKU decree",
    "Data contoh: angka dalam laporan ini berasal dari data contoh, bukan angka resmi kantor.":
        "Sample data: the figures in this report come from sample data, not the office's official figures.",
    "Jumlah": "Total",
    "Nilai": "Value",
    "Pagu dan realisasi anggaran tahun {year} ({unit})": "Budget ceiling and spending in {year} ({unit})",
    "Pagu": "Ceiling",
    "Perhatian": "Note",
    "Program/kegiatan": "Programme/activity",
    "Realisasi dan capaian {code} tahun {first}–{year} ({unit})": "Results and achievement of {code}, {first}–{year} ({unit})",
    "Realisasi {year}": "Result {year}",
    "Register anggaran belum memuat baris tahun {year}.": "The budget register has no lines for {year} yet.",
    "Renstra {first}–{last}": "Renstra {first}–{last}",
    "Sasaran strategis {n}: {text}": "Strategic objective {n}: {text}",
    "Sasaran yang didukung": "Objective served",
    "Serapan (%)": "Absorption (%)",
    "Standar nasional ({source})": "National standard ({source})",
    "Standar nasional": "National standard",
    "Tanggal susun": "Compiled on",
    "Target akhir Renstra ({year})": "Renstra end-year target ({year})",
    "Target, realisasi dan capaian sasaran strategis {n} tahun {year}": "Target, result and achievement of strategic objective {n} in {year}",
    "Uraian": "Item",
    "keputusan IKU": "the IKU decree",
    "Standar nasional: tidak ada yang dinyatakan untuk indikator ini": "National standard: none declared for this indicator",
    "{code} dibanding target akhir Renstra dan standar nasional ({unit})": "{code} against the Renstra end-year target and the national standard ({unit})",
    "Laporan Kinerja {year}": "Performance Report {year}",
    "Laporan Kinerja": "Performance Report",
    "Riwayat angka yang dilaporkan": "History of the reported figures",
    "Tabel": "Table",
    "Tidak ada angka tahun ini yang berubah setelah rilis resmi (tag rilis/<nama> di git).":
        "No figure of this year changed after an official release (git tag rilis/<name>).",
    "Capaian kinerja {office} tahun {year} diukur dengan Indikator Kinerja Utama (IKU) yang ditetapkan dalam "
    "{decree}, terhadap sasaran strategis {renstra}. Semua angka dihitung dari register data portal pada "
    "commit yang tertera di sampul; capaian = realisasi dibanding target menurut arah indikator.":
        "The performance of {office} in {year} is measured by the Key Performance Indicators (IKU) set in {decree}, "
        "against the strategic objectives of {renstra}. Every figure is computed from the portal's data registers at the "
        "commit shown above; achievement = result against target, in the indicator's direction.",
    "Data contoh ini belum menyatakan register anggaran (pagu dan realisasi per program) di datapackage.yaml, "
    "sehingga realisasi anggaran belum dapat dilaporkan dari data portal.":
        "This sample data declares no budget register (ceiling and spending per programme) in datapackage.yaml, "
        "so budget realisation cannot be reported from the portal's data yet.",
    "Register anggaran (pagu dan realisasi per program) belum dinyatakan di datapackage.yaml, "
    "sehingga realisasi anggaran belum dapat dilaporkan dari data portal.":
        "No budget register (ceiling and spending per programme) is declared in datapackage.yaml, "
        "so budget realisation cannot be reported from the portal's data yet.",
    "Bab III Laporan Kinerja Instansi Pemerintah (LKjIP), disusun dari data portal ini. "
    "Berkas Word dan PDF yang sama isinya dibuat dengan perintah make lkjip.":
        "Chapter III of the Government Agency Performance Report (LKjIP), compiled from this portal's data. "
        "A Word file and a PDF with the same content are made with the command make lkjip.",
    "belum diisi": "not written yet",
    "Capaian (%)": "Achievement (%)",
    "Analisis penyebab keberhasilan atau kegagalan dan solusi yang dilakukan": "Analysis of the causes of success or failure, and the solutions taken",
    "Analisis efisiensi penggunaan sumber daya": "Analysis of the efficiency of the resources used",
    "Program dan kegiatan yang menunjang keberhasilan atau kegagalan": "Programmes and activities behind the success or failure",
}
