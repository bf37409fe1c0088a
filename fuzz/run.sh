#!/usr/bin/env bash
# Runs one fuzzer on its committed corpus with the project's settings:
#   fuzz/run.sh HARNESS [RUNS] [SECONDS] [BUILD]
# RUNS executions at most (default 10 million), SECONDS at most (default no
# limit), from BUILD (default build-fuzz). New inputs go to a folder of their
# own, printed at the end (merge the worthwhile ones: fuzz/README.md);
# a finding is written to findings-new/<harness>/ in the current folder.
# One fuzzer at a time on a shared machine, in this process (no -jobs), niced.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
h=$1
runs=${2:-10000000}
seconds=${3:-0}
build=${4:-$root/build-fuzz}
case $h in
  date) max_len=64 ;;
  entry | utf8) max_len=512 ;;
  xlsx | xlsx_parts | import | scan_image) max_len=16384 ;;
  *) max_len=4096 ;;
esac
dict=()
case $h in
  csv | columns | import) dict=(-dict="$root/fuzz/dict/csv.dict") ;;
  xlsx_parts) dict=(-dict="$root/fuzz/dict/xlsx_parts.dict") ;;
  toml) dict=(-dict="$root/fuzz/dict/toml.dict") ;;
esac
new=$(mktemp -d "${TMPDIR:-/tmp}/daihoi-fuzz-$h-XXXXXX")
mkdir -p "findings-new/$h"
nice -n 10 "$build/fuzz/fuzz-$h" "$new" "$root/fuzz/corpus/$h" "${dict[@]}" \
  -runs="$runs" -max_total_time="$seconds" -max_len="$max_len" \
  -rss_limit_mb=2048 -malloc_limit_mb=512 -timeout=30 -print_final_stats=1 \
  -artifact_prefix="findings-new/$h/"
echo "new inputs: $new"
