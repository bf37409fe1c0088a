#!/usr/bin/env python3
"""Raw seeds for the harnesses, from the tests' own files (tests/data,
tests/scenarios, templates) and a few hand-written lines, into OUT/<harness>/.
They are merged into fuzz/corpus/<harness> with libFuzzer's -merge=1
(fuzz/README.md), which keeps only the files that add coverage."""
import csv, hashlib, io, pathlib, sys, zipfile

root = pathlib.Path(__file__).resolve().parent.parent
out = pathlib.Path(sys.argv[1])

def put(harness, data):
    d = out / harness
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)

tests = [root / "tests" / "data", root / "tests" / "scenarios"]
csvs = sorted(p for t in tests for p in t.rglob("*.csv"))
xlsxs = sorted(p for t in tests for p in t.rglob("*.xlsx"))
tomls = sorted(p for t in tests + [root / "templates"] for p in t.rglob("*.toml"))

def as_tsv(raw):
    text = raw.decode("utf-8", "surrogateescape")
    rows = csv.reader(io.StringIO(text))
    return "\n".join("\t".join(r) for r in rows).encode("utf-8", "surrogateescape")

parts = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"]
for p in csvs:
    raw = p.read_bytes()
    put("csv", raw)
    tsv = as_tsv(raw)
    for how in (0, 1, 2, 4 | (1 << 3)):
        put("columns", bytes([how, 3]) + tsv)
    for how in (0, 2, 3, 4 | 8):
        put("legacy", bytes([how]) + tsv)
    put("import", bytes([0]) + raw)
    if "serial" in raw.decode("utf-8", "replace").splitlines()[0]:
        put("import", bytes([1]) + raw)
        put("import", bytes([1 | 32]) + raw)
    for line in raw.decode("utf-8", "replace").splitlines()[1:4]:
        for cell in line.split(","):
            put("date", cell)
            put("utf8", cell)
for p in xlsxs:
    raw = p.read_bytes()
    put("xlsx", raw)
    put("import", bytes([2]) + raw)
    if "ballot" in p.name:
        put("import", bytes([3]) + raw)
    try:
        with zipfile.ZipFile(p) as z:
            names = z.namelist()
            sheet = next((n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")), None)
            given = [z.read(n) if n in names else b"" for n in [sheet or ""] + parts[1:]]
            put("xlsx_parts", b"\0".join(given))
    except zipfile.BadZipFile:
        pass
for p in tomls:
    put("toml", p.read_bytes())

for line in ["3 7", "-", "!torn", "12: 1 2", "9 9", "0", "11", "2 x", "0: 1", "1: 4", "!", "# a comment",
             "  8 9 10  ", "5;6 8 9", "1 2 3 4 5 6 7 8 9 10", "20: 1;2", "b1", "o1", "b3 o2 5", "3: -", "1, 2"]:
    put("entry", bytes([9]) + line.encode())
    put("entry", bytes([64 | 9]) + line.encode())
for s in ["1961-01-15", "15/01/1961", "5.3.1975", "05-03-75", "29/02/2000", "31/02/1990", " 01/09/2025 ",
          "2025-07-15T01:30:05.123Z", "9999-12-31", "0000-01-01"]:
    put("date", s)
for s in ["Lê Văn Ân", "Họ và tên", "ho_va_ten", "Nguyễn Thị Ngọc Hà", "=1+1", "ｗｉｄｅ", "e\u0301", "\u1ec5"]:
    put("utf8", s)
for b in [b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\xef\xbb\xbfM\xe1\xba"]:
    put("utf8", b)
