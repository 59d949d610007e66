# Two commands for a newcomer: `make serve` (build and serve the portal) and `make test`.
# Both create .venv from requirements.txt (exact versions, hashes required) on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.lock-installed
# The site engine: ProperDocs, the maintained continuation of MkDocs 1.x, running Material, macros
# and hooks unchanged. It reads mkdocs.yml; the name is given explicitly (its default is properdocs.yml).
ENGINE := $(BIN)/properdocs
# Same commit -> same bytes: dates in sitemap and archives come from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
# This checkout's iku/ first, even when .venv is shared with another checkout.
export PYTHONPATH := $(CURDIR)

.PHONY: help venv serve site kabupaten kabupaten-gabung gabungan gabungan-situs test check bench browser-deps audit laporan lkjip lock clean

help:
	@echo "make serve   bangun dan tampilkan portal di http://127.0.0.1:8000 (muat ulang otomatis)"
	@echo "make test    jalankan semua tes"
	@echo "make site    bangun situs statis ke folder site/ (mode ketat)"
	@echo "make check   periksa data (iku periksa: folder IKU_DATA bila diisi, selain itu data/)"
	@echo "make audit   Lighthouse (mode ponsel) pada Beranda dan satu halaman IKU"
	@echo "make kabupaten  portal banyak kantor dari instansi/<nama>/ (data sintetis bila belum ada)"
	@echo "make kabupaten BAGIAN=2/4  hanya portal kantor bagian ke-2 dari 4; make kabupaten-gabung menggabungkan semua bagian"
	@echo "make gabungan DAFTAR=DAFTAR.yml  ambil angka terbit setiap kantor (iku ambil), lalu bangun site-gabungan/"
	@echo "make laporan cetak Laporan IKU tahun terakhir ke laporan/laporan-iku.pdf"
	@echo "make lkjip   tulis Bab III LKjIP (Word dan PDF) ke laporan/lkjip-<tahun>.docx/.pdf (TAHUN=2025 untuk tahun lain)"
	@echo "make bench   ukur waktu (build, 10^3–10^6 baris, 31 kecamatan, rebuild, grafik, riwayat) terhadap baseline"
	@echo "make lock    perbarui requirements.txt dari pyproject.toml (perlu internet)"

# Reinstall only when the lock file's content differs from what was installed (not on mtime:
# a fresh clone has new mtimes, and an offline build must not try to reach PyPI).
venv:
	@if ! cmp -s requirements.txt $(STAMP) 2>/dev/null; then \
		echo "Menyiapkan .venv dari requirements.txt ..."; \
		$(PYTHON) -m venv $(VENV) && \
		$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt && \
		$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . && \
		cp requirements.txt $(STAMP); \
	fi

serve: venv
	$(ENGINE) serve --strict --config-file mkdocs.yml --dev-addr 127.0.0.1:8000

# Indonesian edition into site/, then the English edition into site/en/.
site: venv
	$(ENGINE) build --strict --clean --config-file mkdocs.yml --site-dir site
	$(ENGINE) build --strict --config-file mkdocs.en.yml

test: venv
	$(BIN)/python -m pytest

# What the browser tests need (never a browser download): one list of command:Debian-package
# pairs, installed only when the command is missing (needs root or sudo; says what to run if
# neither), then the npm packages from tests/browser/package-lock.json.
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
BROWSER_DEBIAN := $(CHROMIUM):chromium pdftotext:poppler-utils shellcheck:shellcheck npm:npm java:default-jre-headless \
	soffice:libreoffice-writer-nogui
browser-deps:
	@.ci/install-missing $(BROWSER_DEBIAN)
	cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund >/dev/null

check: venv
	$(BIN)/iku periksa

# Timings measured against a baseline in the same run (the machine is noisy; ratios travel).
bench: venv
	$(BIN)/python tests/bench/run.py

lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra test --extra lint --extra build \
		--no-emit-index-url --no-emit-find-links --output-file requirements.txt pyproject.toml

# Many offices: every data root under $(INSTANSI)/ gets its portal at site-kabupaten/<slug>/, and
# site-kabupaten/ itself compares them. Without $(INSTANSI)/, synthetic data for the 31
# kecamatan of Kabupaten Jember is generated first (marked "Data sintetis" on every page).
# $(JOBS) worker processes each build several offices in-process (start-up paid once per worker).
# In parts, e.g. one Actions runner each (templat-kabupaten/): `make kabupaten BAGIAN=2/4` builds only
# the portals of part 2 of 4 (sorted offices dealt in turn), `make kabupaten-gabung` joins every part's
# portals found in $(DARI) (folders, globs allowed; default site-kabupaten) and builds the overview
# from what they published: the same site-kabupaten/, byte for byte, as one `make kabupaten`.
INSTANSI ?= instansi
JOBS ?= 2
BAGIAN ?=
DARI ?= site-kabupaten
kabupaten: venv
	@[ -d "$(INSTANSI)" ] || $(BIN)/iku contoh --ke "$(INSTANSI)"
	$(BIN)/python hooks/build_offices.py "$(INSTANSI)" --jobs $(JOBS) $(if $(BAGIAN),--bagian "$(BAGIAN)")

kabupaten-gabung: venv
	@[ -d "$(INSTANSI)" ] || $(BIN)/iku contoh --ke "$(INSTANSI)"
	$(BIN)/python hooks/build_offices.py "$(INSTANSI)" --gabung $(DARI)

# Gathering portal (kabupaten/province) from the offices' own published portals: `iku ambil` fetches
# and verifies each office of $(DAFTAR) into $(CUPLIKAN)/<slug>/ (the only step using the network),
# then site-gabungan/ is built offline from those snapshots. `make gabungan-situs` builds only.
DAFTAR ?= DAFTAR.yml
CUPLIKAN ?= cuplikan
gabungan: venv
	$(BIN)/iku ambil "$(DAFTAR)" --ke "$(CUPLIKAN)"
	$(MAKE) --no-print-directory gabungan-situs

gabungan-situs: venv
	IKU_CUPLIKAN="$(abspath $(CUPLIKAN))" $(ENGINE) build --strict --clean --config-file mkdocs.gabungan.yml --site-dir site-gabungan

# Lighthouse in mobile mode on Beranda and one IKU page (goal: performance ≥ 95, accessibility 100).
audit: site
	cd tests/audit && npm ci --ignore-scripts --no-audit --no-fund >/dev/null
	tests/audit/audit.sh

# The printable report as PDF, printed by Chromium from the built page (no server, no network).
laporan: site
	mkdir -p laporan
	"$(CHROMIUM)" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
		--no-pdf-header-footer --print-to-pdf="$(CURDIR)/laporan/laporan-iku.pdf" \
		"file://$(CURDIR)/site/laporan/index.html" 2>/dev/null
	@echo "PDF: laporan/laporan-iku.pdf"

# LKjIP Bab III of one year (default: the latest with a realisation) as Word and PDF (LibreOffice
# converts the .docx). IKU_DATA selects another office's data root.
TAHUN ?=
lkjip: venv
	$(BIN)/iku lkjip --data "$(or $(IKU_DATA),data)" --ke laporan $(if $(TAHUN),--tahun $(TAHUN))

clean:
	rm -rf site site-kabupaten site-gabungan laporan .pytest_cache
