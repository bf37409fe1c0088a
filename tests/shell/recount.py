#!/usr/bin/python3
"""An independent recount of one election from its exported record
('daihoi audit export ID FILE.json'), written from SPEC §5.3–5.4 and RULES.md
alone: it shares no code with daihoi. It recomputes the record hash, every
ballot's validity, the votes, the majority against counts.base, ranks,
statuses and unfilled places, and compares them with the stored result.

Usage: recount.py FILE.json   (exit 0 when everything matches, 1 otherwise)
"""
import hashlib
import json
import sys


def recount(record):
    e = record["election"]
    seats, reserves = e["seats"], e["reserves"]
    places = seats + reserves
    cands = record["candidates"]
    n = len(cands)
    positions = {c["position"] for c in cands}
    assert positions == set(range(1, n + 1)), "ballot positions are not 1…C"
    base = record["counts"]["base"]
    # An agree/disagree ballot (election.form "agree", a list without
    # surplus): a vote is a row in "agree" and not in "disagree"; a row in
    # both or neither is no vote, and only the flag makes the ballot invalid.
    agree_form = e.get("form") == "agree"
    if agree_form:
        assert n == places, f"an agree ballot on a list with {n} names for {places} places"
    votes = {p: 0 for p in positions}
    against = {p: 0 for p in positions}  # agree form: rows marked "disagree" alone
    valid = invalid = 0
    reasons = {}
    for b in record["ballots"]:
        if b["pass"] != 1:
            continue
        if agree_form:
            for k in ("agree", "disagree"):
                assert len(set(b[k])) == len(b[k]), f"ballot {b['serial']}: a row twice in {k}"
                assert all(p in positions for p in b[k]), f"ballot {b['serial']}: unknown row"
            kept = [p for p in b["agree"] if p not in b["disagree"]]
        else:
            kept = b["kept"]
        assert len(set(kept)) == len(kept), f"ballot {b['serial']}: a position kept twice"
        assert all(p in positions for p in kept), f"ballot {b['serial']}: unknown position"
        # SPEC §5.3, in this order.
        if b["flag"]:
            why = b["flag"]
        elif agree_form:
            why = ""
        elif len(kept) > places:
            why = "over_vote"
        elif len(kept) == 0 and n > places:
            why = "all_crossed"
        else:
            why = ""
        if why:
            invalid += 1
            reasons[why] = reasons.get(why, 0) + 1
            continue
        valid += 1
        for p in kept:
            votes[p] += 1
        if agree_form:
            for p in b["disagree"]:
                if p not in b["agree"]:
                    against[p] += 1
    if e["base_kind"] == "valid":
        assert base == valid, f"counts.base {base} but {valid} valid ballots"
    elif e["base_kind"] == "fixed":
        assert base == e["base_fixed"], f"counts.base {base} but fixed at {e['base_fixed']}"
    # SPEC §5.4: more than half of the base, integers only.
    majority = {p: 2 * v > base for p, v in votes.items()}
    order = sorted(positions, key=lambda p: (-votes[p], p))
    status = {}
    rank = {}
    for i, p in enumerate(order):
        rank[p] = rank[order[i - 1]] if i and votes[p] == votes[order[i - 1]] else i + 1
    # Walk the groups of equal votes among the candidates with a majority:
    # a group wholly within the seats is elected, wholly within the reserve
    # places reserve; a group straddling a cut is undecided (tie).
    placed = elected = reserved = 0
    i = 0
    while i < len(order):
        j = i
        while j < len(order) and votes[order[j]] == votes[order[i]]:
            j += 1
        group = [p for p in order[i:j] if majority[p]]
        g = len(group)
        if g == 0:
            s = "not_elected"
        elif placed + g <= seats:
            s = "elected"
        elif placed < seats:
            s = "tie"
        elif placed + g <= places:
            s = "reserve"
        elif placed < places:
            s = "tie"
        else:
            s = "not_elected"
        for p in order[i:j]:
            status[p] = s if majority[p] else "not_elected"
        elected += g if s == "elected" else 0
        reserved += g if s == "reserve" else 0
        placed += g
        i = j
    by_pos = {c["position"]: c for c in cands}
    result = []
    for p in order:
        pct = None
        if base > 0:
            h = (votes[p] * 20000 + base) // (2 * base)  # hundredths, half up
            pct = h / 100
        # Format 2 names a person full_name; format 1 (records sealed before) name.
        name_key = "full_name" if "full_name" in by_pos[p] else "name"
        c = {"position": p, "code": by_pos[p]["code"], name_key: by_pos[p][name_key], "votes": votes[p],
             "percent": pct, "status": status[p], "majority": majority[p], "rank": rank[p]}
        if agree_form:
            c["disagree"] = against[p]
            c["no_vote"] = valid - votes[p] - against[p]
        result.append(c)
    return {
        "entered": valid + invalid, "valid": valid, "invalid": invalid, "invalid_by_reason": reasons,
        "base": base, "needed": base // 2 + 1, "candidates": result,
        "unfilled": {"seats": seats - elected, "reserves": reserves - reserved},
    }


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    record = doc["record"]
    problems = []
    # The hash: SHA-256 of the record serialized compactly, keys in the given order, UTF-8.
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    h = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if h != doc["record_hash"]:
        problems.append(f"record_hash: recomputed {h}, exported {doc['record_hash']}")
    if doc.get("sealed") and doc.get("sealed_hash") != h:
        problems.append(f"sealed_hash {doc.get('sealed_hash')} is not the recomputed {h}")
    mine = recount(record)
    stored = record["result"]
    if stored is None:
        problems.append("the record has no stored result (not closed)")
    else:
        b = stored["ballots"]
        for k in ("entered", "valid", "invalid", "invalid_by_reason"):
            if b[k] != mine[k]:
                problems.append(f"ballots.{k}: stored {b[k]}, recounted {mine[k]}")
        if (b["issued"], b["collected"]) != (record["counts"]["issued"], record["counts"]["collected"]):
            problems.append("ballots issued/collected differ from counts")
        if stored["base"]["count"] != mine["base"]:
            problems.append(f"base: stored {stored['base']['count']}, counts.base {mine['base']}")
        if stored["needed"] != mine["needed"]:
            problems.append(f"needed: stored {stored['needed']}, recounted {mine['needed']}")
        if stored["unfilled"] != mine["unfilled"]:
            problems.append(f"unfilled: stored {stored['unfilled']}, recounted {mine['unfilled']}")
        if len(stored["candidates"]) != len(mine["candidates"]):
            problems.append("a different number of candidates")
        for s, m in zip(stored["candidates"], mine["candidates"]):
            for k in m:
                if s.get(k) != m[k]:
                    problems.append(f"candidate {m['code']} {k}: stored {s.get(k)!r}, recounted {m[k]!r}")
        # The entered count must agree with the board's collected count (close's rule).
        if record["counts"]["collected"] is not None and mine["entered"] != record["counts"]["collected"]:
            problems.append(f"{mine['entered']} ballots entered but {record['counts']['collected']} collected")
    # Double entry: pass 2, when present, must equal pass 1 ballot by ballot.
    def marks(b):
        return (b.get("kept"), b.get("agree"), b.get("disagree"), b["flag"])
    p1 = {b["serial"]: marks(b) for b in record["ballots"] if b["pass"] == 1}
    p2 = {b["serial"]: marks(b) for b in record["ballots"] if b["pass"] == 2}
    if p2 and p1 != p2:
        problems.append("pass 2 differs from pass 1")
    e = record["election"]
    summary = ", ".join(f"{c['code']} {c['votes']} {c['status']}" for c in mine["candidates"])
    print(f"{e['id']}: {mine['entered']} ballots, {mine['valid']} valid, base {mine['base']}, needed {mine['needed']}; "
          f"unfilled {mine['unfilled']['seats']}+{mine['unfilled']['reserves']}; {summary}")
    for p in problems:
        print(f"  MISMATCH {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
