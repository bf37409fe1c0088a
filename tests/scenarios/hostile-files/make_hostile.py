#!/usr/bin/env python3
"""Makes the hostile .xlsx files of this scenario (committed; run again to
remake them): packages written by hand, as a fuzzer or an attacker would,
not by a spreadsheet program.

  f1-shared-string-index.xlsx  a cell t="s" whose index is 18446744073709551615
                               (SIZE_MAX: index + 1 wrapped the bounds check)
  f2-row-over-uint32.xlsx      a members row numbered 4294967296
  ballots-row-uint32max-dup.xlsx  ballot 5 at row 7 and again at row 4294967295
                               (the marker of a ballot already entered)
  huge-shared-string.xlsx      one 40 MB shared string, the name on 2,000 rows
"""
import zipfile

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PRNS = "http://schemas.openxmlformats.org/package/2006/relationships"


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def row(number, cells):
    return f'<row r="{number}">' + "".join(cells) + "</row>"


def header(number, names):
    return row(number, [inline(f"{chr(65 + i)}{number}", n) for i, n in enumerate(names)])


def write(path, rows, shared=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                   'relationships+xml"/></Types>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="{PRNS}"><Relationship Id="rId1" '
                                  f'Type="{RNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{NS}" xmlns:r="{RNS}"><sheets>'
                                      '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        rels = (f'<Relationship Id="rId1" Type="{RNS}/worksheet" Target="worksheets/sheet1.xml"/>'
                f'<Relationship Id="rId2" Type="{RNS}/sharedStrings" Target="sharedStrings.xml"/>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PRNS}">{rels}</Relationships>')
        if shared is not None:
            z.writestr("xl/sharedStrings.xml",
                       f'<sst xmlns="{NS}">' + "".join(f"<si><t>{s}</t></si>" for s in shared) + "</sst>")
        z.writestr("xl/worksheets/sheet1.xml",
                   f'<worksheet xmlns="{NS}"><sheetData>' + "".join(rows) + "</sheetData></worksheet>")


MEMBERS = ["code", "full_name", "gender", "birth_date"]


def member(number, code, name):
    return row(number, [inline(f"A{number}", code), inline(f"B{number}", name), inline(f"C{number}", "M"),
                        inline(f"D{number}", "1970-01-01")])


write("f1-shared-string-index.xlsx",
      [header(1, MEMBERS), member(2, "H1", "Lê Văn A"),
       row(3, [inline("A3", "H2"), '<c r="B3" t="s"><v>18446744073709551615</v></c>', inline("C3", "M"),
               inline("D3", "1970-01-01")])],
      shared=["Lê Văn B"])

write("f2-row-over-uint32.xlsx",
      [header(1, MEMBERS), member(2, "H3", "Lê Văn C"), member(4294967296, "H4", "Lê Văn D")])

write("ballots-row-uint32max-dup.xlsx",
      [header(1, ["serial", "crossed", "flag"]),
       row(7, [inline("A7", "5"), inline("B7", "1")]),
       row(4294967295, [inline("A4294967295", "5"), inline("B4294967295", "2")])])

write("huge-shared-string.xlsx",
      [header(1, MEMBERS)] +
      [row(n, [inline(f"A{n}", f"X{n}"), f'<c r="B{n}" t="s"><v>0</v></c>', inline(f"C{n}", "M"),
               inline(f"D{n}", "1970-01-01")]) for n in range(2, 2002)],
      shared=["x" * 40_000_000])
