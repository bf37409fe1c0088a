#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, and runs the
# main job on sample data in a fresh workspace, writing every report to out/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

out=$DAIHOI_ROOT/out
rm -rf "$out"
mkdir -p "$out"
export PATH="$DAIHOI_BUILD/bin:$PATH"
export DAIHOI_DB="$out/demo.db"
step() { printf '\n== %s\n' "$*"; }

step "Sample congress data (deterministic)"
daihoi sample "$out/sample" --members 600 --units 12 --seed 1

step "The congress and its workspace"
daihoi congress init --name "Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ XV, nhiệm kỳ 2025–2030" \
  --organization "Đảng bộ xã Tân Lập" --level commune --kind delegates \
  --term 2025-2030 --date 2025-07-15 --place "Tân Lập"
daihoi congress show

step "Registry: members, yearly grades, discipline"
daihoi members import "$out/sample/members.csv"
daihoi members evaluations import "$out/sample/evaluations.csv"
daihoi members discipline import "$out/sample/discipline.csv"
daihoi members list | head -12

step "Reports"
daihoi report all "$out"
ls -l "$out"

step "Audit trail"
daihoi audit log
daihoi audit verify
