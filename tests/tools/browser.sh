# Headless Chromium for the page tests (slides_browser.sh, board_browser.sh).
# Source it first: it skips the test (exit 77) when chromium or python3 is
# missing, and sets py to the python3 the tests read pages with.
py=/usr/bin/python3
command -v chromium >/dev/null || { echo "SKIP: chromium not installed"; exit 77; }
[ -x "$py" ] || { echo "SKIP: python3 not installed"; exit 77; }

# browse URL SIZE [ARGS…]: the page at SIZE (W,H) after its script ran for
# $BUDGET virtual milliseconds (default 3000); ARGS say what to give:
# --dump-dom (the DOM on stdout) or --screenshot=FILE.
browse() {
  timeout 120 chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size="$2" \
    --virtual-time-budget="${BUDGET:-3000}" "${@:3}" "$1" 2>/dev/null
}
