#!/usr/bin/env bash
# The counting room's screen (daihoi board) as a hall runs it: the real
# server on a free port, asked by a script (python3) and opened in headless
# Chromium.
# - state.json: each pass by station, the passes compared, no result before
#   the count is closed, nothing of what a ballot holds; 304 when unchanged;
#   403 for another host's name on the loopback; nothing but GET.
# - the page at 1920×1080 and 1024×768 with "#check": every page of it (the
#   elections cut into pages when they do not fit) inside the screen; the
#   words and figures there; a screenshot ($DAIHOI_SCREENSHOTS when set).
# - live: while a station types ballots, the page draws a newer state than
#   the one it was served with; when the server is gone, the page says so.
# - on the hall's network: a token, 401 without it, the page works with it.
# - Ctrl+C (SIGTERM) stops it with exit 0; a port in use, a bad --listen, a
#   missing workspace: refused with their exit codes.
# chromium or python3 missing: skipped (exit 77).
# Usage: board_browser.sh BIN_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tools/browser.sh"
bin=$(cd "$1" && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
export DAIHOI_DB="$work/w.db" PATH="$bin:$PATH" DAIHOI_LANG=vi HOME="$work"
data=$work/sample

. "$here/../tools/sample_congress.sh"
sample_congress "$data"
checkin_most "$py"
sample_elections "$data"
first=$(tail -n +2 "$data/elections.csv" | head -1 | cut -d, -f1)
second=$(tail -n +2 "$data/elections.csv" | sed -n 2p | cut -d, -f1)
daihoi-election close "$first" --quiet >/dev/null
# A third pass of the second election under way at two stations.
printf '1: 1\n2: 2\n3: -\n' | daihoi-election ballots enter "$second" --pass 3 --station "Máy 3" --quiet >/dev/null 2>&1
printf '4: 1\n' | daihoi-election ballots enter "$second" --pass 3 --station "Máy 4" --quiet >/dev/null 2>&1

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# start_board OUT ARGS…: the board in the background; its printed JSON in OUT.
start_board() {
  local out=$1
  daihoi-board --json "${@:2}" >"$out" 2>"$out.err" &
  pids+=($!)
  for _ in $(seq 100); do
    "$py" -c 'import json,sys; json.load(open(sys.argv[1]))' "$out" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "the board did not start: $(cat "$out.err")"
  return 1
}
url_of() { "$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["urls"][0])' "$1"; }
start_board board.json --listen 127.0.0.1:0
board_pid=${pids[-1]}
url=$(url_of board.json)
[[ $url =~ ^http://127\.0\.0\.1:[0-9]+/$ ]] || fail "loopback URL: $url"
grep -q '"token": null' board.json || fail "a token on the loopback: $(cat board.json)"

# ---- state.json, as a script reads it ----------------------------------------------
"$py" - "$url" "$first" "$second" <<'PY' || fail "state.json"
import json, sys, urllib.request, urllib.error
url, first, second = sys.argv[1:]
def get(path, headers={}, method="GET", data=None):
    req = urllib.request.Request(url + path, headers=headers, method=method, data=data)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()
bad = []
status, headers, body = get("state.json")
s = json.loads(body)
es = {e["id"]: e for e in s["elections"]}
if status != 200: bad.append(f"status {status}")
if es[first]["status"] != "closed" or not es[first]["result"]: bad.append("the closed count has no result")
if es[second]["status"] != "open" or es[second]["result"] is not None: bad.append("an open count shows a result")
p3 = [p for p in es[second]["passes"] if p["pass"] == 3][0]
if p3["stations"] != [{"station": "Máy 3", "ballots": 3}, {"station": "Máy 4", "ballots": 1}]:
    bad.append(f"stations {p3['stations']}")
if p3["agrees"] is not False or p3["differences"]["only_in_pass1"] < 1: bad.append(f"pass 3 {p3}")
if s["hall"]["present"] < 1 or s["hall"]["present"] > s["hall"]["seated"]: bad.append(f"hall {s['hall']}")
def keys(j):
    if isinstance(j, dict):
        for k, v in j.items():
            yield k
            yield from keys(v)
    elif isinstance(j, list):
        for v in j: yield from keys(v)
leak = {"kept", "crossed", "disagree", "flag"} & set(keys(s))
if leak: bad.append(f"what a ballot holds: {leak}")
if headers.get("Cache-Control") != "no-store": bad.append("cached")
status, _, _ = get("state.json", {"If-None-Match": headers["ETag"]})
if status != 304: bad.append(f"unchanged: {status}, not 304")
status, _, body = get("state.json", {"Host": "board.example.com"})
if status != 403 or b"elections" in body: bad.append(f"another host's name: {status}")
status, _, _ = get("state.json", method="POST", data=b"{}")
if status == 200: bad.append("a POST answered 200")
for b in bad: print("  " + b)
print(f"state.json: {len(s['elections'])} elections, version {s['version']}, {len(bad)} problems")
sys.exit(1 if bad else 0)
PY

# ---- the page in a browser -----------------------------------------------------------------
for size in 1920,1080 1024,768; do
  dom=$(browse "$url#check" "$size" --dump-dom)
  check=$(grep -o 'data-check="[^"]*"' <<<"$dom" || true)
  [ "$check" = 'data-check="ok"' ] || fail "at $size: $check"
  for text in "THEO DÕI KIỂM PHIẾU" "Đã kết thúc kiểm phiếu" "Đang kiểm phiếu" "Trúng cử (" "Máy 3: <b>3</b>" \
              "chưa nhập" "khớp" "Đại biểu có mặt (phiên 1)"; do
    grep -qF "$text" <<<"$dom" || fail "at $size: '$text' not on the page"
  done
  # One list of those elected: the closed count's, none for the open one.
  [ "$(grep -o 'Trúng cử (' <<<"$dom" | wc -l)" -eq 1 ] || fail "at $size: a result of a count not closed"
  echo "page at $size: $check"
done
browse "$url" 1920,1080 --screenshot="$work/board.png" >/dev/null
[ -s board.png ] || fail "no screenshot"
if [ -n "${DAIHOI_SCREENSHOTS:-}" ]; then mkdir -p "$DAIHOI_SCREENSHOTS" && cp board.png "$DAIHOI_SCREENSHOTS/board.png"; fi

# ---- the server gone: the page says since when its figures are -----------------------------
# The page as served, opened where no server answers its polls.
"$py" -c 'import sys, urllib.request; open("gone.html", "wb").write(urllib.request.urlopen(sys.argv[1], timeout=10).read())' "$url"
dom=$(BUDGET=6000 browse "file://$work/gone.html" 1024,768 --dump-dom)
grep -q '<footer id="foot" class="off"' <<<"$dom" || fail "no sign of the lost server"
grep -q "MẤT KẾT NỐI VỚI MÁY CHỦ" <<<"$dom" || fail "the lost server is not said in words"

# ---- live: a station types while the page is open -----------------------------------------
# The page shows a newer state than the one it was served with. The browser
# runs in virtual time: the station types a ballot every 50 ms meanwhile,
# and a few tries are allowed for the moments to meet.
live=no
for try in 1 2 3 4 5; do
  (for i in $(seq $((try * 100)) $((try * 100 + 40))); do echo "$i: 1"; sleep 0.05; done) |
    daihoi-election ballots enter "$second" --pass 4 --station "Máy 5" --quiet >/dev/null 2>&1 &
  typer=$!
  sleep 0.3
  BUDGET=5000 browse "$url" 1920,1080 --dump-dom >live.html
  wait "$typer"
  if "$py" - live.html <<'PY'; then live=yes; break; fi
import json, re, sys
d = open(sys.argv[1]).read()
served = json.loads(re.search(r'id="state">(.*?)</script>', d, re.S).group(1))["version"]
shown = int(re.search(r'data-version="(\d+)"', d).group(1))
print(f"  served version {served}, drawn {shown}")
sys.exit(0 if shown > served else 1)
PY
done
[ "$live" = yes ] || fail "the page never drew a newer state"

# ---- more elections than a screen holds: pages, each inside the screen ----------------
long_election "$data" "$py" "Bầu thử nghiệm 60 ứng cử viên có tên rất dài để thử màn hình phòng kiểm phiếu"
for k in 1 2 3 4 5 6 7 8; do
  daihoi-election create "them$k" --title "Bầu bổ sung Ủy ban Kiểm tra Đảng ủy số $k, một tiêu đề dài để thử" \
    --seats 3 --quiet >/dev/null
done
sleep 1  # the board reads the new state within a fifth of a second
for size in 1920,1080 1024,768; do
  dom=$(browse "$url#check" "$size" --dump-dom)
  check=$(grep -o 'data-check="[^"]*"' <<<"$dom" || true)
  pages=$(grep -o 'data-pages="[0-9]*"' <<<"$dom" | grep -o '[0-9]*' || echo 0)
  [ "$check" = 'data-check="ok"' ] || fail "11 elections at $size: $check"
  [ "$pages" -ge 2 ] || fail "11 elections at $size fit on $pages page"
  [ "$(grep -Eo '<section class="card [a-z]+"' <<<"$dom" | wc -l)" -eq 11 ] || fail "11 elections at $size: not 11 cards"
  echo "11 elections at $size: $pages pages, $check"
done
browse "$url" 1024,768 --screenshot="$work/board-pages.png" >/dev/null
if [ -n "${DAIHOI_SCREENSHOTS:-}" ]; then cp board-pages.png "$DAIHOI_SCREENSHOTS/board-pages.png"; fi

# ---- stopped by SIGTERM, exit 0 -------------------------------------------------------------
kill -TERM "$board_pid"
rc=0
wait "$board_pid" || rc=$?
[ "$rc" -eq 0 ] || fail "SIGTERM: exit $rc"
grep -q "màn hình đã dừng" board.json.err || fail "no note that it stopped: $(cat board.json.err)"

# ---- on the hall's network: the token -------------------------------------------------------
start_board hall.json --listen 0.0.0.0:0
token=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' hall.json)
port=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["port"])' hall.json)
[[ $token =~ ^[0-9a-f]{32}$ ]] || fail "token: $token"
"$py" - "$port" "$token" <<'PY' || fail "the token is not required"
import sys, urllib.request, urllib.error
port, token = sys.argv[1:]
def status(path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
wrong = token[:-1] + ("1" if token[-1] == "0" else "0")  # one digit off
got = {p: status(p) for p in ["/", "/state.json", f"/state.json?token={wrong}", f"/?token={token}",
                              f"/state.json?token={token}"]}
print("  " + ", ".join(f"{p.split('?')[0]}{'?…' if '?' in p else ''} {s}" for p, s in got.items()))
sys.exit(0 if list(got.values()) == [401, 401, 401, 200, 200] else 1)
PY
dom=$(browse "http://127.0.0.1:$port/?token=$token" 1920,1080 --dump-dom)
grep -q 'data-version=' <<<"$dom" || fail "the page with the token did not draw"
if grep -q '<footer id="foot" class="off"' <<<"$dom"; then fail "the page with the token lost its server"; fi
kill -TERM "${pids[-1]}"
wait "${pids[-1]}" || fail "SIGTERM on the hall's network: exit $?"

# ---- refused ----------------------------------------------------------------------------------
start_board busy.json --listen 127.0.0.1:0
busy=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["port"])' busy.json)
set +e
daihoi-board --listen "127.0.0.1:$busy" 2>err.txt; rc=$?
[ "$rc" -eq 1 ] && grep -q "127.0.0.1:$busy" err.txt || fail "a port in use: exit $rc, $(cat err.txt)"
daihoi-board --listen 8080 2>err.txt; rc=$?
[ "$rc" -eq 2 ] && grep -q -- "--listen 8080" err.txt || fail "--listen 8080: exit $rc, $(cat err.txt)"
daihoi-board --db "$work/none.db" --listen 127.0.0.1:0 2>err.txt; rc=$?
[ "$rc" -eq 1 ] && grep -q "none.db" err.txt || fail "a missing workspace: exit $rc, $(cat err.txt)"
set -e
kill -TERM "${pids[-1]}"

[ "$fails" -eq 0 ] || { echo "$fails failures"; exit 1; }
echo "board: state, page, live updates, token and refusals as they should be"
