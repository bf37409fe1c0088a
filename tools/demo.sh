#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, and runs a
# whole congress on sample data in a fresh workspace — registry, standards,
# apportionment, delegates and check-in, two elections entered twice,
# reconciled, closed and sealed, a further round — writing every report to out/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

out=$DAIHOI_ROOT/out
rm -rf "$out"
mkdir -p "$out"
export PATH="$DAIHOI_BUILD/bin:$PATH"
export DAIHOI_DB="$out/demo.db"
data=$out/sample
step() { printf '\n== %s\n' "$*"; }

step "Sample congress data (deterministic)"
daihoi sample "$data" --members 600 --units 12 --seed 1

step "The congress and its workspace"
daihoi congress init --name "Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ XV, nhiệm kỳ 2025–2030" \
  --organization "Đảng bộ xã Tân Lập" --level commune --kind delegates \
  --term 2025-2030 --date 2025-07-15 --place "Tân Lập"
daihoi congress show

step "A list as a personnel office keeps it: what the import understands (dry run)"
daihoi members import "$DAIHOI_ROOT/tests/data/shapes/openpyxl.xlsx" --dry-run

step "Registry: members, yearly grades, discipline"
daihoi members import "$data/members.csv"
daihoi members evaluations import "$data/evaluations.csv"
daihoi members discipline import "$data/discipline.csv"
daihoi members list | sed -n '1,8p'

step "Apportionment of 135 elected seats to the units (Hamilton, at least 1 each)"
daihoi delegates units import "$data/units.csv"
daihoi delegates apportion --seats 135 --min 1
# A tie for the last seats is the committee's: here it adopts the documented rule.
daihoi delegates apportion --seats 135 --min 1 --tie-break membership --save

step "Delegates convened, a replacement, an absence, check-in"
daihoi delegates import "$data/delegates.csv"
replaced=$(awk -F, '$2=="elected" {print $1","$3}' "$data/delegates.csv" | head -1)
reserve=$(awk -F, -v u="${replaced#*,}" '$2=="reserve" && $3==u {print $1}' "$data/delegates.csv" | head -1)
daihoi delegates replace "${replaced%,*}" "$reserve" --reason "ốm nặng, vắng mặt suốt thời gian đại hội"
absent=$(awk -F, '$2=="elected" {print $1}' "$data/delegates.csv" | sed -n 5p)
daihoi delegates absent "$absent" --whole-congress --reason "công tác đột xuất"
present=$(daihoi delegates list --json | /usr/bin/python3 -c '
import json, sys
seated = [d["code"] for d in json.load(sys.stdin) if d["seated"]]
print(" ".join(seated[: len(seated) - len(seated) // 25]))')
daihoi delegates checkin $present --quiet
daihoi delegates quorum

step "Elections: the candidate lists, opened in Vietnamese name order"
tail -n +2 "$data/elections.csv" | while IFS=, read -r id title body seats reserves issued collected; do
  daihoi election create "$id" --title "$title" --body "$body" --seats "$seats" --reserves "$reserves"
  daihoi election candidates add "$id" $(awk -F, -v e="$id" '$1==e {print $2}' "$data/candidates.csv")
  daihoi election open "$id" 2>&1 | sed -n '1,3p'
done

step "Screening the candidates against the standards (cap-uy-2025, Chỉ thị 45)"
daihoi standards check cap-uy-2025 --election bch | tail -12
daihoi standards structure cap-uy-2025 --election bch
daihoi report standards cap-uy-2025 --election bch -o "$out/standards-bch.xlsx"
daihoi report structure cap-uy-2025 bch -o "$out/structure-bch.xlsx"

step "Ballots entered twice by independent teams, reconciled, counted"
tail -n +2 "$data/elections.csv" | while IFS=, read -r id title body seats reserves issued collected; do
  (echo "serial,crossed,flag"; awk -F, -v e="$id" '$1==e {print $2","$3","$4}' "$data/ballots.csv") >"$out/ballots-$id.csv"
  daihoi election ballots import "$id" "$out/ballots-$id.csv" --pass 1 --station "bàn 1"
  daihoi election ballots import "$id" "$out/ballots-$id.csv" --pass 2 --station "bàn 2"
  daihoi election ballots reconcile "$id"
  daihoi election count "$id" --issued "$issued" --collected "$collected"
done

step "Close and seal; the results"
for id in bch dbdh; do
  daihoi election close "$id"
  daihoi election seal "$id"
  echo
done

step "A further round for the reserve place left by the tie"
daihoi election next-round dbdh --id dbdh-2
daihoi election open dbdh-2

step "Reports: every list and result, print-ready"
daihoi report all "$out"
daihoi report structure cap-uy-2025 bch --elected -o "$out/structure-bch-elected.xlsx"
ls -l "$out"

step "Audit trail"
daihoi audit log | tail -8
daihoi audit verify
daihoi audit export bch "$out/bch-record.json"

step "The result"
daihoi election tally bch
daihoi election tally dbdh
