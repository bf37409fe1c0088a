#!/usr/bin/env bash
# Every report of `report all` as a Party office prints it: runs the sample
# congress through the demo's pipeline (600 members, apportionment, delegates,
# two elections, one sealed) plus a long election (40 candidates, so that its
# minutes run over pages), writes `report all`, converts every .xlsx to PDF
# with LibreOffice headless and checks every PDF with tests/tools/paper_check.py
# (pdftotext -bbox-layout): A4, every word inside the printable area, the
# signature never alone on its page, no page holding a single table row, even
# row heights, the members list in at most 13 pages (48 rows a page at 10 pt). PDFs already in the output
# directory (written by `report all` itself) are checked as they are.
# Skipped (exit 77) without LibreOffice, poppler-utils or openpyxl.
# Set DAIHOI_KEEP_RENDERS=DIR to keep the output for a human to look at.
# Usage: xlsx_print.sh BIN_DIR
set -euo pipefail
bin=$(cd "$1" && pwd)
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
py=/usr/bin/python3
for tool in soffice pdftotext; do
  command -v "$tool" >/dev/null 2>&1 || { echo "note: $tool missing; SKIPPED (tools/setup.sh installs it)"; exit 77; }
done
"$py" -c 'import openpyxl' 2>/dev/null || { echo "note: python3-openpyxl missing; SKIPPED"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export DAIHOI_DB="$work/w.db" PATH="$bin:$PATH"
data=$work/sample

. "$(cd "$(dirname "$0")/../tools" && pwd)/sample_congress.sh"
# ---- the congress (as tools/demo.sh runs it) ----------------------------------------
sample_congress "$data"
checkin_most "$py"
sample_elections "$data"
daihoi-election close bch --quiet >/dev/null
daihoi-election seal bch --quiet >/dev/null
# A long ballot: 40 candidates for 31 seats, 144 ballots.
daihoi-election create dai --title "Bầu Ban Chấp hành Đảng bộ khóa mới (danh sách dài)" --seats 31 --quiet >/dev/null
daihoi-election candidates add dai $(daihoi-delegates list --json | "$py" -c '
import json, sys
print(" ".join(d["code"] for d in json.load(sys.stdin)[:40]))') --quiet >/dev/null
daihoi-election open dai --quiet >/dev/null 2>&1
"$py" - >ballots-dai.csv <<'PY'
import random
r = random.Random(7)
print("serial,crossed,flag")
for i in range(1, 145):
    print(f"{i},{' '.join(str(k) for k in sorted(r.sample(range(1, 41), 9)))},")
PY
daihoi-election ballots import dai ballots-dai.csv --pass 1 --quiet >/dev/null
daihoi-election count dai --issued 144 --collected 144 --quiet >/dev/null
daihoi-election close dai --quiet >/dev/null

# ---- the papers ------------------------------------------------------------------------
daihoi-report all out --quiet >/dev/null
daihoi-report standards cap-uy-2025 --election bch -o out/standards-bch.xlsx --quiet
daihoi-report structure cap-uy-2025 bch --elected -o out/structure-bch.xlsx --quiet
mkdir -p pdf lo-home
for f in out/*.pdf; do [[ -e $f ]] && cp "$f" pdf/; done
(HOME="$work/lo-home" timeout 600 soffice --headless --convert-to pdf --outdir lo out/*.xlsx >lo.log 2>&1) ||
  { echo "FAIL: LibreOffice could not convert the reports"; cat lo.log; exit 1; }
for f in lo/*.pdf; do  # beside a PDF of the engine's own: both are checked
  stem=$(basename "$f" .pdf)
  if [[ -e pdf/$stem.pdf ]]; then cp "$f" "pdf/$stem-lo.pdf"; else cp "$f" pdf/; fi
done
status=0
"$py" "$src/tests/tools/paper_check.py" --xlsx out pdf/*.pdf || status=$?
if [[ -n ${DAIHOI_KEEP_RENDERS:-} ]]; then
  mkdir -p "$DAIHOI_KEEP_RENDERS"
  cp -r out pdf w.db "$DAIHOI_KEEP_RENDERS"/
fi
exit $status
