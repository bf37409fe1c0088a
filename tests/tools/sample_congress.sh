# The sample congress as tools/demo.sh runs it, for the shell tests that
# print its papers (reports_clients.sh, xlsx_print.sh, pdf_papers.sh).
# Source this file; daihoi-* must be on PATH and DAIHOI_DB set.

# sample_congress DIR: writes the sample data to DIR (600 members, 12 units,
# seed 1) and records the congress, its members, units, apportionment and
# delegates.
sample_congress() {
  local data=$1
  daihoi-sample "$data" --members 600 --units 12 --seed 1 --quiet >/dev/null
  daihoi-congress init --name "Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ XV, nhiệm kỳ 2025–2030" \
    --organization "Đảng bộ xã Tân Lập" --level commune --kind delegates \
    --term 2025-2030 --date 2025-07-15 --place "Tân Lập" --quiet
  daihoi-members import "$data/members.csv" --quiet >/dev/null
  daihoi-members evaluations import "$data/evaluations.csv" --quiet >/dev/null
  daihoi-members discipline import "$data/discipline.csv" --quiet >/dev/null
  daihoi-delegates units import "$data/units.csv" --quiet >/dev/null
  daihoi-delegates apportion --seats 135 --min 1 --tie-break membership --save --quiet >/dev/null
  daihoi-delegates import "$data/delegates.csv" --quiet >/dev/null
}

# checkin_most PYTHON: checks in every seated delegate but one in 25.
checkin_most() {
  local present
  present=$(daihoi-delegates list --json | "$1" -c '
import json, sys
seated = [d["code"] for d in json.load(sys.stdin) if d["seated"]]
print(" ".join(seated[: len(seated) - len(seated) // 25]))')
  daihoi-delegates checkin $present --quiet >/dev/null
}

# sample_elections DIR [ID]: every election of the sample (or only ID)
# created, opened, its ballots entered in two passes and counted; not closed.
sample_elections() {
  local data=$1 only=${2:-} id title body seats reserves issued collected
  while IFS=, read -r id title body seats reserves issued collected; do
    [[ -n $only && $id != "$only" ]] && continue
    daihoi-election create "$id" --title "$title" --body "$body" --seats "$seats" --reserves "$reserves" --quiet >/dev/null
    daihoi-election candidates add "$id" $(awk -F, -v e="$id" '$1==e {print $2}' "$data/candidates.csv") --quiet >/dev/null
    daihoi-election open "$id" --quiet >/dev/null 2>&1
    daihoi-election ballots import "$id" "$data/ballots-$id.csv" --pass 1 --quiet >/dev/null
    daihoi-election ballots import "$id" "$data/ballots-$id.csv" --pass 2 --quiet >/dev/null
    daihoi-election count "$id" --issued "$issued" --collected "$collected" --quiet >/dev/null
  done < <(tail -n +2 "$data/elections.csv")
}

# long_election DIR PY TITLE: election "dai", 60 candidates (full members: a
# probationary member cannot stand) for 30 places, 120 valid ballots of a
# fixed seed entered in two passes, counted and closed — a list that takes
# several pages or slides.
long_election() {
  local data=$1 py=$2 title=$3 codes
  codes=$(awk -F, 'NR > 1 && $8 != "" {print $1}' "$data/members.csv" | sed -n '101,160p')
  daihoi-election create dai --title "$title" --seats 30 --base 120 --quiet >/dev/null
  daihoi-election candidates add dai $codes --quiet >/dev/null
  daihoi-election open dai --quiet >/dev/null 2>&1
  "$py" - >ballots-dai.csv <<'PY'
import random
r = random.Random(13)
print("serial,crossed,flag")
for s in range(1, 121):
    # each ballot keeps 30 names or fewer: a valid ballot
    crossed = sorted(r.sample(range(1, 61), r.choice([30, 31, 35])))
    print(f"{s},{' '.join(map(str, crossed))},")
PY
  daihoi-election ballots import dai ballots-dai.csv --pass 1 --quiet >/dev/null
  daihoi-election ballots import dai ballots-dai.csv --pass 2 --quiet >/dev/null
  daihoi-election count dai --issued 120 --collected 120 --quiet >/dev/null
  daihoi-election close dai --quiet >/dev/null
}
