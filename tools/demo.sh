#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, and runs a
# whole congress on sample data in a fresh workspace — registry, standards,
# apportionment, delegates and check-in, show-of-hands votes, two elections
# entered by independent passes, reconciled, closed and sealed, a further
# round printed on its ballot paper and counted by scanner on two stations,
# the secretary on an agree/disagree ballot — writing every report to out/.
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
# The delegate cards, a QR code on each for the doors' readers.
daihoi report cards -o "$out/the-dai-bieu.pdf"
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

step "Show-of-hands votes (biểu quyết): measured against the delegates present"
daihoi vote record --subject presidium --text "Đoàn Chủ tịch Đại hội gồm 5 đồng chí" --for 140 --against 0 --abstain 4
daihoi vote record --subject seats --election bch --text "Bầu 15 đồng chí vào Ban Chấp hành khóa mới" \
  --for 141 --against 2 --abstain 1
daihoi vote list

step "Screening the candidates against the standards (cap-uy-2025, Chỉ thị 45)"
daihoi standards check cap-uy-2025 --election bch | tail -12
daihoi standards structure cap-uy-2025 --election bch
daihoi report standards cap-uy-2025 --election bch -o "$out/standards-bch.xlsx"
daihoi report structure cap-uy-2025 bch -o "$out/structure-bch.xlsx"

step "Ballots entered by independent passes, reconciled, counted"
tail -n +2 "$data/elections.csv" | while IFS=, read -r id title body seats reserves issued collected; do
  daihoi election ballots import "$id" "$data/ballots-$id.csv" --pass 1 --station "bàn 1"
  daihoi election ballots import "$id" "$data/ballots-$id.csv" --pass 2 --station "bàn 2"
  if [ "$id" = bch ]; then
    # A third pass, as a station laptop hands it over: the import format, written by `ballots list --csv`.
    daihoi election ballots list "$id" --pass 2 --csv >"$out/ballots-$id-pass3.csv"
    daihoi election ballots import "$id" "$out/ballots-$id-pass3.csv" --pass 3 --station "máy xách tay"
  fi
  daihoi election ballots reconcile "$id"
  daihoi election count "$id" --issued "$issued" --collected "$collected"
done

step "The counting boards, named for the minutes (the head first)"
daihoi election board bch "Phạm Văn Đức" "Hà Thị Giang" "Vũ Văn Hùng"
daihoi election board dbdh "Phạm Văn Đức" "Hà Thị Giang" "Vũ Văn Hùng"

step "Close and seal; the results"
for id in bch dbdh; do
  daihoi election close "$id"
  daihoi election seal "$id"
  echo
done

step "A further round for the reserve place left by the tie"
daihoi election next-round dbdh --id dbdh-2
daihoi election open dbdh-2

step "Counting by scanner: the further round printed, scanned on two stations, reconciled"
# The ballot paper as printed (A5, two a sheet), and a stack of 40 filled-in
# ballots as a scanner gives them (the test deck: strokes of known truth, the
# faults of paper and scanners, a few odd ballots), scanned twice.
daihoi report ballot dbdh-2 -o "$out/phieu-dbdh-2.pdf" --two-up
daihoi scan deck dbdh-2 "$out/scan-1" --count 40 --seed 15 --faults 30 --odd 5 --blank 0
daihoi scan deck dbdh-2 "$out/scan-2" --count 40 --seed 15 --faults 30 --odd 5 --blank 0 --scan 2 --quiet
daihoi scan ballots dbdh-2 "$out/scan-1" --station "máy quét 1" | tail -3
daihoi scan ballots dbdh-2 "$out/scan-2" --pass 2 --station "máy quét 2" | tail -3
# The held pages, decided by the counting board at the terminal (here typed
# from the deck's truth): the page and its doubtful rows are written as images.
for pass in 1 2; do
  daihoi scan pages dbdh-2 --pass "$pass" --waiting --json | /usr/bin/python3 -c '
import csv, json, sys
truth = {r["file"]: r for r in csv.DictReader(open(sys.argv[1] + "/truth.csv"))}
for p in json.load(sys.stdin)["pages"]:
    print(truth[p["file"].split("/")[-1]]["crossed"] or "-")' "$out/scan-$pass" |
    daihoi scan review dbdh-2 --pass "$pass" --no-open --images "$out/review-$pass" --quiet | tail -1
done
daihoi scan show dbdh-2 1 -o "$out/scan-ballot-1.png"
daihoi election ballots reconcile dbdh-2
daihoi election count dbdh-2 --issued 40 --collected 40
daihoi election close dbdh-2 | head -4

step "The secretary, elected by the new committee on an agree/disagree ballot"
# The first plenum of the 15 elected: base 15. One nominee, so no surplus.
secretary=$(daihoi election tally bch --json | /usr/bin/python3 -c '
import json, sys
print(next(c["code"] for c in json.load(sys.stdin)["candidates"] if c["status"] == "elected"))')
daihoi election create bithu --title "Bầu Bí thư Đảng ủy khóa mới" --seats 1 --base 15 --form agree
daihoi election candidates add bithu "$secretary"
daihoi election open bithu
# A line is the rows marked "Không đồng ý": '-' none, '1' row 1, 'b1' both boxes, 'o1' neither.
printf -- '-\n-\n-\n-\n-\n-\n-\n-\n-\n-\n-\n1\nb1\no1\n!ghi thêm tên\n' |
  daihoi election ballots enter bithu --station "bàn 1" --quiet | tail -2
daihoi election ballots list bithu --csv >"$out/ballots-bithu.csv"
daihoi election ballots import bithu "$out/ballots-bithu.csv" --pass 2 --station "bàn 2"
daihoi election ballots reconcile bithu
daihoi election count bithu --issued 15 --collected 15
daihoi election close bithu
daihoi election seal bithu

step "Reports: every list and result, print-ready"
daihoi report all "$out"
# The results on the hall's projector: one .html file, arrow keys, F for full screen.
daihoi report slides bch -o "$out/slides-bch.html"
daihoi report structure cap-uy-2025 bch --elected -o "$out/structure-bch-elected.xlsx"
ls -l "$out"

step "The counting room's screen (daihoi board)"
# Read-only, on the loopback; a free port here, 8080 by default.
daihoi board --listen 127.0.0.1:0 --json --quiet >"$out/board.json" &
board=$!
for _ in $(seq 100); do
  /usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$out/board.json" 2>/dev/null && break
  sleep 0.1
done
url=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["urls"][0])' "$out/board.json")
echo "the board answers at $url; its state, as the page shows it:"
/usr/bin/python3 - "$url" "$out/board-state.json" <<'PY'
import json, sys, urllib.request
state = urllib.request.urlopen(sys.argv[1] + "state.json", timeout=10).read()
open(sys.argv[2], "wb").write(state)
for e in json.loads(state)["elections"]:
    passes = ", ".join(f"pass {p['pass']}: {p['ballots']}" for p in e["passes"])
    print(f"  {e['id']:8} {e['status']:7} {passes}{'; result shown' if e['result'] else ''}")
PY
kill -TERM "$board"
wait "$board"

step "Audit trail"
daihoi audit log | tail -8
daihoi audit verify
daihoi audit export bch "$out/bch-record.json"

step "The result"
daihoi election tally bch
daihoi election tally dbdh
daihoi election tally bithu
