#!/usr/bin/env python3
"""Checks printed papers (PDF) as a Party office files them, from the word
positions of `pdftotext -bbox-layout`; works on any PDF (LibreOffice's
conversion of an .xlsx, or one the report engine writes itself):
  - every page A4, every word inside the printable area (5 mm from the edge);
  - the signature title (a line starting "T/M", "TM.", "K/T", "KT.") never
    alone on its page: at least two lines of the paper above it there, not
    counting the repeated table header;
  - no page holding exactly one table row (a row: words on one baseline in
    two or more cells, one of them a number, under a table header);
  - table rows of even height: on each page the steps between rows are the
    page's usual step, except the few rows that wrap;
  - members*.pdf: at most --members-pages pages.
With --xlsx DIR, openpyxl checks each DIR/*.xlsx: every row of a table has a
height, one table row is one line high, its header taller only when it wraps.
Usage: paper_check.py [--xlsx DIR] [--members-pages N] FILE.pdf…   exit 1 on a fault."""
import argparse, html, os, re, subprocess, sys
from collections import Counter

A4 = (595.28, 841.89)
EDGE = 14.17  # 5 mm
NUMBER = re.compile(r"^[\d.,]+$")  # every table row has one: its STT or a count
SUBTOTAL = re.compile(r"^(Cộng|Subtotal):")  # a table row without a number cell of its own
SIGNATURE = re.compile(r"^(T/M|TM\.|K/T|KT\.)\s")

def pages_of(pdf):
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for pm in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S):
        words = [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                            pm.group(3))]
        pages.append((float(pm.group(1)), float(pm.group(2)), words))
    return pages

def lines_of(words):
    """Words grouped by baseline, top to bottom; each line split into cells
    where the gap between words is wider than two spaces."""
    lines = []
    for w in sorted(words, key=lambda w: (round(w[3]), w[0])):
        if lines and abs(lines[-1]["y"] - w[3]) < 1.5:
            lines[-1]["words"].append(w)
        else:
            lines.append({"y": w[3], "top": w[1], "words": [w]})
    for l in lines:
        l["words"].sort(key=lambda w: w[0])
        cells, last = [], None
        for w in l["words"]:
            size = w[3] - w[1]
            if last is None or w[0] - last[2] > size * 0.35:  # wider than a space
                cells.append([w[4]])
            else:
                cells[-1].append(w[4])
            last = w
        l["cells"] = [" ".join(c) for c in cells]
        l["text"] = " ".join(w[4] for w in l["words"])
    return lines

def check_pdf(path, members_pages, wrapping, problems):
    name = os.path.basename(path)
    pages = pages_of(path)
    if not pages:
        problems.append(f"{name}: no page")
        return
    plines = [lines_of(p[2]) for p in pages]
    # The repeated header: the first line of the pages after the first, when
    # it is the same on all of them.
    firsts = Counter(ls[0]["text"] for ls in plines[1:] if ls)
    header = next((t for t, n in firsts.items() if n == len(plines) - 1 and n > 0 and len(plines) > 1), None)
    footer = re.compile(r"^(Trang|Page)\s+\d+/\d+$")
    for i, ((w, h, words), lines) in enumerate(zip(pages, plines), 1):
        if not (abs(w - A4[0]) < 2 and abs(h - A4[1]) < 2 or abs(w - A4[1]) < 2 and abs(h - A4[0]) < 2):
            problems.append(f"{name} p{i}: page {w:.0f}×{h:.0f} pt, not A4")
        for x0, y0, x1, y1, t in words:
            if x0 < EDGE or y0 < EDGE or x1 > w - EDGE or y1 > h - EDGE:
                problems.append(f"{name} p{i}: '{t}' outside the printable area ({x0:.0f},{y0:.0f})")
                break
        body = [l for l in lines if not footer.match(l["text"])]
        sig = next((k for k, l in enumerate(body) if any(SIGNATURE.match(c) for c in l["cells"])), None)
        above = body[:sig] if sig is not None else body
        content = [l for k, l in enumerate(above) if not (k == 0 and i > 1 and l["text"] == header)]
        if sig is not None and len(content) < 2:
            problems.append(f"{name} p{i}: the signature alone on its page ({len(content)} line above it)")
        # Table rows: lines of two or more cells, one of them a number, in the
        # letters of the page's tables; a run ends at a gap of more than a
        # line (a wrapped cell's next line is one cell: the row goes on).
        cand = [l for l in content
                if len(l["cells"]) >= 2 and any(NUMBER.match(c) for c in l["cells"]) or SUBTOTAL.match(l["text"])]
        if not cand:
            continue
        wide = [l for l in cand if len(l["cells"]) >= 3] or cand  # a chart's labels have two
        size = Counter(round(l["y"] - l["top"], 1) for l in wide).most_common(1)[0][0]
        rows = [l for l in cand if abs((l["y"] - l["top"]) - size) < size * 0.08]
        if len(rows) == 1 and i > 1:
            problems.append(f"{name} p{i}: a page holding one table row: {rows[0]['text'][:60]}")
        steps = [round(b["y"] - a["y"], 1) for a, b in zip(rows, rows[1:])]
        if len(steps) >= 8 and not any(name.startswith(k) for k in wrapping):
            # Each table on its own (tables of a page may differ in row
            # height): beyond two lines and a half of the page's shortest
            # row, the next table begins; within a table, rows are even.
            shortest = min(steps)
            runs, run = [], []
            for st in steps:
                if st >= shortest * 2.6:
                    runs.append(run)
                    run = []
                else:
                    run.append(st)
            runs.append(run)
            for run in runs:
                if not run:
                    continue
                usual = Counter(run).most_common(1)[0][0]
                odd = [st for st in run if abs(st - usual) > 0.6]
                if len(odd) > max(2, len(run) // 10):
                    problems.append(f"{name} p{i}: uneven rows: {len(odd)} of {len(run)} steps differ from {usual}")
    if name.startswith("members") and len(pages) > members_pages:
        problems.append(f"{name}: {len(pages)} pages, more than {members_pages}")

def check_xlsx(folder, wrapping, problems):
    import openpyxl
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".xlsx"):
            continue
        ws = openpyxl.load_workbook(os.path.join(folder, name)).worksheets[0]
        heights = []
        for r in range(1, ws.max_row + 1):
            h = ws.row_dimensions[r].height
            if h is None:
                problems.append(f"{name} row {r}: no height of its own")
                break
            cells = [c for c in ws[r] if c.value is not None]
            if cells and all(c.border.left.style == "thin" for c in cells) and not cells[0].font.b:
                heights.append(h)
        if heights and not any(name.startswith(k) for k in wrapping):
            usual = Counter(heights).most_common(1)[0][0]
            tall = sum(h > usual for h in heights)
            if tall > max(2, len(heights) // 10):
                problems.append(f"{name}: {tall} of {len(heights)} table rows taller than one line ({usual} pt)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xlsx")
    ap.add_argument("--members-pages", type=int, default=13)
    ap.add_argument("--wrapping", default="standards",
                    help="papers whose rows wrap by design (reasons in sentences), comma-separated name prefixes")
    ap.add_argument("pdf", nargs="+")
    a = ap.parse_args()
    problems = []
    for p in a.pdf:
        check_pdf(p, a.members_pages, a.wrapping.split(","), problems)
    if a.xlsx:
        check_xlsx(a.xlsx, a.wrapping.split(","), problems)
    for p in problems[:80]:
        print("FAIL:", p)
    if problems:
        return 1
    print(f"paper_check: {len(a.pdf)} PDFs: A4, inside the printable area, signatures with their text, "
          "no lone row, even rows")
    return 0

if __name__ == "__main__":
    sys.exit(main())
