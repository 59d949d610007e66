# Two commands for a newcomer: `make serve` (build and serve the portal) and `make test`.
# Both create .venv from requirements.lock (exact versions, hashes required) on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.lock-installed
# Same commit -> same bytes: dates in sitemap and archives come from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export NO_MKDOCS_2_WARNING := 1
# This checkout's iku/ first, even when .venv is shared with another checkout.
export PYTHONPATH := $(CURDIR)

.PHONY: help venv serve site kabupaten test check bench browser-deps audit laporan lock clean

help:
	@echo "make serve   bangun dan tampilkan portal di http://127.0.0.1:8000 (muat ulang otomatis)"
	@echo "make test    jalankan semua tes"
	@echo "make site    bangun situs statis ke folder site/ (mode ketat)"
	@echo "make check   periksa data di folder data/ (iku periksa)"
	@echo "make audit   Lighthouse (mode ponsel) pada Beranda dan satu halaman IKU"
	@echo "make kabupaten  portal banyak kantor dari instansi/<nama>/ (data sintetis bila belum ada)"
	@echo "make laporan cetak Laporan IKU tahun terakhir ke laporan/laporan-iku.pdf"
	@echo "make bench   ukur waktu (build, 10^3–10^6 baris, 31 kecamatan, rebuild, grafik, riwayat) terhadap baseline"
	@echo "make lock    perbarui requirements.lock dari pyproject.toml (perlu internet)"

# Reinstall only when the lock file's content differs from what was installed (not on mtime:
# a fresh clone has new mtimes, and an offline build must not try to reach PyPI).
venv:
	@if ! cmp -s requirements.lock $(STAMP) 2>/dev/null; then \
		echo "Menyiapkan .venv dari requirements.lock ..."; \
		$(PYTHON) -m venv $(VENV) && \
		$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock && \
		$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . && \
		cp requirements.lock $(STAMP); \
	fi

serve: venv
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# Indonesian edition into site/, then the English edition into site/en/.
site: venv
	$(BIN)/mkdocs build --strict --clean --site-dir site
	$(BIN)/mkdocs build --strict --config-file mkdocs.en.yml

test: venv
	$(BIN)/python -m pytest

# What the browser tests need, from Debian and npm (never a browser download). Needs root or sudo.
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
browser-deps:
	@missing=""; \
	[ -x "$(CHROMIUM)" ] || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v shellcheck >/dev/null || missing="$$missing shellcheck"; \
	if [ -n "$$missing" ]; then \
		echo "Memasang dari Debian:$$missing"; \
		$$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y --no-install-recommends $$missing >/dev/null; \
	fi
	cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund >/dev/null

check: venv
	$(BIN)/iku periksa data

# Timings measured against a baseline in the same run (the machine is noisy; ratios travel).
bench: venv
	$(BIN)/python tests/bench/run.py

lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra test --extra lint --extra build \
		--no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml

# Many offices: every data root under $(INSTANSI)/ gets its portal at site-kabupaten/<slug>/, and
# site-kabupaten/ itself compares them. Without $(INSTANSI)/, synthetic data for the 31
# kecamatan of Kabupaten Jember is generated first (marked "Data sintetis" on every page).
# $(JOBS) worker processes each build several offices in-process (start-up paid once per worker).
INSTANSI ?= instansi
JOBS ?= 2
kabupaten: venv
	@[ -d "$(INSTANSI)" ] || $(BIN)/iku contoh --ke "$(INSTANSI)"
	$(BIN)/python hooks/build_offices.py "$(INSTANSI)" --jobs $(JOBS)

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

clean:
	rm -rf site site-kabupaten laporan .pytest_cache
