#!/usr/bin/env bash
# The results slides (daihoi report slides) in a real browser: headless
# Chromium opens each file at 1920×1080 and at 1024×768 with "#check", which
# shows every slide in turn and marks the page "ok" only when no element
# lies outside the screen; the names and votes of the election's JSON are in
# the page; the file asks nothing of the network; a screenshot of a page of
# the list is taken (kept in $DAIHOI_SCREENSHOTS when set, to look at).
# Elections: the sample congress's (as tools/demo.sh runs it) and one of 60
# candidates, whose list takes six slides. A count not closed, another
# format, another report as .html: refused.
# chromium or python3 missing: skipped (exit 77).
# Usage: slides_browser.sh BIN_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tools/browser.sh"
bin=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export DAIHOI_DB="$work/w.db" PATH="$bin:$PATH" DAIHOI_LANG=vi HOME="$work"
data=$work/sample

. "$here/../tools/sample_congress.sh"
sample_congress "$data"
checkin_most "$py"
id=$(tail -n +2 "$data/elections.csv" | head -1 | cut -d, -f1)
sample_elections "$data" "$id"

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Not closed yet: refused, nothing written.
if daihoi-report slides "$id" -o early.html 2>err.txt; then fail "slides of an open count written"; fi
grep -q "chưa kết thúc\|not closed\|$id" err.txt || fail "the refusal does not say why: $(cat err.txt)"
[ ! -e early.html ] || fail "early.html written"
daihoi-election close "$id" --quiet >/dev/null

long_election "$data" "$py" "Bầu thử nghiệm 60 ứng cử viên có tên rất dài để thử màn chiếu"

for e in "$id" dai; do
  daihoi-report slides "$e" -o "slides-$e.html" --quiet
  # Nothing from the network: no http(s) URL, no external source.
  if grep -Eq 'https?://|src="[^d]|href=' "slides-$e.html"; then fail "slides-$e.html refers to something outside it"; fi
  daihoi-report results "$e" -o "results-$e.json" --quiet
  for size in 1920,1080 1024,768; do
    dom=$(browse "file://$work/slides-$e.html#check" "$size" --dump-dom)
    check=$(grep -o 'data-check="[^"]*"' <<<"$dom" || true)
    [ "$check" = 'data-check="ok"' ] || fail "$e at $size: $check"
    slides=$(grep -o 'data-slides="[0-9]*"' <<<"$dom" | grep -o '[0-9]*' || echo 0)
    echo "$e at $size: $slides slides, $check"
    # Every candidate's name and votes are on the page, and as many slides
    # as the list needs: the title, pages of ten, those elected (and the
    # reserves) twenty a page.
    printf '%s' "$dom" >dom.html
    "$py" - "results-$e.json" dom.html "$slides" <<'PY' || fail "$e at $size: a name, a count or a slide is missing"
import html, json, sys
dom = html.unescape(open(sys.argv[2]).read())
rows = json.load(open(sys.argv[1]))
missing = [r for r in rows if r["full_name"] not in dom or f'>{r["votes"]}<' not in dom]
elected = sum(r["status"] == "elected" for r in rows)
reserves = sum(r["status"] == "reserve" for r in rows)
want = 1 + -(-len(rows) // 10) + max(1, -(-elected // 20)) + -(-reserves // 20)
print(f"  {len(rows)} names and votes on the page, {len(missing)} missing; {want} slides wanted")
sys.exit(1 if missing or int(sys.argv[3]) != want else 0)
PY
  done
done
# A page of the list, as the hall sees it.
browse "file://$work/slides-dai.html#4" 1024,768 --screenshot="$work/shot.png" >/dev/null
[ -s shot.png ] || fail "no screenshot"
if [ -n "${DAIHOI_SCREENSHOTS:-}" ]; then mkdir -p "$DAIHOI_SCREENSHOTS" && cp shot.png "$DAIHOI_SCREENSHOTS/slides-dai-4.png"; fi

# Another format, another report as .html: usage errors (exit 2).
set +e
daihoi-report slides dai -o x.xlsx 2>/dev/null; [ $? -eq 2 ] || fail "slides as .xlsx not a usage error"
daihoi-report results dai -o x.html 2>/dev/null; [ $? -eq 2 ] || fail "results as .html not a usage error"
set -e
[ "$fails" -eq 0 ] || { echo "$fails failures"; exit 1; }
echo "slides: every slide inside the screen at 1920×1080 and 1024×768"
