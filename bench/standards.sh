#!/usr/bin/env bash
# Benchmark of `standards check --all` (SPEC §7, §11): 1,000,000 members with
# their grades and discipline records against cap-uy-2025, target under 3 s,
# text and JSON, output to /dev/null. Prints wall time and peak memory of
# each run (best of 3), then the setup's own times for reference.
# Usage: bench/standards.sh [ROWS] (default 1000000). Needs a built tree;
# DAIHOI_BUILD picks it (default build/). Works in bench/work-standards/.
set -euo pipefail
rows=${1:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${DAIHOI_BUILD:-$root/build}
measure=$build/bench/bench-measure
work=$root/bench/work-standards
export PATH="$build/bin:$PATH" DAIHOI_DB="$work/w.db"
rm -rf "$work" && mkdir -p "$work"
cd "$work"

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
step() {  # label command...
  local r
  r=$("$measure" "${@:2}" --quiet 2>/dev/null)
  printf '  %-40s %7.2f s  peak %6.1f MB\n' "$1" "$(field wall_s "$r")" "$(field maxrss_mb "$r")"
}

echo "daihoi standards benchmark, $rows members, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
daihoi-sample data --members "$rows" --units 50 --seed 1 --quiet >/dev/null
daihoi-congress init --name "Đại hội đại biểu Đảng bộ tỉnh" --organization "Đảng bộ tỉnh" --level province \
  --kind delegates --term 2025-2030 --date 2025-09-01 --quiet
echo "setup:"
step "members import" daihoi-members import data/members.csv
step "evaluations import ($(($(wc -l <data/evaluations.csv) - 1)) rows)" daihoi-members evaluations import data/evaluations.csv
step "discipline import" daihoi-members discipline import data/discipline.csv

echo "check $rows members against cap-uy-2025 (7 criteria), best of 3:"
for format in text json; do
  flag=$([[ $format == json ]] && echo --json || true)
  best=999 peak=0
  for _ in 1 2 3; do
    r=$("$measure" sh -c "daihoi-standards check cap-uy-2025 --all $flag >/dev/null")
    [[ $(field exit "$r") == 0 ]] || { echo "check failed"; exit 1; }
    best=$(awk -v a="$(field wall_s "$r")" -v b="$best" 'BEGIN { print (a < b) ? a : b }')
    peak=$(awk -v a="$(field maxrss_mb "$r")" -v b="$peak" 'BEGIN { print (a > b) ? a : b }')
  done
  printf '  %-40s %7.2f s  peak %6.1f MB  (target < 3 s)\n' "check --all ($format)" "$best" "$peak"
done
bytes=$(daihoi-standards check cap-uy-2025 --all --json | wc -c)
echo "  JSON output: $((bytes / 1000000)) MB"
