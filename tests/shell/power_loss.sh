#!/usr/bin/env bash
# Power loss: the workspace keeps every change a terminal has acknowledged,
# whenever the power is cut. The powercut shim (tests/tools/powercut.c,
# LD_PRELOAD) cuts the power under one daihoi process just before its K-th
# write or sync of the workspace files, leaving them as a disk would after
# the power came back: each write not yet synced kept or lost sector by
# sector, at random (fixed seeds). After every cut the workspace must open,
# PRAGMA integrity_check must be ok, `daihoi audit verify` must pass, and
# every ballot, import and check-in acknowledged before the cut must be there.
# Cuts land in `ballots enter` typing ballots, a members' evaluations import
# and a run of check-ins at the door.
# (Run by hand once with the workspace's synchronous=NORMAL, this test fails:
# acknowledged ballots are lost.)
# Usage: power_loss.sh BIN_DIR
set -euo pipefail
bin=$(cd "$1" && pwd)
shim=$bin/../tests/powercut.so
[[ -f $shim ]] || { echo "FAIL: $shim not built" >&2; exit 1; }
shim=$(cd "$(dirname "$shim")" && pwd)/powercut.so
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export PATH="$bin:$PATH" DAIHOI_DB="$work/w.db" LC_ALL=C.UTF-8 DAIHOI_LANG=en
fail() { echo "FAIL: $*" >&2; exit 1; }
RANDOM=14  # the cut points: the same every run

# The congress: members, units, delegates, an open election.
daihoi-sample data --members 300 --units 4 --seed 7 --quiet >/dev/null
daihoi-congress init --name "Đại hội" --organization "Đảng bộ" --level commune --kind delegates \
  --term 2025-2030 --date 2025-07-15 --quiet
daihoi-members import data/members.csv --quiet >/dev/null
daihoi-delegates units import data/units.csv --quiet >/dev/null
daihoi-delegates apportion --seats 40 --min 1 --tie-break membership --save --quiet >/dev/null
daihoi-delegates import data/delegates.csv --quiet >/dev/null
mapfile -t codes < <(sqlite3 "$DAIHOI_DB" "SELECT code FROM delegates ORDER BY code LIMIT 12")
mapfile -t cands < <(sqlite3 "$DAIHOI_DB" "SELECT code FROM members WHERE official_date IS NOT NULL ORDER BY code LIMIT 5")
daihoi-election create e --title "Bầu Ban Chấp hành" --seats 4 --base 500 --quiet
daihoi-election candidates add e "${cands[@]}" --quiet
daihoi-election open e --quiet >/dev/null 2>&1
cp w.db base.db
[[ ! -e w.db-wal ]] || fail "the setup left a WAL behind"

fresh() { rm -rf w.db-wal w.db-shm w.db.backups; cp base.db w.db; }
# Runs a command under the shim; $1: the cut (0: none). The events it made go to ./events.
powered() {
  local after=$1 seed=$2
  shift 2
  (POWERCUT_TARGET="$DAIHOI_DB" POWERCUT_AFTER="$after" POWERCUT_SEED="$seed" POWERCUT_COUNT="$work/events" \
    LD_PRELOAD="$shim" "$@") 2>/dev/null
}
pick() { echo $(((RANDOM * 32768 + RANDOM) % $1 + 1)); }  # 1..$1
check_workspace() {
  [[ $(sqlite3 "$DAIHOI_DB" "PRAGMA integrity_check") == ok ]] || fail "$1: integrity_check"
  daihoi-audit verify --quiet >/dev/null 2>&1 || fail "$1: audit verify"
}
cuts=0

# 1. Ballots typed at the terminal: every "ballot N:" printed is kept.
for i in $(seq 1 40); do echo "$((i % 5 + 1))"; done >ballots.txt
fresh
rm -f events
powered 0 0 daihoi-election ballots enter e <ballots.txt >out.txt 2>&1 || fail "entry without a cut"
total=$(cat events)
[[ $(grep -c '^ballot ' out.txt) -eq 40 ]] || fail "entry without a cut: $(head -3 out.txt)"
for seed in $(seq 1 70); do
  k=$(pick "$total")
  fresh
  powered "$k" "$seed" daihoi-election ballots enter e <ballots.txt >out.txt 2>&1 || true
  check_workspace "entry cut at event $k of $total (seed $seed)"
  acked=$(sed -n 's/^ballot \([0-9]*\): .*/\1/p' out.txt | sort)
  kept=$(sqlite3 "$DAIHOI_DB" "SELECT serial FROM ballots WHERE election = 'e' AND pass = 1" | sort)
  lost=$(comm -23 <(echo "$acked" | sed '/^$/d') <(echo "$kept" | sed '/^$/d'))
  [[ -z $lost ]] || fail "entry cut at event $k of $total (seed $seed): acknowledged ballots lost: $(echo $lost)"
  # Each ballot kept came with its audit entry, in one commit.
  n_kept=$(sed '/^$/d' <<<"$kept" | wc -l)
  n_audit=$(sqlite3 "$DAIHOI_DB" "SELECT count(*) FROM audit WHERE summary LIKE 'election e pass 1: ballot % entered'")
  [[ $n_kept -eq $n_audit ]] || fail "entry cut at event $k (seed $seed): $n_kept ballots, $n_audit audit entries"
  cuts=$((cuts + 1))
done
echo "ballots enter: 70 cuts among $total events, no acknowledged ballot lost"

# 2. An import: all of it or none of it; all of it once it said so.
fresh
rm -f events
rows=$(($(wc -l <data/evaluations.csv) - 1))
powered 0 0 daihoi-members evaluations import data/evaluations.csv >out.txt 2>&1 || fail "import without a cut"
total=$(cat events)
for seed in $(seq 101 120); do
  k=$(pick "$total")
  fresh
  rc=0
  powered "$k" "$seed" daihoi-members evaluations import data/evaluations.csv >out.txt 2>&1 || rc=$?
  check_workspace "import cut at event $k of $total (seed $seed)"
  have=$(sqlite3 "$DAIHOI_DB" "SELECT count(*) FROM evaluations")
  [[ $have -eq 0 || $have -eq $rows ]] || fail "import cut at event $k (seed $seed): $have of $rows rows"
  [[ $rc -ne 0 || $have -eq $rows ]] || fail "import cut at event $k (seed $seed): acknowledged, then lost"
  cuts=$((cuts + 1))
done
echo "evaluations import ($rows rows): 20 cuts among $total events, all or nothing"

# 3. Check-ins at the door, one delegate a command: each one acknowledged is kept.
fresh
rm -f events
powered 0 0 daihoi-delegates checkin "${codes[0]}" >/dev/null 2>&1 || fail "check-in without a cut"
per=$(cat events)
for seed in $(seq 201 220); do
  k=$(pick $((per * ${#codes[@]})))
  fresh
  left=$k
  acked=()
  for code in "${codes[@]}"; do
    rm -f events
    if powered "$left" "$seed" daihoi-delegates checkin "$code" >/dev/null 2>&1; then
      acked+=("$code")
      left=$((left - $(cat events)))
    else
      break
    fi
  done
  check_workspace "check-in cut at event $k (seed $seed)"
  present=$(sqlite3 "$DAIHOI_DB" "SELECT code FROM attendance WHERE session = '1'")
  for code in "${acked[@]}"; do
    grep -qx "$code" <<<"$present" || fail "check-in cut at event $k (seed $seed): $code acknowledged, then lost"
  done
  cuts=$((cuts + 1))
done
echo "check-ins: 20 cuts, no acknowledged check-in lost"

[[ $cuts -ge 100 ]] || fail "only $cuts cuts"
echo "ok: $cuts power cuts; after each the workspace opened, integrity and the audit chain were intact, nothing acknowledged was lost"
