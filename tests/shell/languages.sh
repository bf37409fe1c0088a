#!/usr/bin/env bash
# The language changes what people read and nothing scripts read: on the
# same workspace every --json command prints the same bytes in Vietnamese
# and in English, and the exit codes are the same; errors and help are in
# Vietnamese by default (a fresh machine: only C.UTF-8) and in English with
# --lang en, DAIHOI_LANG=en or LANGUAGE=en.
# Usage: languages.sh BIN_DIR
set -u
bin=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
unset LANG LANGUAGE LC_MESSAGES DAIHOI_LANG
export PATH="$bin:$PATH" DAIHOI_DB="$work/w.db" LC_ALL=C.UTF-8 TZ=UTC
fail=0
daihoi sample data --members 300 --units 6 --seed 7 --quiet
daihoi congress init --name "Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ XV" --organization "Đảng bộ xã Tân Lập" \
  --level xã --kind "đại biểu" --term 2025-2030 --date 15/07/2025 --place "Tân Lập" --quiet
daihoi members import data/members.csv --quiet >/dev/null
daihoi members evaluations import data/evaluations.csv --quiet >/dev/null
daihoi delegates units import data/units.csv --quiet >/dev/null
daihoi delegates apportion --seats 60 --save --quiet >/dev/null
daihoi delegates import data/delegates.csv --quiet >/dev/null
first=$(awk -F, 'NR==2 {print $1}' data/delegates.csv)
daihoi delegates checkin "$first" --quiet >/dev/null
id=$(awk -F, 'NR==2 {print $1}' data/elections.csv)
IFS=, read -r _ title body seats reserves issued collected < <(sed -n 2p data/elections.csv)
daihoi election create "$id" --title "$title" --body "$body" --seats "$seats" --reserves "$reserves" --quiet
daihoi election candidates add "$id" $(awk -F, -v e="$id" '$1==e {print $2}' data/candidates.csv) --quiet
daihoi election open "$id" --quiet >/dev/null
daihoi election ballots import "$id" "data/ballots-$id.csv" --quiet >/dev/null
daihoi election count "$id" --issued "$issued" --collected "$collected" --quiet >/dev/null
code=$(awk -F, 'NR==2 {print $1}' data/members.csv)
commands=(
  "congress show" "members list" "members show $code" "delegates units list" "delegates list"
  "delegates attendance" "delegates quorum" "delegates credentials" "delegates apportion --seats 60"
  "election list" "election candidates list $id" "election tally $id" "election ballots reconcile $id"
  "standards list" "standards show cap-uy-2025" "standards check cap-uy-2025 --election $id"
  "standards structure cap-uy-2025 --election $id" "audit verify"
  "members show NO-SUCH-CODE" "election tally no-such-election" "congress set colour red"
)
for c in "${commands[@]}"; do
    daihoi $c --json >vi.out 2>vi.err; vi_rc=$?
    daihoi $c --json --lang en >en.out 2>en.err; en_rc=$?
    if ! cmp -s vi.out en.out; then
        echo "FAIL: 'daihoi $c --json' prints other JSON in English:"; diff vi.out en.out | head -5; fail=1
    fi
    [[ $vi_rc == "$en_rc" ]] || { echo "FAIL: 'daihoi $c': exit $vi_rc in Vietnamese, $en_rc in English"; fail=1; }
done
# The same error, read in each language.
daihoi members show NO-SUCH-CODE 2>vi.err; daihoi members show NO-SUCH-CODE --lang en 2>en.err
grep -q "lỗi" vi.err || { echo "FAIL: the default error is not Vietnamese: $(cat vi.err)"; fail=1; }
grep -q "error" en.err || { echo "FAIL: --lang en does not give English: $(cat en.err)"; fail=1; }
DAIHOI_LANG=en daihoi members show NO-SUCH-CODE 2>en2.err
cmp -s en.err en2.err || { echo "FAIL: DAIHOI_LANG=en differs from --lang en"; fail=1; }
LANGUAGE=en daihoi members show NO-SUCH-CODE 2>en3.err
cmp -s en.err en3.err || { echo "FAIL: LANGUAGE=en differs from --lang en"; fail=1; }
# Help in Vietnamese by default, for the dispatcher and a tool.
daihoi --help | grep -q "Các công cụ\|công cụ" || { echo "FAIL: 'daihoi --help' is not Vietnamese"; fail=1; }
daihoi election --help | grep -q "Tùy chọn" || { echo "FAIL: 'daihoi election --help' is not Vietnamese"; fail=1; }
daihoi election --help --lang en | grep -q "Options" || { echo "FAIL: '--help --lang en' is not English"; fail=1; }
exit $fail
