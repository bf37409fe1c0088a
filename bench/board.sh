#!/usr/bin/env bash
# Benchmark of the counting room's screen (daihoi board, SPEC §13): four
# entry stations type ballots, alone and while a hundred browsers poll the
# board every second (bench-board). Twice: a ballot every 100 ms a station
# (ten times a fast person's pace) and every 20 ms (fifty a second a
# station). Not as fast as they can: four stations committing back to back
# measure SQLite's write lock, not the board (a station then waits its turn
# behind the others, whoever watches).
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
for pace in 100 20; do
  "$build/bench/bench-board" "$build/bin/daihoi-board" "$work" 4 100 "$seconds" "$pace" || status=1
done
rm -rf "$work"
exit $status
