#!/bin/sh
# Extracts every string marked for translation in core/ and tools/ into the
# .pot file OUT (default po/daihoi.pot): the one extraction of the build's
# `pot` target and of tests/shell/catalog.sh.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/po/daihoi.pot}
cd "$root"
find core tools -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort > "$out.files"
xgettext --language=C++ --from-code=UTF-8 --files-from="$out.files" \
  --keyword=_ --keyword=N_ --keyword=NC_:1c,2 --keyword=_c:1c,2 --keyword=_n:1,2 --keyword=_f --keyword=_fn:1,2 \
  --add-comments=TRANSLATORS: --package-name=daihoi --msgid-bugs-address=daihoi \
  --no-wrap --sort-by-file --output="$out"
rm -f "$out.files"
