#!/usr/bin/python3
"""Makes the .xlsx fixtures of tests/unit/test_xlsx_reader.cpp.

Run with Debian's python (it has openpyxl) from anywhere:
    /usr/bin/python3 tests/data/xlsx/make_fixtures.py
libreoffice.xlsx needs `soffice` (libreoffice-calc-nogui). Files a real
client writes come from openpyxl and LibreOffice; the cases no client is
asked to write (shared rich text, phonetic runs, 1904 dates, hostile XML)
are assembled part by part with zipfile. libxlsxwriter files and the zip
bombs are made by the test itself.
"""
import datetime
import os
import shutil
import subprocess
import tempfile
import zipfile
from xml.sax.saxutils import quoteattr

import openpyxl
from openpyxl.styles import Font

HERE = os.path.dirname(os.path.abspath(__file__))
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PRNS = "http://schemas.openxmlformats.org/package/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def out(name):
    return os.path.join(HERE, name)


# --- openpyxl: inline strings, numbers, booleans, real dates, sparse cells ---
def make_openpyxl():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(["code", "full_name", "gender", "birth_date", "joined_at", "score", "active", "note"])
    ws.append(["DV001", "Nguyễn Thị Minh Khai", "F", datetime.date(1961, 1, 15),
               datetime.datetime(1990, 5, 19, 8, 30), 12, True, None])
    ws.append(["DV002", "Đặng Văn Ân", "M", datetime.date(1975, 4, 30),
               datetime.datetime(2000, 1, 1), 0.5, False, "ghi chú"])
    ws["A4"].font = Font(bold=True)  # a row whose only cell is styled and empty
    ws["A5"] = "DV003"
    ws["D5"] = -3.25
    ws["H5"] = "cuối"
    ws.append([1234567890123, 1.5e-7, 100.0, -0.0, 1e21, 2.5e-3])
    other = wb.create_sheet("Khác")
    other["A1"] = "Hai"
    other["B1"] = 2
    other["A3"] = "ba"
    wb.save(out("openpyxl.xlsx"))


# --- LibreOffice: shared strings, its own styles, dates detected from CSV ---
def make_libreoffice():
    csv = ("code,full_name,birth_date,score\n"
           "DV001,Nguyễn Thị Minh Khai,1961-01-15,12\n"
           "\n"
           "DV002,Đặng Văn Ân,1975-04-30,0.5\n"
           'DV003,"Lê, Thị ""Bé""",2000-02-29,-7\n')
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "libreoffice.csv")
        with open(src, "w", encoding="utf-8") as f:
            f.write(csv)
        env = dict(os.environ, HOME=tmp)
        subprocess.run(
            ["soffice", "--headless", "--infilter="
             "CSV:44,34,76,1,,0,false,true,false,false,false,-1",
             "--convert-to", "xlsx", "--outdir", tmp, src],
            check=True, env=env, stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "libreoffice.xlsx"), out("libreoffice.xlsx"))


# --- hand-assembled packages ---
CONTENT_TYPES = (DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/></Types>')
ROOT_RELS = (DECL + f'<Relationships xmlns="{PRNS}"><Relationship Id="rId1" '
             f'Type="{RNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')


def workbook(sheets, pr=""):
    s = "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(sheets))
    return DECL + f'<workbook xmlns="{NS}" xmlns:r="{RNS}">{pr}<sheets>{s}</sheets></workbook>'


def workbook_rels(targets, styles=True, strings=True):
    rels = [f'<Relationship Id="rId{i + 1}" Type="{RNS}/worksheet" Target="{t}"/>'
            for i, t in enumerate(targets)]
    n = len(targets)
    if styles:
        rels.append(f'<Relationship Id="rId{n + 1}" Type="{RNS}/styles" Target="styles.xml"/>')
    if strings:
        rels.append(f'<Relationship Id="rId{n + 2}" Type="{RNS}/sharedStrings" Target="sharedStrings.xml"/>')
    return DECL + f'<Relationships xmlns="{PRNS}">{"".join(rels)}</Relationships>'


def sheet(rows_xml, prefix=""):
    p = prefix + ":" if prefix else ""
    xmlns = f'xmlns:{prefix}="{NS}"' if prefix else f'xmlns="{NS}"'
    return DECL + f'<{p}worksheet {xmlns}><{p}sheetData>{rows_xml}</{p}sheetData></{p}worksheet>'


def styles(numfmts, xfs):
    f = "".join(f'<numFmt numFmtId="{i}" formatCode={quoteattr(c)}/>' for i, c in numfmts)
    x = "".join(f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0"/>' for i in xfs)
    return (DECL + f'<styleSheet xmlns="{NS}"><numFmts count="{len(numfmts)}">{f}</numFmts>'
            f'<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{x}</cellXfs></styleSheet>')


def write_zip(name, parts):
    with zipfile.ZipFile(out(name), "w", zipfile.ZIP_DEFLATED) as z:
        for part, data in parts.items():
            z.writestr(part, data.encode("utf-8") if isinstance(data, str) else data)


def make_handmade():
    sst = (DECL + f'<sst xmlns="{NS}" count="6" uniqueCount="6">'
           '<si><t>Họ và tên</t></si>'
           '<si><r><t xml:space="preserve">Nguyễn </t></r><r><rPr><b/></rPr><t>Văn</t></r>'
           '<r><t xml:space="preserve"> A</t></r></si>'
           '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>'
           '<si><t>a_x000D_b_x005F_x0041_</t></si>'
           '<si><t xml:space="preserve"> spaces kept </t></si>'
           '<si><t>&lt;&amp;&gt;</t></si>'
           '</sst>')
    st = styles([(164, "dd/mm/yyyy"), (165, "[h]:mm"), (166, "0.00%"), (167, "h:mm"),
                 (168, "[$-42A]d mmmm yyyy"), (169, '"day "0'), (170, "mm:ss"), (171, "mmm-yy")],
                [0, 14, 164, 165, 166, 167, 168, 169, 22, 170, 171])
    rows1 = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s" s="0"><v>1</v></c></row>'
        # no r attributes: row 2, cells A, B, C, D
        '<row><c t="inlineStr"><is><r><t xml:space="preserve">Đặng </t></r><r><rPr><i/></rPr><t>Văn Ân</t></r>'
        '<rPh sb="0" eb="1"><t>ダン</t></rPh></is></c>'
        '<c t="str"><f>A1&amp;B1</f><v>xy</v></c><c t="e"><f>1/0</f><v>#DIV/0!</v></c><c t="b"><v>0</v></c>'
        '<c t="b"><v>1</v></c></row>'
        '<row r="4"><c r="A4" s="2"><v>22296</v></c><c r="B4" s="3"><v>1.5</v></c>'
        '<c r="C4" s="4"><v>0.25</v></c><c r="D4" s="5"><v>0.5</v></c><c r="E4" s="6"><v>45000</v></c>'
        '<c r="F4" s="7"><v>3</v></c><c r="G4" s="8"><v>45000.75</v></c><c r="H4" s="1"><v>0.5</v></c>'
        '<c r="I4" s="9"><v>0.01</v></c><c r="J4" s="10"><v>36526</v></c><c r="K4" s="1"><v>60</v></c></row>'
        '<row r="6"><c r="C6" t="s"><v>2</v></c><c r="E6" s="1"/><c r="F6" t="inlineStr"><is><t/></is></c></row>'
        '<row r="7"><c r="A7" s="1"/><c r="B7" t="s"><v>4</v></c></row>'
        '<row r="8"><c r="A8" s="1"/><c r="B8" t="str"><v></v></c></row>'
        '<row r="9"><c r="A9" t="s"><v>3</v></c><c r="B9" t="s"><v>5</v></c><c r="C9"><v>1.0E1</v></c>'
        '<c r="D9"><v>-0</v></c><c r="E9" t="n"><v>12.50</v></c><c r="F9"><v>1E-7</v></c>'
        '<c r="G9"><v>007</v></c><c r="H9"><v>-42</v></c><c r="I9"><v>0.1</v></c>'
        '<c r="J9" t="inlineStr"><is><t>x_x000D_y</t></is></c></row>'
        '<row r="10"><c r="AA10"><v>27</v></c></row>'
        # no r on the row: counts on from 10
        '<row><c r="B11" t="d"><v>2024-02-29T00:00:00</v></c></row>')
    rows2 = ('<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c>'
             '<x:c r="C2" s="2"><x:v>1</x:v></x:c></x:row>')
    write_zip("handmade.xlsx", {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": workbook(["Chính", "Phụ"]),
        # one relative target, one that climbs back out of xl/
        "xl/_rels/workbook.xml.rels": workbook_rels(["worksheets/sheet1.xml", "../xl/worksheets/other.xml"]),
        "xl/styles.xml": st,
        "xl/sharedStrings.xml": sst,
        "xl/worksheets/sheet1.xml": sheet(rows1),
        "xl/worksheets/other.xml": sheet(rows2, prefix="x"),
    })


def make_1904():
    rows = '<row r="1"><c r="A1" s="1"><v>20834</v></c><c r="B1" s="1"><v>0</v></c><c r="C1"><v>20834</v></c></row>'
    write_zip("date1904.xlsx", {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": workbook(["S"], pr='<workbookPr date1904="1"/>'),
        "xl/_rels/workbook.xml.rels": workbook_rels(["/xl/worksheets/sheet1.xml"], strings=False),
        "xl/styles.xml": styles([], [0, 14]),
        "xl/worksheets/sheet1.xml": sheet(rows),
    })


def make_hostile():
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                        for i in range(1, 10))
              + f']>\n<sst xmlns="{NS}"><si><t>&lol9;</t></si></sst>')
    base = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": workbook(["S"]),
        "xl/_rels/workbook.xml.rels": workbook_rels(["worksheets/sheet1.xml"], styles=False),
        "xl/sharedStrings.xml": f'<sst xmlns="{NS}"><si><t>a</t></si></sst>',
        "xl/worksheets/sheet1.xml": sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
    }
    write_zip("billion_laughs.xlsx", dict(base, **{"xl/sharedStrings.xml": laughs}))
    xxe = ('<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
           f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c>'
           '</row></sheetData></worksheet>')
    write_zip("external_entity.xlsx", dict(base, **{"xl/worksheets/sheet1.xml": xxe}))
    write_zip("malformed.xlsx", dict(base, **{
        "xl/worksheets/sheet1.xml": sheet('<row r="1"><c r="A1"><v>1</v></row>')}))
    write_zip("bad_shared_string.xlsx", dict(base, **{
        "xl/worksheets/sheet1.xml": sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
                                          '<row r="2"><c r="A2"><v>1</v></c><c r="C2" t="s"><v>7</v></c></row>')}))
    write_zip("no_workbook.xlsx", {"[Content_Types].xml": CONTENT_TYPES, "hello.txt": "hello"})
    with open(out("not_a_zip.xlsx"), "w") as f:
        f.write("code,full_name\nDV001,Nguyễn Thị Minh Khai\n")


if __name__ == "__main__":
    make_openpyxl()
    make_handmade()
    make_1904()
    make_hostile()
    make_libreoffice()
