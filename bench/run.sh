#!/usr/bin/env bash
# The benchmarks of SPEC §11. Each prints daihoi's time, its reference's time
# measured in the same run on the same data, the ratio and the peak memory.
# Usage: bench/run.sh [ROWS] (default 1000000). Needs a built tree (tools/test.sh
# or tools/demo.sh); writes its data to bench/work/ (not committed).
set -euo pipefail
rows=${1:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${DAIHOI_BUILD:-$root/build}
bin=$build/bin
measure=$build/bench/bench-measure
work=$root/bench/work
rm -rf "$work" && mkdir -p "$work"
cd "$work"
export PATH="$bin:$PATH"

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
report() {  # name ours reference target
  local ours=$2 ref=$3
  printf '%-44s daihoi %7.2f s  reference %7.2f s  ratio %5s (target %s)  peak %6.1f MB\n' \
    "$1" "$(field wall_s "$ours")" "$(field wall_s "$ref")" \
    "$(ratio "$(field wall_s "$ours")" "$(field wall_s "$ref")")" "$4" "$(field maxrss_mb "$ours")"
  [[ $(field exit "$ours") == 0 && $(field exit "$ref") == 0 ]] || { echo "a command failed"; exit 1; }
}

echo "daihoi benchmarks, $rows members, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
daihoi-sample data --members "$rows" --units 50 --seed 1 --quiet >/dev/null
init() { daihoi-congress init --db "$1" --name "Đại hội" --organization "Đảng bộ" --level province \
           --kind delegates --term 2025-2030 --date 2025-09-01 --quiet; }

# 1. Import: all validation, NFC, collation keys, upsert, audit — vs sqlite3 .import.
ref=$("$measure" sqlite3 ref.db ".import --csv data/members.csv members")
init ours.db
ours=$("$measure" daihoi-members --db ours.db import data/members.csv --quiet)
report "import $rows members from CSV" "$ours" "$ref" "<= 2.5"

# 2. Export to .xlsx (constant memory) — vs a bare C libxlsxwriter program.
ref=$("$measure" "$build/bench/bench-bare_xlsx" data/members.csv bare.xlsx)
ours=$("$measure" daihoi-report --db ours.db members -o ours.xlsx --quiet)
report "export $rows members to .xlsx" "$ours" "$ref" "<= 1.15"
