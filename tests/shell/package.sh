#!/usr/bin/env bash
# The Debian package: `cpack -G DEB` builds daihoi_<version>_<arch>.deb from
# this build; its file list holds every tool, the man pages in both languages,
# the Vietnamese catalog, the templates and the completion (and nothing of the
# tests or benchmarks); its dependencies name the shared libraries and the
# font; and the tools unpacked from it run the README's first session in
# Vietnamese, finding their templates and catalog beside them.
# Usage: package.sh BIN_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$1" && pwd)
build=$(dirname "$bin")
command -v cpack >/dev/null && command -v dpkg-deb >/dev/null && command -v dpkg-shlibdeps >/dev/null || {
  echo "cpack or dpkg-dev missing: skipped"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

(cd "$build" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/daihoi_*.deb)
echo "built $(basename "$deb")"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./||' | grep -v '/$' | sort >"$work/files"

# Every tool, and only the tools, in usr/bin.
expected_bins=$(cd "$bin" && ls daihoi daihoi-* | sed 's|^|usr/bin/|' | sort)
[[ $(grep '^usr/bin/' "$work/files") == "$expected_bins" ]] || {
  diff <(echo "$expected_bins") <(grep '^usr/bin/' "$work/files"); fail "usr/bin differs from the tools built"; }
# A man page per tool in each language, plus daihoi(7).
for lang in "" "vi/"; do
  for t in $(cd "$bin" && ls daihoi daihoi-*); do
    grep -qx "usr/share/man/${lang}man1/$t.1.gz" "$work/files" || fail "no ${lang}man page for $t"
  done
  grep -qx "usr/share/man/${lang}man7/daihoi.7.gz" "$work/files" || fail "no ${lang}daihoi(7)"
done
grep -qx 'usr/share/locale/vi/LC_MESSAGES/daihoi.mo' "$work/files" || fail "no Vietnamese catalog"
grep -qx 'usr/share/bash-completion/completions/daihoi' "$work/files" || fail "no bash completion"
grep -qx 'usr/share/zsh/vendor-completions/_daihoi' "$work/files" || fail "no zsh completion"
(cd "$here/../../templates" && find . -type f | sed 's|^\./|usr/share/daihoi/templates/|' | sort) >"$work/templates"
comm -23 "$work/templates" "$work/files" | grep . && fail "templates missing from the package"
# Nothing else: no tests, benchmarks, headers or libraries.
grep -v -e '^usr/bin/' -e '^usr/share/man/' -e '^usr/share/locale/' -e '^usr/share/daihoi/templates/' \
  -e '^usr/share/bash-completion/' -e '^usr/share/zsh/' "$work/files" | grep . && fail "unexpected files in the package"
echo "files: $(wc -l <"$work/files") ($(grep -c '^usr/bin/' "$work/files") tools)"

depends=$(dpkg-deb -f "$deb" Depends)
for d in libsqlite3 libicu libxlsxwriter libnettle fonts-liberation2 libpango; do
  grep -q "$d" <<<"$depends" || fail "Depends lacks $d: $depends"
done
echo "depends on the libraries and fonts-liberation2"

# The README's first session, from the unpacked package.
dpkg-deb -x "$deb" "$work/root"
export PATH="$work/root/usr/bin:/usr/bin:/bin" DAIHOI_DB="$work/w.db"
unset DAIHOI_LANG LANGUAGE LC_MESSAGES LANG
export LC_ALL=C.UTF-8
cd "$work"
daihoi congress init --name "Đại hội Đảng bộ xã Tân Lập lần thứ XV" --organization "Đảng bộ xã Tân Lập" \
  --level commune --kind delegates --term 2025-2030 --date 2025-07-15 >out.txt 2>&1
daihoi sample data --members 30 --units 3 --seed 1 --quiet >/dev/null
daihoi members import data/members.csv >>out.txt 2>&1
daihoi report members -o members.xlsx >>out.txt 2>&1
grep -q 'đảng viên: thêm mới 30' out.txt || { cat out.txt; fail "the unpacked tools do not speak Vietnamese"; }
[[ -s members.xlsx ]] || fail "no report written by the unpacked tools"
MANPATH="$work/root/usr/share/man" man -w daihoi-members >/dev/null || fail "man page not found"
echo "the first session runs from the package"
