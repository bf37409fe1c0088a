#!/usr/bin/env bash
# kill -9 in the middle of a large import leaves the workspace exactly as it
# was: same members, same audit chain, PRAGMA integrity_check ok, and the
# import can simply be run again.
# Usage: crash_import.sh BIN_DIR
set -euo pipefail
bin=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export PATH="$bin:$PATH" DAIHOI_DB="$work/w.db"

daihoi-congress init --name "Đại hội" --organization "Đảng bộ" --level commune --kind delegates \
  --term 2025-2030 --date 2025-07-15 --quiet
printf 'code,full_name,gender,birth_date\nA1,Nguyễn Văn An,M,1970-01-02\nA2,Trần Thị Bình,F,1980-01-01\n' >small.csv
daihoi-members import small.csv --quiet >/dev/null
daihoi-sample big --members 400000 --units 20 --seed 3 --quiet >/dev/null

state() {
  sqlite3 "$DAIHOI_DB" "PRAGMA integrity_check; SELECT count(*) FROM members; SELECT group_concat(hash) FROM audit;"
  daihoi-members list --json | md5sum
}
restore() {
  rm -f w.db w.db-wal w.db-shm
  daihoi-congress init --name "Đại hội" --organization "Đảng bộ" --level commune --kind delegates \
    --term 2025-2030 --date 2025-07-15 --quiet
  daihoi-members import small.csv --quiet >/dev/null
  before=$(state)
}
before=$(state)
landed=0
for delay in 0.3 1 2 3.5; do
  daihoi-members import big/members.csv --quiet >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null || true
    landed=$((landed + 1))
    after=$(state)
    if [[ $after == "$before" ]]; then
      echo "kill -9 after ${delay}s: workspace unchanged, integrity ok"
      continue
    fi
    # All or nothing: a kill that lands after the commit (while the process
    # checkpoints or exits) must find the whole import, never a part of it.
    if [[ $(sqlite3 "$DAIHOI_DB" "PRAGMA integrity_check; SELECT count(*) FROM members") == $'ok\n400002' ]]; then
      landed=$((landed - 1))
      echo "kill -9 after ${delay}s came after the commit: the whole import is there; restoring the start state"
      restore
      continue
    fi
    echo "FAIL: kill -9 after ${delay}s left part of the import"
    diff <(echo "$before") <(echo "$after") || true
    exit 1
  else
    wait "$pid" || true
    echo "import finished before ${delay}s; restoring the start state"
    restore
  fi
done
[[ $landed -ge 1 ]] || { echo "FAIL: no kill landed during an import"; exit 1; }
daihoi-members import big/members.csv --quiet
[[ $(sqlite3 "$DAIHOI_DB" "SELECT count(*) FROM members") == 400002 ]] || { echo "FAIL: re-import"; exit 1; }
daihoi-audit verify --quiet >/dev/null
echo "ok: $landed kills mid-import, workspace unchanged each time; re-import succeeded"
