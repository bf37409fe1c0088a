#!/usr/bin/env bash
# kill -9 during interactive ballot entry loses no committed ballot: every
# ballot the terminal reported ("ballot N: …") is in the workspace with the
# names typed, nothing else is (but the one ballot whose line was being
# printed when the kill landed), PRAGMA integrity_check is ok, the audit chain
# is intact, and entry simply resumes where it stopped.
# Usage: entry_crash.sh BIN_DIR
set -euo pipefail
bin=$(cd "$1" && pwd)
work=$(mktemp -d)
writer=""
entry=""
cleanup() {
  [[ -n $writer ]] && kill "$writer" 2>/dev/null || true
  [[ -n $entry ]] && kill -9 "$entry" 2>/dev/null || true
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
EOF
daihoi-members import members.csv --quiet >/dev/null
daihoi-election create e --title "Bầu Ban Chấp hành" --seats 4 --base 500 --quiet
daihoi-election candidates add e D01 D02 D03 D04 D05 --quiet
daihoi-election open e --quiet >/dev/null

# Ballot serial s (auto-numbered 1, 2, …) is typed as the line "p" with
# p = s % 5 + 1: the name at position p crossed, the 4 others kept.
expected_hex() { printf '%02X' $((0x1F & ~(1 << ($1 % 5)))); }

# The ballots in pass 1 as "serial hex(kept) flag" lines.
db_ballots() { sqlite3 "$DAIHOI_DB" "SELECT serial || ' ' || hex(kept) || ' ' || flag FROM ballots WHERE election = 'e' AND pass = 1 ORDER BY serial"; }

check_state() {  # $@ = output files of every terminal so far
  local reported in_db extra
  # A ballot committed unreported at an earlier kill was accepted then (accepted.txt).
  reported=$({ cat "$@" | sed -n 's/^ballot \([0-9]*\): .*/\1/p'; cat accepted.txt 2>/dev/null; })
  in_db=$(sqlite3 "$DAIHOI_DB" "SELECT serial FROM ballots WHERE election = 'e' AND pass = 1 ORDER BY serial")
  # Every reported ballot is in the database.
  missing=$(comm -23 <(sort <<<"$reported" | sed '/^$/d') <(sort <<<"$in_db" | sed '/^$/d'))
  [[ -z $missing ]] || fail "ballots reported as entered but not in the workspace: $missing"
  # Nothing else, but at most the one ballot committed while its line was being printed.
  extra=$(comm -13 <(sort <<<"$reported" | sed '/^$/d') <(sort <<<"$in_db" | sed '/^$/d'))
  if [[ -n $extra ]]; then
    [[ $(wc -l <<<"$extra") -eq 1 ]] || fail "ballots in the workspace never reported: $extra"
    last=$(sort -n <<<"$in_db" | tail -1)
    [[ $extra == "$last" ]] || fail "unreported ballot $extra is not the last one entered"
    echo "  (ballot $extra was committed as the kill landed, before its line was printed)" >&2
    echo "$extra" >>accepted.txt
  fi
  # Serials 1…n without a gap, each with the names typed, no flag.
  local n=0
  while read -r serial hex flag; do
    [[ -z $serial ]] && continue
    n=$((n + 1))
    [[ $serial -eq $n ]] || fail "serial $serial where $n was expected"
    [[ $hex == "$(expected_hex "$serial")" ]] || fail "ballot $serial keeps $hex, expected $(expected_hex "$serial")"
    [[ -z ${flag:-} ]] || fail "ballot $serial has a flag '$flag'"
  done < <(db_ballots)
  [[ $(sqlite3 "$DAIHOI_DB" "PRAGMA integrity_check") == ok ]] || fail "integrity_check"
  daihoi-audit verify --quiet >/dev/null || fail "audit verify after kill -9"
  # One audit entry per ballot entered.
  local entries
  entries=$(sqlite3 "$DAIHOI_DB" "SELECT count(*) FROM audit WHERE summary LIKE 'election e pass 1: ballot % entered'")
  [[ $entries -eq $n ]] || fail "$entries audit entries for $n ballots"
  echo "$n"
}

# Types ballots first..200 slowly into a terminal; once it has reported
# $after ballots, kills it $delay seconds later (somewhere inside a ballot's
# commit / print cycle, whatever the machine's speed).
run_and_kill() {
  local first=$1 after=$2 delay=$3 out=$4 waited=0
  rm -f fifo
  mkfifo fifo
  (for i in $(seq "$first" 200); do echo "$((i % 5 + 1))"; sleep 0.01; done) >fifo 2>/dev/null &
  writer=$!
  daihoi-election ballots enter e <fifo >"$out" 2>&1 &
  entry=$!
  until [[ $(grep -c '^ballot ' "$out" 2>/dev/null) -ge $after ]]; do
    sleep 0.02
    waited=$((waited + 1))
    [[ $waited -lt 1500 ]] || fail "the terminal reported fewer than $after ballots in 30 s"
  done
  sleep "$delay"
  kill -9 "$entry" 2>/dev/null || fail "the terminal ended before the kill"
  wait "$entry" 2>/dev/null || true
  entry=""
  kill "$writer" 2>/dev/null || true
  wait "$writer" 2>/dev/null || true
  writer=""
}

total=0
round=0
for plan in "10 0.013" "25 0.004" "3 0.021"; do
  round=$((round + 1))
  read -r after delay <<<"$plan"
  run_and_kill $((total + 1)) "$after" "$delay" "out$round.txt"
  now=$(check_state out*.txt)
  now=$(tail -1 <<<"$now")
  [[ $now -gt $total ]] || fail "round $round: no ballot was entered before the kill"
  echo "kill -9 after $after ballots + ${delay}s: $((now - total)) ballots committed and reported, none lost, integrity ok"
  total=$now
done

# Entry resumes: the remaining ballots, to 200, typed to the end.
for i in $(seq $((total + 1)) 200); do echo "$((i % 5 + 1))"; done | daihoi-election ballots enter e >resume.txt
grep -q 'not entered' resume.txt && fail "resume: $(grep 'not entered' resume.txt | head -3)"
final=$(tail -1 < <(check_state out*.txt resume.txt))
[[ $final -eq 200 ]] || fail "after resuming, $final ballots instead of 200"
votes=$(daihoi-election tally e --json | /usr/bin/python3 -c '
import json, sys
t = json.load(sys.stdin)
print(t["ballots"]["entered"], t["ballots"]["valid"], sorted(c["votes"] for c in t["candidates"]))')
[[ $votes == "200 200 [160, 160, 160, 160, 160]" ]] || fail "tally after resume: $votes"
echo "ok: 3 kills during entry lost nothing; resumed to 200 ballots; tally, integrity and audit chain ok"
