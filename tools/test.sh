#!/usr/bin/env bash
# The README's second command: installs what is missing, builds, and runs
# every test (unit, scenario, shell) with ctest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$DAIHOI_BUILD"
ctest --output-on-failure -j"$(nproc)" --timeout 900
