#!/usr/bin/env bash
# Runs one golden scenario: tests/scenarios/<name>/cmd is a list of shell
# commands, one per line (# comments and blank lines skipped). Each runs in a
# scratch copy of the folder with the built tools on PATH and DAIHOI_DB set;
# the transcript ("$ command", its stdout and stderr, "[exit N]" when not 0)
# must equal the folder's `expected` file. UPDATE=1 rewrites `expected`.
# An optional `env` file (KEY=VALUE lines) sets variables for every command,
# e.g. DAIHOI_LANG=en for a scenario that reads the English messages; by
# default the tools speak as on a fresh machine (Vietnamese).
# Usage: run-scenario.sh SCENARIO_DIR BIN_DIR
set -u
dir=$(cd "$1" && pwd)
bin=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$dir"/. "$work"/
cd "$work"
unset LANG LANGUAGE LC_MESSAGES DAIHOI_LANG
export PATH="$bin:$PATH" DAIHOI_DB="daihoi.db" LC_ALL=C.UTF-8 TZ=UTC
if [[ -f $dir/env ]]; then
  set -a
  source "$dir/env"
  set +a
fi
transcript="$work/.transcript"
: >"$transcript"
while IFS= read -r line || [[ -n $line ]]; do
  [[ -z ${line// } || $line == \#* ]] && continue
  printf '$ %s\n' "$line" >>"$transcript"
  bash -c "$line" </dev/null >>"$transcript" 2>&1
  rc=$?
  [[ $rc -ne 0 ]] && printf '[exit %d]\n' "$rc" >>"$transcript"
done <"$dir/cmd"
if [[ ${UPDATE:-0} == 1 ]]; then
  cp "$transcript" "$dir/expected"
  echo "updated $dir/expected"
  exit 0
fi
if ! diff -u "$dir/expected" "$transcript"; then
  echo "scenario $(basename "$dir"): transcript differs from expected (UPDATE=1 to accept)"
  exit 1
fi
