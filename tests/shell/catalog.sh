#!/usr/bin/env bash
# The Vietnamese catalog is whole and safe: msgfmt accepts it, every message
# is translated and none is fuzzy, every translation of a pattern uses the
# same arguments as its English text ("{}" counts, or the indexed {0} {1}),
# and po/vi.po holds every message marked in the sources today (extracted
# afresh with po/extract.sh: a message added without its translation fails).
# Usage: catalog.sh BIN_DIR
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
command -v msgfmt >/dev/null && command -v xgettext >/dev/null || { echo "gettext is not installed"; exit 77; }
pot=$(mktemp --suffix=.pot)
trap 'rm -f "$pot"' EXIT
sh "$src/po/extract.sh" "$pot" || { echo "FAIL: cannot extract the messages"; exit 1; }
fail=0
stats=$(msgfmt --check --statistics -o /dev/null "$src/po/vi.po" 2>&1) || { echo "FAIL: msgfmt: $stats"; exit 1; }
if grep -Eq 'untranslated|fuzzy' <<<"$stats"; then echo "FAIL: po/vi.po: $stats"; fail=1; fi
/usr/bin/python3 - "$src/po/vi.po" "$pot" <<'PY' || fail=1
import re, sys

def entries(path):
    """The entries of a .po file (blocks separated by blank lines), header and obsolete ones skipped."""
    out = []
    for block in open(path, encoding="utf-8").read().split("\n\n"):
        e, key = {}, None
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#"):
                continue
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
            if m:
                key = m.group(1)
                e[key] = m.group(2)
            elif line.startswith('"') and key:
                e[key] += line[1:-1]
        if e.get("msgid"):
            out.append(e)
    return out

def args(s):
    s = s.replace("{{", "").replace("}}", "")
    found = re.findall(r"\{(\d*)(?::[^}]*)?\}", s)
    if all(a == "" for a in found):
        return ("positional", len(found))
    return ("indexed", sorted(set(int(a) for a in found if a != "")))

problems = 0
po = entries(sys.argv[1])
for e in po:
    for k, v in e.items():
        if not k.startswith("msgstr") or not v:
            continue
        source = e["msgid_plural"] if k not in ("msgstr", "msgstr[0]") and "msgid_plural" in e else e["msgid"]
        if "msgid_plural" in e:
            source = e["msgid"]
            if args(e["msgid"]) != args(e["msgid_plural"]):
                source = e["msgid_plural"]
        a, b = args(source), args(v)
        same = a == b or (a[0] == "positional" and b[0] == "indexed" and b[1] == list(range(a[1])))
        if not same:
            print(f"FAIL: po/vi.po: the translation of {e['msgid']!r} uses other arguments: {v!r}")
            problems += 1
try:
    pot = entries(sys.argv[2])
except FileNotFoundError:
    pot = []
have = {(e.get("msgctxt"), e["msgid"]) for e in po}
for e in pot:
    if (e.get("msgctxt"), e["msgid"]) not in have:
        print(f"FAIL: po/vi.po lacks {e['msgid']!r} (run: cmake --build build --target pot, then translate it)")
        problems += 1
sys.exit(1 if problems else 0)
PY
exit $fail
