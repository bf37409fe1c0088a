#!/usr/bin/env bash
# Several terminals entering ballots into one election at once lose nothing
# and none fails (SPEC §2: a busy timeout, never "database is locked"):
# 4 × 'ballots import' of 500 ballots each (disjoint serials) into pass 1 and
# 4 × interactive 'ballots enter' typing 100 ballots each (automatic serials)
# into pass 2, all eight started together. Every process exits 0; pass 1 holds
# serials 1…2000 and pass 2 serials 1…400, each once, with the names typed.
# Usage: concurrent_entry.sh BIN_DIR
set -euo pipefail
bin=$(cd "$1" && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
# The terminals' lines ("ballot N: valid, …", "not entered: …") and the audit
# summaries are read below in English, whatever the catalog says.
export PATH="$bin:$PATH" DAIHOI_DB="$work/w.db" LC_ALL=C.UTF-8 DAIHOI_LANG=en
fail() { echo "FAIL: $*" >&2; exit 1; }

daihoi-congress init --name "Đại hội" --organization "Đảng bộ" --level commune --kind delegates \
  --term 2025-2030 --date 2025-07-15 --quiet
cat >members.csv <<'EOF'
code,full_name,gender,birth_date,party_join_date,official_date
D01,Nguyễn Văn An,M,1970-01-02,1995-01-01,1996-01-01
D02,Trần Thị Bình,F,1975-03-04,1998-01-01,1999-01-01
D03,Lê Văn Cường,M,1980-05-06,2005-01-01,2006-01-01
D04,Phạm Thị Dung,F,1982-07-08,2006-01-01,2007-01-01
D05,Hoàng Văn Em,M,1985-09-10,2010-01-01,2011-01-01
D06,Vũ Thị Giang,F,1988-11-12,2012-01-01,2013-01-01
EOF
daihoi-members import members.csv --quiet >/dev/null
daihoi-election create e --title "Bầu Ban Chấp hành" --seats 5 --base 2000 --quiet
daihoi-election candidates add e D01 D02 D03 D04 D05 D06 --quiet
daihoi-election open e --quiet >/dev/null

# Pass 1 files: ballot s crosses position s % 6 + 1 (keeps 5 of 6).
for k in 0 1 2 3; do
  { echo "serial,crossed,flag"
    for s in $(seq $((k * 500 + 1)) $((k * 500 + 500))); do echo "$s,$((s % 6 + 1)),"; done
  } >"import$k.csv"
done
# Pass 2 terminals: terminal k types 100 ballots, each crossing position k + 1.
for k in 0 1 2 3; do
  for i in $(seq 1 100); do echo "$((k + 1))"; done >"typed$k.txt"
done

for k in 0 1 2 3; do
  daihoi-election ballots import e "import$k.csv" --pass 1 --station "import $k" --quiet >"imp$k.out" 2>"imp$k.err" &
  pids+=($!)
  daihoi-election ballots enter e --pass 2 --station "terminal $k" <"typed$k.txt" >"ent$k.out" 2>"ent$k.err" &
  pids+=($!)
done
failed=0
for p in "${pids[@]}"; do
  wait "$p" || failed=$((failed + 1))
done
pids=()
for f in imp*.err ent*.err; do
  [[ -s $f ]] && { echo "--- $f"; cat "$f"; }
done
[[ $failed -eq 0 ]] || fail "$failed of 8 processes failed"
if grep -il 'locked\|busy' imp*.out imp*.err ent*.out ent*.err; then fail "'database is locked' seen"; fi
if grep -l 'not entered' ent*.out; then fail "a terminal refused a ballot: $(grep -h 'not entered' ent*.out | head -3)"; fi
for k in 0 1 2 3; do
  grep -q "500 added" "imp$k.out" || fail "import $k: $(cat "imp$k.out")"
  [[ $(grep -c '^ballot [0-9]*: valid, 5 names kept' "ent$k.out") -eq 100 ]] || fail "terminal $k did not report 100 ballots"
done

q() { sqlite3 "$DAIHOI_DB" "$1"; }
# Pass 1: exactly serials 1…2000, each with the names of its file.
[[ $(q "SELECT count(*), count(DISTINCT serial), min(serial), max(serial) FROM ballots WHERE election = 'e' AND pass = 1") == "2000|2000|1|2000" ]] ||
  fail "pass 1: $(q "SELECT count(*), count(DISTINCT serial), min(serial), max(serial) FROM ballots WHERE election = 'e' AND pass = 1")"
bad=$(q "SELECT count(*) FROM ballots WHERE election = 'e' AND pass = 1
         AND hex(kept) <> printf('%02X', 63 & ~(1 << (serial % 6)))")
[[ $bad -eq 0 ]] || fail "pass 1: $bad ballots with other names than typed"
# Pass 2: exactly serials 1…400; each terminal's ballots keep what it typed.
[[ $(q "SELECT count(*), count(DISTINCT serial), min(serial), max(serial) FROM ballots WHERE election = 'e' AND pass = 2") == "400|400|1|400" ]] ||
  fail "pass 2: $(q "SELECT count(*), count(DISTINCT serial), min(serial), max(serial) FROM ballots WHERE election = 'e' AND pass = 2")"
for k in 0 1 2 3; do
  [[ $(q "SELECT count(*) FROM ballots WHERE election = 'e' AND pass = 2 AND station = 'terminal $k'
          AND hex(kept) = printf('%02X', 63 & ~(1 << $k))") -eq 100 ]] || fail "pass 2: terminal $k's ballots"
done
# What each terminal reported is exactly what is stored: 400 distinct serials.
reported=$(cat ent*.out | sed -n 's/^ballot \([0-9]*\): .*/\1/p' | sort -n)
[[ $(uniq <<<"$reported" | wc -l) -eq 400 && $(head -1 <<<"$reported") -eq 1 && $(tail -1 <<<"$reported") -eq 400 ]] ||
  fail "the terminals reported $(uniq <<<"$reported" | wc -l) distinct serials"
# The terminals really took turns: their serials interleave.
switches=$(q "SELECT station FROM ballots WHERE election = 'e' AND pass = 2 ORDER BY serial" | uniq | wc -l)
[[ $switches -gt 4 ]] || echo "note: the four terminals did not overlap in time (ran one after another)" >&2
[[ $(q "PRAGMA integrity_check") == ok ]] || fail "integrity_check"
daihoi-audit verify --quiet >/dev/null || fail "audit verify"
[[ $(q "SELECT count(*) FROM audit WHERE summary LIKE 'election e pass 2: ballot % entered at terminal %'") -eq 400 ]] ||
  fail "audit entries for the 400 typed ballots"
votes=$(daihoi-election tally e --json | /usr/bin/python3 -c '
import json, sys
t = json.load(sys.stdin)
print(t["ballots"]["valid"], [c["votes"] for c in sorted(t["candidates"], key=lambda c: c["position"])])')
# 2000 ballots, each position crossed on 333 or 334 of them.
[[ $votes == "2000 [1667, 1666, 1666, 1667, 1667, 1667]" ]] || fail "tally pass 1: $votes"
echo "ok: 4 imports (2000 ballots) and 4 terminals (400 ballots, serials interleaved $switches times) at once; every process exit 0; nothing lost, duplicated or locked"
