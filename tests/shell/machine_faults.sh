#!/usr/bin/env bash
# Faults of the machine: a full disk during an import, an export and a
# backup (`ulimit -f`, SIGXFSZ ignored: writes fail with EFBIG as on a full
# disk), a read-only workspace, and a workspace held by a long writer on
# another terminal. Each time: a clear message in the user's language
# (Vietnamese, the default) and its exit code, the workspace unchanged, no
# half-written file left behind, never a raw SQLite message or an uncaught
# exception.
# Usage: machine_faults.sh BIN_DIR
set -euo pipefail
bin=$(cd "$1" && pwd)
work=$(mktemp -d)
holder=""
cleanup() {
  [[ -n $holder ]] && kill "$holder" 2>/dev/null || true
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
unset LANG LANGUAGE LC_MESSAGES DAIHOI_LANG
export PATH="$bin:$PATH" DAIHOI_DB="$work/w.db" LC_ALL=C.UTF-8
fail() { echo "FAIL: $*" >&2; exit 1; }

daihoi-sample data --members 3000 --units 4 --seed 3 --quiet >/dev/null
daihoi-congress init --name "Đại hội" --organization "Đảng bộ" --level commune --kind delegates \
  --term 2025-2030 --date 2025-07-15 --quiet
head -21 data/members.csv >few.csv
daihoi-members import few.csv --quiet >/dev/null

state() { sqlite3 "$DAIHOI_DB" "SELECT count(*) FROM members; SELECT count(*), max(hash) FROM audit" | tr '\n' ' '; }
# $1 what, $2 expected exit code, $3 a words the message must hold; then the command.
expect() {
  local what=$1 code=$2 words=$3 rc=0
  shift 3
  "$@" >out.txt 2>err.txt || rc=$?
  [[ $rc -eq $code ]] || fail "$what: exit $rc, expected $code; $(cat err.txt)"
  grep -q -- "$words" err.txt || fail "$what: message without '$words': $(cat err.txt)"
  if grep -qiE 'database is locked|disk I/O error|database or disk is full|attempt to write a readonly|internal error|terminate called|what\(\)' err.txt; then
    fail "$what: a raw message: $(cat err.txt)"
  fi
  echo "$what: exit $rc: $(head -1 err.txt)"
}
no_leftovers() {  # temporary files of an atomic write, in the folder $1
  local left
  left=$(find "$1" -maxdepth 1 -name '.*.tmp-*' | head -3)
  [[ -z $left ]] || fail "$2: temporary files left behind: $left"
}
# Runs a command as on a full disk: files cannot grow past $1 KB.
full_disk() {
  local kb=$1
  shift
  (trap '' XFSZ; ulimit -f "$kb"; exec "$@")
}

before=$(state)
size_kb=$(($(stat -c %s w.db) / 1024))
[[ $size_kb -gt 64 ]] || fail "the workspace is too small ($size_kb KB) for the limits below"

# 1. A full disk during an import (no automatic backup: the import itself fails).
expect "import on a full disk" 1 "nothing was changed\|không có gì bị thay đổi" \
  full_disk $((size_kb + 64)) daihoi-members import data/members.csv --no-backup
[[ $(state) == "$before" ]] || fail "import on a full disk changed the workspace"
[[ $(sqlite3 "$DAIHOI_DB" "PRAGMA integrity_check") == ok ]] || fail "integrity after the failed import"

# 2. A full disk during the automatic backup before an import: the import does not run.
expect "automatic backup on a full disk" 1 "sao lưu" \
  full_disk $((size_kb - 16)) daihoi-members import data/members.csv
[[ $(state) == "$before" ]] || fail "an import ran without its backup"
no_leftovers w.db.backups "automatic backup on a full disk"

# 3. A full disk during `congress backup`: no backup file, no temporary file.
expect "backup on a full disk" 1 "b.db" full_disk $((size_kb - 16)) daihoi-congress backup b.db
[[ ! -e b.db ]] || fail "a half-written backup was left behind"
no_leftovers . "backup on a full disk"

# 4. A full disk during an export: no report file, no temporary file.
daihoi-members import data/members.csv --quiet >/dev/null
before=$(state)
for out in members.xlsx members.csv; do
  expect "export $out on a full disk" 1 "không ghi được\|$out" full_disk 40 daihoi-report members -o "$out"
  [[ ! -e $out ]] || fail "a half-written $out was left behind"
  no_leftovers . "export $out on a full disk"
done
[[ $(state) == "$before" ]] || fail "a failed export changed the workspace"

# 5. A read-only workspace (root reads and writes anything: it gives up that power here).
as_user() {
  if [[ $(id -u) -eq 0 ]]; then
    setpriv --bounding-set=-dac_override,-dac_read_search --inh-caps=-dac_override,-dac_read_search "$@"
  else
    "$@"
  fi
}
chmod 0400 w.db
expect "a read-only workspace" 1 "read-only\|chỉ cho phép đọc" \
  as_user daihoi-members add --code X1 --full-name "Lê Văn Tám" --gender M --birth-date 1980-01-01
chmod 0600 w.db
[[ $(state) == "$before" ]] || fail "a read-only workspace was changed"
chmod 0500 "$work"
expect "a workspace in a read-only folder" 1 "read-only\|chỉ cho phép đọc\|không mở được\|không ghi được" \
  as_user daihoi-members add --code X1 --full-name "Lê Văn Tám" --gender M --birth-date 1980-01-01
chmod 0700 "$work"
[[ $(state) == "$before" ]] || fail "a workspace in a read-only folder was changed"

# 6. Another terminal holds the workspace's write lock longer than the busy
#    timeout (10 s): a change waits, then gives up with a message; a backup
#    (a reader) is taken meanwhile.
mkfifo hold
sqlite3 "$DAIHOI_DB" <hold >/dev/null 2>&1 &
holder=$!
exec 9>hold
echo "PRAGMA busy_timeout = 1000; BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('held', 'yes');" >&9
sleep 0.5
daihoi-congress backup --quiet held.db >/dev/null || fail "no backup while another terminal writes"
expect "a workspace held by another terminal" 1 "busy\|bận" \
  daihoi-members add --code X2 --full-name "Lê Văn Chín" --gender M --birth-date 1980-01-01
echo "ROLLBACK;" >&9
exec 9>&-
wait "$holder" || true
holder=""
[[ $(state) == "$before" ]] || fail "the held workspace was changed"
[[ $(daihoi-congress backup --json held2.db | grep -c sha256) -eq 1 ]] || fail "backup after the writer left"

# 7. A full disk during a restore: the backup's copy cannot be prepared
#    beside the workspace; nothing changes and nothing prepared is left.
daihoi-members add --code X3 --full-name "Lê Văn Mười" --gender M --birth-date 1980-01-01 --quiet
before=$(state)
expect "restore on a full disk" 1 "đầy\|không ghi được" full_disk 16 daihoi-congress restore held2.db --no-backup
[[ $(state) == "$before" ]] || fail "a restore on a full disk changed the workspace"
left=$(find w.db.backups -name '.restoring-*' 2>/dev/null | head -3)
[[ -z $left ]] || fail "restore on a full disk: left behind: $left"
daihoi-congress restore held2.db --no-backup --quiet >/dev/null 2>&1 || fail "restore with room on the disk"
[[ $(sqlite3 "$DAIHOI_DB" "SELECT count(*) FROM members WHERE code = 'X3'") == 0 ]] || fail "the restore did not restore"

echo "ok: full disk (import, automatic backup, backup, .xlsx and .csv export, restore), read-only file and folder, held workspace"
