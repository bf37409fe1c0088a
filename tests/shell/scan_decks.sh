#!/usr/bin/env bash
# The reader on test decks it was not tuned to (seeds never used while
# tuning it), through the real commands: `daihoi scan deck`, then `daihoi
# scan ballots --json`, every page held to the deck's truth by
# tests/tools/check_deck.py — no accepted page differs from the truth, no
# page that must be held (odd ballots, a fold, a streak, a wrong scale) is
# accepted, every blank back is skipped, and most ordinary pages are
# accepted. A cross ballot of 30 names (A5, two columns) on two seeds, and an
# agree/disagree ballot of 10.
# Usage: scan_decks.sh BIN_DIR
set -euo pipefail
bin=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export PATH="$bin:$PATH" DAIHOI_DB="$work/daihoi.db" LC_ALL=C.UTF-8
daihoi-congress init --name "Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ XV" --organization "Đảng bộ xã Tân Lập" \
  --level commune --kind delegates --term 2025-2030 --date 2025-07-15 --quiet
daihoi-members import "$src/tests/scenarios/scan-count/members.csv" --quiet >/dev/null
daihoi-election create bch --title "Bầu Ban Chấp hành Đảng bộ xã khóa XVI, nhiệm kỳ 2025 – 2030" --seats 25 \
  --base 150 --quiet
daihoi-election candidates add bch $(seq -f 'D%02g' 1 30) --quiet
daihoi-election open bch --quiet >/dev/null 2>&1
daihoi-election create ubkt --title "Bầu Ủy ban Kiểm tra" --seats 6 --base 150 --body inspection --form agree --quiet
daihoi-election candidates add ubkt $(seq -f 'D%02g' 31 36) --quiet
daihoi-election open ubkt --quiet >/dev/null 2>&1
fail=0
check() {  # ID SEED PAGES
  local id=$1 seed=$2 pages=$3
  daihoi-scan deck "$id" "deck-$seed" --count "$pages" --seed "$seed" --quiet >/dev/null
  daihoi-scan ballots "$id" "deck-$seed" --pass "$4" --json --scores --no-backup >"scan-$seed.json"
  echo "== $id, seed $seed, $pages pages"
  /usr/bin/python3 "$src/tests/tools/check_deck.py" "deck-$seed/truth.csv" "scan-$seed.json" --summary \
    --min-ordinary 70 || fail=1
}
check bch 90001 150 1
check bch 90002 150 2
check ubkt 90003 120 1
exit $fail
