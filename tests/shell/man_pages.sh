#!/usr/bin/env bash
# The man pages agree with the commands: each tool's page (English, and the
# Vietnamese one under man/vi/) takes its SYNOPSIS from the declarations
# ({{SYNOPSIS}}) and describes in COMMANDS (LỆNH) exactly the commands the
# tool declares (`daihoi-<tool> __describe`); daihoi(1) names every tool.
# Usage: man_pages.sh BIN_DIR
set -u
bin=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")/../.." && pwd)
exec /usr/bin/python3 - "$bin" "$src" <<'PY'
import json, os, re, subprocess, sys
bin_dir, src = sys.argv[1], sys.argv[2]
problems = []
tools = sorted(f for f in os.listdir(bin_dir) if f.startswith("daihoi-"))
for tool in tools:
    d = json.loads(subprocess.run([os.path.join(bin_dir, tool), "__describe", "--lang", "en"],
                                  check=True, capture_output=True, text=True).stdout)
    declared = {c["words"] for c in d["commands"]}
    for lang, folder, section in (("en", "man", "COMMANDS"), ("vi", "man/vi", "LỆNH")):
        page = os.path.join(src, folder, tool + ".1.scd")
        if not os.path.exists(page):
            if lang == "en" or os.path.isdir(os.path.join(src, "man/vi")) and os.listdir(os.path.join(src, "man/vi")):
                problems.append(f"{folder}/{tool}.1.scd is missing")
            continue
        text = open(page, encoding="utf-8").read()
        if "{{SYNOPSIS}}" not in text:
            problems.append(f"{folder}/{tool}.1.scd: SYNOPSIS is not generated (no {{{{SYNOPSIS}}}} line)")
        if declared == {""}:
            continue  # a tool of one command has no COMMANDS section
        m = re.search(r"^# " + section + r"\s*$(.*?)(?=^# )", text, re.M | re.S)
        if not m:
            problems.append(f"{folder}/{tool}.1.scd: no '# {section}' section")
            continue
        documented = set(re.findall(r"^\*([^*]+)\*", m.group(1), re.M))
        for c in sorted(declared - documented):
            problems.append(f"{folder}/{tool}.1.scd: command '{c}' is declared but not described in {section}")
        for c in sorted(documented - declared):
            problems.append(f"{folder}/{tool}.1.scd: {section} describes '{c}', which {tool} does not have")
for folder in ("man", "man/vi"):
    page = os.path.join(src, folder, "daihoi.1.scd")
    if not os.path.exists(page):
        continue
    text = open(page, encoding="utf-8").read()
    for tool in tools:
        if tool[len("daihoi-"):] not in text:
            problems.append(f"{folder}/daihoi.1.scd does not name the tool {tool}")
for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
PY
