#!/usr/bin/env bash
# The signed papers as PDF, checked on the PDF itself (pdf_check.py, with
# poppler-utils): the sample congress run as tools/demo.sh runs it, plus an
# election of 60 candidates whose minutes and results take several pages;
# then the minutes, results, credentials and delegates list in Vietnamese
# (and the results in English) as .pdf, and `report all`, which writes each
# .pdf beside its .xlsx. On every PDF: A4 in its orientation, every font
# embedded Liberation Serif, every word inside the printable area, "Trang
# i/N" on each page, no page with a single row of a table, the signature on
# the page of the last row, and the names and votes of the report's .json.
# A report that is not signed refuses .pdf (exit 2).
# poppler-utils or python3 missing: skipped (exit 77).
# Usage: pdf_papers.sh BIN_DIR
set -euo pipefail
py=/usr/bin/python3
for tool in pdftotext pdfinfo pdffonts; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool (poppler-utils) not installed"; exit 77; }
done
[ -x "$py" ] || { echo "SKIP: python3 not installed"; exit 77; }
check="$py $(cd "$(dirname "$0")" && pwd)/pdf_check.py"
bin=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export DAIHOI_DB="$work/w.db" PATH="$bin:$PATH" DAIHOI_LANG=vi
data=$work/sample

. "$(cd "$(dirname "$0")/../tools" && pwd)/sample_congress.sh"
# ---- the congress (as tools/demo.sh runs it) ----------------------------------------
sample_congress "$data"
checkin_most "$py"
id=$(tail -n +2 "$data/elections.csv" | head -1 | cut -d, -f1)
sample_elections "$data" "$id"
daihoi-election close "$id" --quiet >/dev/null

# ---- a long election: 60 candidates for 30 places, 120 ballots -----------------------
long_election "$data" "$py" "Bầu thử nghiệm 60 ứng cử viên"

# ---- the four papers, in Vietnamese --------------------------------------------------
fails=0
paper() {  # KIND ARGS… -- CHECK-ARGS…
  local kind=$1 stem=$2
  shift 2
  local args=()
  while [ "$1" != -- ]; do args+=("$1"); shift; done
  shift
  daihoi-report "$kind" "${args[@]}" -o "$stem.pdf" --quiet
  daihoi-report "$kind" "${args[@]}" -o "$stem.json" --quiet
  $check "$stem.pdf" --expect "$stem.json" "$@" || fails=$((fails + 1))
}
paper minutes minutes-dai dai -- --signature "TRƯỞNG BAN" --min-pages 3
paper results results-dai dai -- --min-pages 2 --signature "TRƯỞNG BAN" --after-chart
paper minutes "minutes-$id" "$id" -- --signature "TRƯỞNG BAN"
paper results "results-$id" "$id" -- --signature "TRƯỞNG BAN" --after-chart
paper credentials credentials -- --signature "TRƯỞNG BAN" --unnumbered
paper delegates delegates -- --landscape --min-pages 2 --signature "BÍ THƯ"
# In English: the same checks, the footer in English.
daihoi-report results dai --lang en -o results-dai-en.pdf --quiet
$check results-dai-en.pdf --page-label Page --number-label No. --min-pages 2 || fails=$((fails + 1))

# Numbers in the Vietnamese style: the percent column prints 44,0-like, never 44.0.
# (Through a file: grep -q leaving a pipe early would fail the pipeline.)
pdftotext results-dai.pdf results-dai.txt
grep -Eq '^[0-9]+,[0-9]{2}$' results-dai.txt || { echo "FAIL: no decimal comma in results-dai.pdf"; fails=$((fails + 1)); }
grep -Eq '^[0-9]+\.[0-9]{2}$' results-dai.txt && { echo "FAIL: a decimal point in results-dai.pdf"; fails=$((fails + 1)); }

# The minutes with 60 candidates: the signature block on the last page, with rows.
# (pdf_check --signature already ties it to the last row's page.)

# ---- report all: each signed paper's .pdf beside its .xlsx --------------------------
daihoi-report all out --json --quiet >written.json
"$py" - "$id" <<'EOF' || fails=$((fails + 1))
import json, os, sys
written = json.load(open("written.json"))
files = {os.path.basename(w["file"]) for w in written}
eid = sys.argv[1]
want = {f"{s}.pdf" for s in ["delegates", "credentials", f"minutes-{eid}", f"results-{eid}", "minutes-dai", "results-dai"]}
missing = sorted(want - files)
extra = sorted(f for f in files if f.endswith(".pdf") and f not in want)
for f in missing: print(f"FAIL: report all did not write {f}")
for f in extra: print(f"FAIL: report all wrote {f}, which is not signed")
for f in want & files:
    if not os.path.exists(os.path.join("out", f)) or not os.path.exists(os.path.join("out", f[:-4] + ".xlsx")):
        print(f"FAIL: {f} or its .xlsx missing in out/"); sys.exit(1)
sys.exit(1 if missing or extra else 0)
EOF
for f in out/*.pdf; do
  extra=()
  case $(basename "$f") in
    delegates.pdf) extra=(--landscape --signature "BÍ THƯ") ;;
    credentials.pdf) extra=(--unnumbered --signature "TRƯỞNG BAN") ;;
    minutes-*) extra=(--signature "TRƯỞNG BAN") ;;
    results-*) extra=(--signature "TRƯỞNG BAN" --after-chart) ;;
  esac
  $check "$f" "${extra[@]}" || fails=$((fails + 1))
done

# ---- a report that is not signed refuses .pdf ----------------------------------------
set +e
daihoi-report members -o members.pdf --quiet 2>err.txt
rc=$?
set -e
if [ "$rc" != 2 ] || [ -e members.pdf ] || ! grep -q "minutes" err.txt; then
  echo "FAIL: report members -o members.pdf: exit $rc, $(cat err.txt)"
  fails=$((fails + 1))
fi

[ "$fails" = 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all PDF papers pass"
