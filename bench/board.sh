#!/usr/bin/env bash
# Benchmark of the counting room's screen (daihoi board, SPEC §13): four
# entry stations type ballots, alone and while a hundred browsers poll the
# board every second (bench-board). Twice: at a brisk typing pace (a ballot
# every 100 ms a station, far above a person's) and as fast as the stations
# can (the worst case: the machine's two cores shared with the browsers).
# Targets: the stations' time per ballot unchanged, no answer of the board
# over 100 ms. Usage: bench/board.sh [SECONDS] (a phase; default 10). Needs a
# built tree; DAIHOI_BUILD picks it (default build/). Works in bench/work-board/.
set -euo pipefail
seconds=${1:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${DAIHOI_BUILD:-$root/build}
work=$root/bench/work-board
echo "load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
status=0
for pace in 100 0; do
  "$build/bench/bench-board" "$build/bin/daihoi-board" "$work" 4 100 "$seconds" "$pace" || status=1
done
rm -rf "$work"
exit $status
