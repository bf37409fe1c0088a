#!/usr/bin/env python3
"""Hold `daihoi scan ballots --json` to a test deck's truth (truth.csv).

The rule that cannot bend: no accepted page differs from the truth. Besides:
a page that must be held (an odd ballot, a fold, a streak, a wrong scale) is
never accepted, a blank back is skipped, and the share of ordinary pages
accepted is reported (and checked with --min-ordinary).

usage: check_deck.py TRUTH.csv SCAN.json [--min-ordinary PERCENT] [--summary]
Exit 0 when every rule holds, 1 otherwise (each failure printed).
"""
import csv
import json
import os
import sys
from collections import defaultdict


def positions(s):
    return sorted(int(x) for x in s.split()) if s.strip() else []


def main(argv):
    args = argv[1:]
    min_ordinary = None
    summary = False
    if "--min-ordinary" in args:
        i = args.index("--min-ordinary")
        min_ordinary = float(args[i + 1])
        del args[i:i + 2]
    if "--summary" in args:
        args.remove("--summary")
        summary = True
    truth_path, scan_path = args
    with open(truth_path, newline="", encoding="utf-8") as f:
        truth = {row["file"]: row for row in csv.DictReader(f)}
    with open(scan_path, encoding="utf-8") as f:
        scan = json.load(f)
    failures = []
    by_kind = defaultdict(lambda: {"pages": 0, "accepted": 0, "held": 0, "rejected": 0, "blank": 0, "rows": 0})
    positions_read = 0
    wrong = 0
    for p in scan["pages"]:
        name = os.path.basename(p["file"])
        t = truth.get(name)
        if t is None:
            failures.append(f"{name}: not in the truth")
            continue
        kind = t["fault"] or t["odd"] or t["kind"]
        k = by_kind[kind]
        k["pages"] += 1
        k[p["status"]] += 1
        if p["status"] == "accepted":
            read = (sorted(p["crossed"]), sorted(p["disagree"]), sorted(p["both"]), sorted(p["neither"]))
            want = (positions(t["crossed"]), positions(t["disagree"]), positions(t["both"]), positions(t["neither"]))
            nrows = len(p.get("rows", [])) or None
            if t["expect"] != "accepted":
                failures.append(f"{name}: accepted, but it must be {t['expect']} ({kind})")
                wrong += 1
            elif read != want:
                failures.append(f"{name}: MISREAD ({kind}): read {read}, truth {want}")
                wrong += 1
            if nrows:
                positions_read += nrows
                k["rows"] += nrows
        elif p["status"] == "blank" and t["expect"] != "skipped":
            failures.append(f"{name}: skipped as blank, but it is {t['kind']}")
        elif t["expect"] == "skipped" and p["status"] != "blank":
            failures.append(f"{name}: a blank back {p['status']}, not skipped")
        elif p["status"] == "rejected":
            failures.append(f"{name}: rejected ({p.get('reason')}), but it is a ballot of this election")
    missing = set(truth) - {os.path.basename(p["file"]) for p in scan["pages"]}
    for name in sorted(missing):
        failures.append(f"{name}: in the truth, not read")
    ordinary = by_kind.get("ordinary", {"pages": 0, "accepted": 0})
    share = 100.0 * ordinary["accepted"] / ordinary["pages"] if ordinary["pages"] else 100.0
    if summary:
        print(f"{'kind':<22}{'pages':>7}{'accepted':>10}{'held':>7}{'rejected':>10}{'blank':>7}")
        for kind in sorted(by_kind):
            k = by_kind[kind]
            print(f"{kind:<22}{k['pages']:>7}{k['accepted']:>10}{k['held']:>7}{k['rejected']:>10}{k['blank']:>7}")
        print(f"ordinary pages accepted: {share:.1f} %; row positions read on accepted pages: {positions_read}; "
              f"wrong automatic decisions: {wrong}")
    if min_ordinary is not None and share < min_ordinary:
        failures.append(f"only {share:.1f} % of ordinary pages accepted (at least {min_ordinary} % wanted)")
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
