#!/usr/bin/env python3
"""Writes the reproducers of the findings made before fuzz/ existed (the
hardening issue's F1 and F2), in the harnesses' input formats:
  xlsx/F1-shared-string-index-SIZE_MAX.xlsx     a cell t="s" of index 2^64-1
  xlsx_parts/F1-shared-string-index-SIZE_MAX    the same as parts
  import/F2-members-row-4294967296              a members .xlsx with a row over 2^32
  import/F2-ballots-row-4294967295-repeats      a ballot .xlsx: row 2^32-1 holds
                                                serial 5, row 7 repeats it
Run from anywhere: python3 fuzz/findings/make_findings.py"""
import io, pathlib, zipfile

here = pathlib.Path(__file__).resolve().parent
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

def cell(ref, v):
    if isinstance(v, int):
        return f'<c r="{ref}"><v>{v}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'

def sheet(rows):
    xml = "".join(f'<row r="{r}">' + "".join(cell(f"{chr(65 + i)}{r}", v) for i, v in enumerate(vals)) + "</row>"
                  for r, vals in rows)
    return f"<worksheet {NS}><sheetData>{xml}</sheetData></worksheet>"

def xlsx(sheet_xml, strings_xml=None):
    out = io.BytesIO()
    rels = f'<Relationship Id="rId1" Type="{REL}worksheet" Target="worksheets/sheet1.xml"/>'
    if strings_xml:
        rels += f'<Relationship Id="rId2" Type="{REL}sharedStrings" Target="sharedStrings.xml"/>'
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook {NS} xmlns:r="{REL[:-1]}"><sheets>'
                   '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if strings_xml:
            z.writestr("xl/sharedStrings.xml", strings_xml)
    return out.getvalue()

def write(path, data):
    p = here / path
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)

f1_sheet = f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>' \
           f'<c r="B1" t="s"><v>18446744073709551615</v></c></row></sheetData></worksheet>'
f1_strings = f'<sst {NS}><si><t>code</t></si></sst>'
write("xlsx/F1-shared-string-index-SIZE_MAX.xlsx", xlsx(f1_sheet, f1_strings))
write("xlsx_parts/F1-shared-string-index-SIZE_MAX", f1_sheet.encode() + b"\0" + f1_strings.encode())

header = ["code", "full_name", "gender", "birth_date", "party_join_date"]
write("import/F2-members-row-4294967296",
      b"\x02" + xlsx(sheet([(1, header), (2, ["A1", "Lê Văn An", "M", "1970-01-01", "2000-01-01"]),
                            (4294967296, ["A2", "Lê Văn Bình", "M", "1971-01-01", "2000-01-01"])])))
write("import/F2-ballots-row-4294967295-repeats",
      b"\x03" + xlsx(sheet([(1, ["serial", "crossed"]), (7, [5, "1"]), (4294967295, [5, "2"])])))
