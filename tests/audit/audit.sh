#!/usr/bin/env bash
# `make audit`: Lighthouse (npm, pinned in package-lock.json) in its default mobile mode, on
# Beranda and one IKU page, against Debian's Chromium and the built site served on 127.0.0.1
# with gzip, as GitHub Pages serves it.
# Prints the performance and accessibility scores; reports stay in tests/audit/laporan/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
site="$here/../../site"
port="${AUDIT_PORT:-8799}"
out="$here/laporan"
mkdir -p "$out"
python3 "$here/serve_gzip.py" "$site" "$port" &
server=$!
trap 'kill "$server"' EXIT
sleep 1
export CHROME_PATH="${CHROMIUM:-/usr/bin/chromium}"
for page in "" "iku/iku-4/"; do
  name="${page//\//-}"
  name="${name:-beranda}"
  "$here/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/$page" --quiet \
    --only-categories=performance,accessibility \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run" \
    --output=json --output-path="$out/$name.json" >/dev/null
  python3 "$here/scores.py" "$out/$name.json" "/$page"
done
