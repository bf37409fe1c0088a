#!/usr/bin/env python3
"""Checks a signed paper written as PDF the way a Party office reads it,
with poppler-utils (pdfinfo, pdffonts, pdftotext -bbox-layout):

  - every page A4, in the orientation asked;
  - every font embedded, and Liberation Serif;
  - every word inside the printable area (0.5 in left and right, 0.65 in
    top and bottom, the margins of the .xlsx);
  - "Trang i/N" on every page;
  - no page holding exactly one row of a table (rows are found by their
    number under the STT header of their table), unless the table has one
    (--unnumbered: tables without STT, not checked);
  - with --signature TEXT: that line is on the page of the last table row,
    and never alone on its page;
  - with --expect FILE.json (the same report written as .json): every
    full_name in it appears in the PDF's text, and every number under the
    keys `votes` and `count` as a word.

Usage: pdf_check.py FILE.pdf [--landscape] [--signature TEXT [--after-chart]] [--unnumbered]
                   [--expect FILE.json] [--min-pages N] [--page-label Trang]
                   [--number-label STT]
Prints one line per failure and exits 1 when there is any.
"""
import argparse
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

A4 = (595.28, 841.89)
MARGIN_X, MARGIN_Y = 36.0, 46.8
SLACK = 0.6  # points: rounding of pdftotext's boxes

failures = []


def fail(msg):
    failures.append(msg)


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def check_info(path, landscape):
    info = run("pdfinfo", "-f", "1", "-l", "9999", path)
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    if not sizes:
        fail("pdfinfo: no page sizes")
    want = (A4[1], A4[0]) if landscape else A4
    for i, (w, h) in enumerate(sizes, 1):
        if abs(float(w) - want[0]) > 1 or abs(float(h) - want[1]) > 1:
            fail(f"page {i}: {w} x {h} pts, not A4 {'landscape' if landscape else 'portrait'}")
    return len(sizes)


def check_fonts(path):
    lines = run("pdffonts", path).splitlines()[2:]
    if not lines:
        fail("pdffonts: no font")
    for line in lines:
        cols = line.split()
        # name type [encoding…] emb sub uni object ID: emb is the 5th from the end.
        name, emb = cols[0], cols[-5]
        if emb != "yes":
            fail(f"font {name} not embedded")
        if "LiberationSerif" not in name:
            fail(f"font {name} is not Liberation Serif")


def words_by_page(path):
    xml = run("pdftotext", "-bbox-layout", path, "-")
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    xml = xml.replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ET.fromstring(xml)
    pages = []
    for page in root.iter("page"):
        pw, ph = float(page.get("width")), float(page.get("height"))
        lines = []
        for line in page.iter("line"):
            ws = []
            for w in line.iter("word"):
                ws.append(
                    dict(
                        text=w.text or "",
                        x0=float(w.get("xMin")),
                        y0=float(w.get("yMin")),
                        x1=float(w.get("xMax")),
                        y1=float(w.get("yMax")),
                    )
                )
            if ws:
                lines.append(ws)
        pages.append((pw, ph, lines))
    return pages


def check_area(pages):
    for i, (pw, ph, lines) in enumerate(pages, 1):
        for ws in lines:
            for w in ws:
                if (
                    w["x0"] < MARGIN_X - SLACK
                    or w["x1"] > pw - MARGIN_X + SLACK
                    or w["y0"] < MARGIN_Y - SLACK
                    or w["y1"] > ph - MARGIN_Y + SLACK
                ):
                    fail(f"page {i}: '{w['text']}' outside the printable area "
                         f"({w['x0']:.1f},{w['y0']:.1f})-({w['x1']:.1f},{w['y1']:.1f})")


def check_footer(pages, label):
    n = len(pages)
    for i, (_, _, lines) in enumerate(pages, 1):
        texts = [" ".join(w["text"] for w in ws) for ws in lines]
        if f"{label} {i}/{n}" not in texts:
            fail(f"page {i}: no footer '{label} {i}/{n}'")


def table_rows(pages, number_label):
    """Segments of table rows: (page, table number, [row numbers]), in order.
    A row is an integer word centred under an "STT" header of its page
    (repeated atop each page a table continues on), its numbers in sequence."""
    segments = []
    for pi, (_, _, lines) in enumerate(pages, 1):
        words = [w for ws in lines for w in ws]
        # The header cell "STT" (or "STT trên phiếu", wrapped): its line's
        # words, left to right, up to the next gap wider than a space.
        headers = []
        for ws in lines:
            for k, w in enumerate(ws):
                if w["text"] == number_label:
                    cell = [w]
                    for nxt in ws[k + 1:]:
                        if nxt["x0"] - cell[-1]["x1"] > 6:
                            break
                        cell.append(nxt)
                    headers.append(dict(x0=cell[0]["x0"], x1=cell[-1]["x1"], y0=w["y0"], y1=w["y1"]))
        headers.sort(key=lambda w: w["y0"])
        for hi, h in enumerate(headers):
            cx = (h["x0"] + h["x1"]) / 2
            below = headers[hi + 1]["y0"] if hi + 1 < len(headers) else 1e9
            nums = sorted(
                (w for w in words
                 if w["text"].isdigit() and h["y1"] + 4 < w["y0"] < below
                 and abs((w["x0"] + w["x1"]) / 2 - cx) < 3),
                key=lambda w: w["y0"])
            seq = []
            for w in nums:
                v = int(w["text"])
                if seq and v != seq[-1] + 1:
                    break
                seq.append(v)
            segments.append((pi, seq))
    tables = []  # each: list of (page, rows)
    for page, seq in segments:
        if not seq:
            continue
        if seq[0] == 1 or not tables:
            tables.append([])
        tables[-1].append((page, seq))
    return tables


def check_rows(tables, numbered):
    if numbered and not tables:
        fail("no table row found (no STT header?)")
    for t, segs in enumerate(tables, 1):
        total = sum(len(s) for _, s in segs)
        numbers = [n for _, s in segs for n in s]
        if numbers != list(range(1, total + 1)):
            fail(f"table {t}: rows {numbers[:5]}… not numbered 1…{total} across its pages")
        if total < 2:
            continue
        for page, seq in segs:
            if len(seq) == 1:
                fail(f"table {t}: page {page} holds one row alone (row {seq[0]})")


def check_signature(pages, tables, signature, after_chart=False):
    """The signature on the page of the last numbered row (unless a chart
    follows the table: then on the chart's page); and in any case never
    alone: three lines or more of the paper above it on its page."""
    last_page = tables[-1][-1][0] if tables and not after_chart else None
    found = [(i, ws[0]["y0"]) for i, (_, _, lines) in enumerate(pages, 1)
             for ws in lines if signature in " ".join(w["text"] for w in ws)]
    if not found:
        fail(f"no line with '{signature}'")
        return
    page, y = found[-1]
    if last_page is not None and page != last_page:
        fail(f"'{signature}' on page {page}, the last table row on page {last_page}")
    above = {round(ws[0]["y0"]) for ws in pages[page - 1][2] if ws[0]["y1"] < y - 1}
    if len(above) < 3:
        fail(f"'{signature}' alone on page {page}")


def check_expected(pages, expect):
    text = " ".join(w["text"] for _, _, lines in pages for ws in lines for w in ws)
    words = set(text.split())
    data = json.load(open(expect, encoding="utf-8"))
    tables = data if isinstance(data, list) else [r for v in data.values() for r in v]
    names = [r["full_name"] for r in tables if r.get("full_name")]
    counts = [(k, r[k]) for r in tables for k in ("votes", "count") if isinstance(r.get(k), int)]
    if not names and not counts:
        fail(f"{expect}: no full_name, votes or count to compare")
    for name in names:
        if " ".join(name.split()) not in text:
            fail(f"name '{name}' not in the PDF")
    for k, v in counts:
        if str(v) not in words:
            fail(f"{k} {v} not in the PDF")
    return len(names)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf")
    ap.add_argument("--landscape", action="store_true")
    ap.add_argument("--signature")
    ap.add_argument("--after-chart", action="store_true", help="a chart comes between the last row and the signature")
    ap.add_argument("--expect")
    ap.add_argument("--min-pages", type=int, default=1)
    ap.add_argument("--page-label", default="Trang")
    ap.add_argument("--number-label", default="STT", help="the row-number column's header")
    ap.add_argument("--unnumbered", action="store_true", help="its tables have no STT column")
    a = ap.parse_args()
    n = check_info(a.pdf, a.landscape)
    if n < a.min_pages:
        fail(f"{n} pages, expected at least {a.min_pages}")
    check_fonts(a.pdf)
    pages = words_by_page(a.pdf)
    check_area(pages)
    check_footer(pages, a.page_label)
    tables = table_rows(pages, a.number_label)
    check_rows(tables, not a.unnumbered)
    if a.signature:
        check_signature(pages, tables, a.signature, a.after_chart)
    names = check_expected(pages, a.expect) if a.expect else 0
    for f in failures:
        print(f"{a.pdf}: {f}")
    if not failures:
        rows = sum(len(s) for t in tables for _, s in t)
        print(f"{a.pdf}: ok, {n} pages, {len(tables)} tables, {rows} rows, {names} names")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
