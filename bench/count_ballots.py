#!/usr/bin/python3
"""The reference for the tally benchmark: a straightforward Python count of
the same ballots CSV (serial,crossed,flag) with the rules of SPEC §5.3.
Usage: count_ballots.py FILE CANDIDATES PLACES"""
import csv
import sys

path, candidates, places = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
votes = [0] * (candidates + 1)
valid = invalid = 0
with open(path, newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        crossed = {int(p) for p in row["crossed"].replace(";", " ").split()}
        kept = [p for p in range(1, candidates + 1) if p not in crossed]
        if row["flag"] or len(kept) > places or (not kept and candidates > places):
            invalid += 1
            continue
        valid += 1
        for p in kept:
            votes[p] += 1
print(valid, invalid, max(votes[1:]))
