#!/usr/bin/env bash
# 'daihoi-audit export' writes a record anyone can recompute: the sample
# congress's two elections are entered twice, closed and sealed, exported,
# and an independent Python recount (tests/shell/recount.py, no daihoi code)
# recomputes the record hash, validity, votes, the majority against
# counts.base and every status, and must agree with the stored result. A
# tampered export must then be caught by the same recount.
# Usage: export_recompute.sh BIN_DIR
set -euo pipefail
bin=$(cd "$1" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export PATH="$bin:$PATH" DAIHOI_DB="$work/w.db" LC_ALL=C.UTF-8
fail() { echo "FAIL: $*" >&2; exit 1; }
recount="/usr/bin/python3 $here/recount.py"

data=$work/sample
daihoi-sample "$data" --members 600 --quiet >/dev/null
daihoi-congress init --name "Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ XV" --organization "Đảng bộ xã Tân Lập" \
  --level commune --kind delegates --term 2025-2030 --date 2025-07-15 --quiet
daihoi-members import "$data/members.csv" --quiet >/dev/null
daihoi-delegates units import "$data/units.csv" --quiet >/dev/null
daihoi-delegates import "$data/delegates.csv" --quiet >/dev/null
# As in tools/demo.sh: one delegate replaced by a reserve, one absent for the whole congress.
replaced=$(awk -F, '$2=="elected" {print $1","$3}' "$data/delegates.csv" | head -1)
reserve=$(awk -F, -v u="${replaced#*,}" '$2=="reserve" && $3==u {print $1}' "$data/delegates.csv" | head -1)
daihoi-delegates replace "${replaced%,*}" "$reserve" --reason "ốm nặng" --quiet >/dev/null
absent=$(awk -F, '$2=="elected" {print $1}' "$data/delegates.csv" | sed -n 5p)
daihoi-delegates absent "$absent" --whole-congress --reason "công tác" --quiet >/dev/null
base=$(daihoi-delegates quorum --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["base"]["count"])')

ids=()
while IFS=, read -r id title body seats reserves issued collected; do
  ids+=("$id")
  daihoi-election create "$id" --title "$title" --body "$body" --seats "$seats" --reserves "$reserves" --quiet
  daihoi-election candidates add "$id" $(awk -F, -v e="$id" '$1==e {print $2}' "$data/candidates.csv") --quiet
  daihoi-election open "$id" --quiet >/dev/null 2>&1
  daihoi-election ballots import "$id" "$data/ballots-$id.csv" --pass 1 --station "bàn 1" --quiet >/dev/null
  daihoi-election ballots import "$id" "$data/ballots-$id.csv" --pass 2 --station "bàn 2" --quiet >/dev/null
  daihoi-election ballots reconcile "$id" >/dev/null
  daihoi-election count "$id" --issued "$issued" --collected "$collected" --quiet
  daihoi-election close "$id" >/dev/null
  daihoi-election seal "$id" >/dev/null
done < <(tail -n +2 "$data/elections.csv")
[[ ${#ids[@]} -ge 2 ]] || fail "the sample has ${#ids[@]} elections"
daihoi-audit verify --quiet >/dev/null || fail "audit verify"

for id in "${ids[@]}"; do
  daihoi-audit export "$id" "$id.json" --quiet
  $recount "$id.json" || fail "the independent recount of $id disagrees with the stored result"
  # The exported hash is the one sealed into the audit chain (the seal's
  # entry ends in "; seal id=ID format=N parts: …" in any language).
  sealed=$(daihoi-audit log --json | /usr/bin/python3 -c "
import json, sys
print([e['object_hash'] for e in json.load(sys.stdin) if e['object_hash'] and '; seal id=$id ' in e['summary']][-1])")
  exported=$(/usr/bin/python3 -c "import json; print(json.load(open('$id.json'))['record_hash'])")
  [[ $sealed == "$exported" ]] || fail "$id: exported hash $exported is not the sealed $sealed"
  # The base of a convened election is the delegate list's.
  /usr/bin/python3 -c "
import json, sys
r = json.load(open('$id.json'))['record']
assert r['election']['base_kind'] == 'convened', r['election']
assert r['counts']['base'] == $base, (r['counts']['base'], $base)
assert r['format'] == 'daihoi-election-record/2' and all('full_name' in c for c in r['candidates']), r['candidates'][0]" ||
    fail "$id: counts.base is not the delegate list's base $base, or the record is not of format 2"
  # Export to standard output is the same document.
  cmp <(daihoi-audit export "$id" -) "$id.json" || fail "$id: 'export ID -' differs from the file"
done

# The recount is not a rubber stamp: a tampered record must fail it.
/usr/bin/python3 - "${ids[0]}.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
# One valid pass-1 ballot loses its first kept name in both passes (the sealed hash no longer matches).
for b in doc["record"]["ballots"]:
    if b["serial"] == next(x["serial"] for x in doc["record"]["ballots"] if x["pass"] == 1 and not x["flag"] and x["kept"]):
        b["kept"] = b["kept"][1:]
json.dump(doc, open("tampered.json", "w", encoding="utf-8"), ensure_ascii=False, indent=2)
EOF
if $recount tampered.json >tampered.out; then fail "the recount accepted a tampered record"; fi
grep -q 'MISMATCH record_hash' tampered.out || fail "tampered record: no hash mismatch reported"
grep -q 'MISMATCH candidate .* votes' tampered.out || fail "tampered record: no vote mismatch reported"
# An agree/disagree election (a list without surplus): the record has each
# ballot's agree and disagree lists; the recount gives a vote to a row in
# agree and not in disagree, and must agree with the stored result.
code3=$(awk -F, -v e="${ids[0]}" '$1==e {print $2}' "$data/candidates.csv" | head -3 | tr '\n' ' ')
daihoi-election create agree --title "Bầu Ban Thường vụ" --seats 3 --base 5 --form agree --quiet
daihoi-election candidates add agree $code3 --quiet
daihoi-election open agree --quiet >/dev/null
printf 'serial,agree,disagree,flag\n1,1 2 3,,\n2,1 2,3,\n3,1 2 3,2,\n4,1 3,,\n5,,1 2 3,\n6,1,,torn\n' >ballots-agree.csv
daihoi-election ballots import agree ballots-agree.csv --quiet >/dev/null
daihoi-election count agree --issued 6 --collected 6 --quiet
daihoi-election close agree >/dev/null
daihoi-election seal agree >/dev/null
daihoi-audit export agree agree.json --quiet
$recount agree.json || fail "the independent recount of the agree election disagrees with the stored result"
/usr/bin/python3 - agree.json <<'EOF2'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
# Ballot 3 loses its disagree mark on row 2: row 2 becomes a vote.
for b in doc["record"]["ballots"]:
    if b["serial"] == 3:
        b["disagree"] = []
json.dump(doc, open("tampered-agree.json", "w", encoding="utf-8"), ensure_ascii=False)
EOF2
if $recount tampered-agree.json >tampered-agree.out; then fail "the recount accepted a tampered agree record"; fi
grep -q 'MISMATCH candidate .* votes' tampered-agree.out || fail "tampered agree record: no vote mismatch reported"
echo "ok: ${ids[*]} and an agree election exported, recounted independently (hash, validity, votes, majority, statuses) and equal to the stored results"
