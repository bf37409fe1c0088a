#!/usr/bin/env bash
# The scanner's benchmarks (SPEC §11), on test decks made here:
#  1. speed: 1,000 pages of 30 names at 200 dpi read on one core (decoding and
#     reading, milliseconds a page), against merely decoding the same files,
#     and pages a second with every core; `daihoi scan ballots` on the same
#     1,000 pages, each kept in the workspace, with its peak memory;
#  2. a counting board's whole job: 350 ballots of 55 names scanned on two
#     stations (the same stack twice: `scan deck --scan 2`), the held pages
#     decided at the terminal (a person's answers typed from the truth),
#     reconciled and closed: the program's own share of the time, and the
#     time by the clock on 80-sheet-a-minute feeders with a person taking
#     15 s a held page.
# (The accuracy benchmark is bench-scan_accuracy, run on its own: it takes
# half an hour.) Usage: bench/scan.sh (BENCH_ONLY=count: the whole count
# alone). Needs a built tree; writes bench/work-scan/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${DAIHOI_BUILD:-$root/build}
bin=$build/bin
measure=$build/bench/bench-measure
speed=$build/bench/bench-scan_speed
work=$root/bench/work-scan
rm -rf "$work" && mkdir -p "$work"
cd "$work"
export PATH="$bin:$PATH" DAIHOI_DB="$work/daihoi.db" LC_ALL=C.UTF-8
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
echo "daihoi scanner benchmarks, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"

daihoi-congress init --name "Đại hội đại biểu Đảng bộ tỉnh lần thứ XXI" --organization "Đảng bộ tỉnh Thái Nguyên" \
  --level province --kind delegates --term 2025-2030 --date 2025-09-01 --quiet
/usr/bin/python3 - >members.csv <<'PY'
family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
middle = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang"]
given = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Khoa", "Lan", "Thảo", "Quân", "Tuấn", "Yến", "Xuân"]
print("code,full_name,gender,birth_date,party_join_date,official_date")
for i in range(1, 91):
    print(f"B{i:03d},{family[i % 12]} {middle[(i // 3) % 8]} {given[(i * 7) % 13]},M,"
          f"19{60 + i % 30}-0{1 + i % 9}-1{i % 9},1995-05-01,1996-05-01")
PY
daihoi-members import members.csv --quiet >/dev/null
daihoi-election create t30 --title "Bầu Ban Chấp hành Đảng bộ tỉnh khóa XXI" --seats 25 --base 350 --quiet
daihoi-election candidates add t30 $(seq -f 'B%03g' 1 30) --quiet
daihoi-election open t30 --quiet >/dev/null 2>&1
daihoi-election create h55 --title "Bầu Ban Chấp hành Đảng bộ tỉnh khóa XXI, nhiệm kỳ 2025 – 2030" --seats 50 \
  --base 350 --quiet
daihoi-election candidates add h55 $(seq -f 'B%03g' 31 85) --quiet
daihoi-election open h55 --quiet >/dev/null 2>&1

if [[ ${BENCH_ONLY:-} != count ]]; then
echo "== 1. speed: 1,000 pages of 30 names (A5) at 200 dpi"
daihoi-scan deck t30 d30 --count 1000 --seed 1 --quiet
decode=$("$speed" decode d30)
one=$("$speed" read daihoi.db t30 d30 1)
all=$("$speed" read daihoi.db t30 d30 "$(nproc)")
printf '  decoding alone      %6.1f ms a page\n' "$(field ms_per_page "$decode")"
printf '  decoding + reading  %6.1f ms a page on one core (target ≤ 50), %s × decoding (target ≤ 3), %s pages accepted\n' \
  "$(field ms_per_page "$one")" \
  "$(awk -v a="$(field ms_per_page "$one")" -v b="$(field ms_per_page "$decode")" 'BEGIN { printf "%.2f", a / b }')" \
  "$(field accepted "$one")"
printf '  every core (%s)     %6.1f pages a second\n' "$(nproc)" "$(field pages_per_s "$all")"
cmd=$("$measure" daihoi-scan ballots t30 d30 --no-backup --quiet)
printf '  daihoi scan ballots, 1,000 pages kept: %.1f s, peak %.1f MB (target < 200)\n' \
  "$(field wall_s "$cmd")" "$(field maxrss_mb "$cmd")"

fi

echo "== 2. a whole count: 350 ballots × 55 names (A4), two stations, held pages decided, reconciled, closed"
daihoi-scan deck h55 s1 --count 350 --seed 2026 --faults 20 --odd 3 --blank 0 --quiet
daihoi-scan deck h55 s2 --count 350 --seed 2026 --faults 20 --odd 3 --blank 0 --scan 2 --quiet
total=0
timed() {  # LABEL COMMAND…
  local label=$1 start end s
  shift
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  s=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  total=$(awk -v a="$total" -v b="$s" 'BEGIN { printf "%.2f", a + b }')
  printf '  %-46s %6.2f s\n' "$label" "$s"
}
answers() {  # DECK PASS: a person's answers for the held pages, from the truth
  daihoi-scan pages h55 --pass "$2" --waiting --json | /usr/bin/python3 -c '
import csv, json, sys
truth = {r["file"]: r for r in csv.DictReader(open(sys.argv[1] + "/truth.csv"))}
for p in json.load(sys.stdin)["pages"]:
    print(truth[p["file"].split("/")[-1]]["crossed"] or "-")' "$1"
}
timed "scan ballots, station 1 (pass 1)" daihoi-scan ballots h55 s1 --station "máy quét 1" --no-backup --quiet
timed "scan ballots, station 2 (pass 2)" daihoi-scan ballots h55 s2 --pass 2 --station "máy quét 2" --no-backup --quiet
held1=$(daihoi-scan pages h55 --pass 1 --waiting --json | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["pages"]))')
held2=$(daihoi-scan pages h55 --pass 2 --waiting --json | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["pages"]))')
answers s1 1 >answers1.txt
answers s2 2 >answers2.txt
timed "scan review, pass 1 ($held1 held pages)" bash -c "daihoi-scan review h55 --pass 1 --no-open --images r1 --quiet <answers1.txt"
timed "scan review, pass 2 ($held2 held pages)" bash -c "daihoi-scan review h55 --pass 2 --no-open --images r2 --quiet <answers2.txt"
timed "ballots reconcile" daihoi-election ballots reconcile h55
timed "count" daihoi-election count h55 --issued 350 --collected 350
timed "close" daihoi-election close h55
feed=$(awk 'BEGIN { printf "%.1f", 350 / 80 }')
people=$(awk -v a="$held1" -v b="$held2" 'BEGIN { m = a > b ? a : b; printf "%.1f", m * 15 / 60 }')
clock=$(awk -v f="$feed" -v p="$people" -v t="$total" 'BEGIN { printf "%.1f", f + p + t / 60 }')
printf '  the program'"'"'s own share: %.1f s (target < 60 s)\n' "$total"
printf '  by the clock: %s min feeding (two feeders at once), %s min deciding held pages (two people, 15 s a page), %.1f min the program: %s min (target ≤ 15)\n' \
  "$feed" "$people" "$(awk -v t="$total" 'BEGIN { printf "%.1f", t / 60 }')" "$clock"
