#!/usr/bin/env python3
"""Makes the legacy-encoding fixtures: member lists typed in TCVN3 (ABC,
fonts .VnTime/.VnTimeH) and VNI (VNI-Times), as .xlsx (openpyxl, then saved
again by LibreOffice) and as CSV (8-bit bytes, and the UTF-8 "mojibake" a
spreadsheet writes when it saves such text as CSV UTF-8).

The encoders here are written from the published tables of the two
encodings, apart from daihoi's decoders, so the tests compare two
independent implementations.

Run with Debian's python3 (openpyxl) from this folder:
    /usr/bin/python3 make_fixtures.py
LibreOffice (soffice) is needed for the *-lo.* files.
"""
import os
import shutil
import subprocess
import tempfile
import unicodedata

from openpyxl import Workbook
import re
import zipfile
from openpyxl.styles import Font

# TCVN3 (VN3): one byte per letter; only Ă Â Ê Ô Ơ Ư Đ among the capitals.
TCVN3 = {
    'ă': 0xA8, 'â': 0xA9, 'ê': 0xAA, 'ô': 0xAB, 'ơ': 0xAC, 'ư': 0xAD, 'đ': 0xAE,
    'Ă': 0xA1, 'Â': 0xA2, 'Ê': 0xA3, 'Ô': 0xA4, 'Ơ': 0xA5, 'Ư': 0xA6, 'Đ': 0xA7,
    'à': 0xB5, 'ả': 0xB6, 'ã': 0xB7, 'á': 0xB8, 'ạ': 0xB9,
    'ằ': 0xBB, 'ẳ': 0xBC, 'ẵ': 0xBD, 'ắ': 0xBE, 'ặ': 0xC6,
    'ầ': 0xC7, 'ẩ': 0xC8, 'ẫ': 0xC9, 'ấ': 0xCA, 'ậ': 0xCB,
    'è': 0xCC, 'ẻ': 0xCE, 'ẽ': 0xCF, 'é': 0xD0, 'ẹ': 0xD1,
    'ề': 0xD2, 'ể': 0xD3, 'ễ': 0xD4, 'ế': 0xD5, 'ệ': 0xD6,
    'ì': 0xD7, 'ỉ': 0xD8, 'ĩ': 0xDC, 'í': 0xDD, 'ị': 0xDE,
    'ò': 0xDF, 'ỏ': 0xE1, 'õ': 0xE2, 'ó': 0xE3, 'ọ': 0xE4,
    'ồ': 0xE5, 'ổ': 0xE6, 'ỗ': 0xE7, 'ố': 0xE8, 'ộ': 0xE9,
    'ờ': 0xEA, 'ở': 0xEB, 'ỡ': 0xEC, 'ớ': 0xED, 'ợ': 0xEE,
    'ù': 0xEF, 'ủ': 0xF1, 'ũ': 0xF2, 'ú': 0xF3, 'ụ': 0xF4,
    'ừ': 0xF5, 'ử': 0xF6, 'ữ': 0xF7, 'ứ': 0xF8, 'ự': 0xF9,
    'ỳ': 0xFA, 'ỷ': 0xFB, 'ỹ': 0xFC, 'ý': 0xFD, 'ỵ': 0xFE,
}


def tcvn3(text):
    out = bytearray()
    for ch in unicodedata.normalize('NFC', text):
        out += bytes([TCVN3[ch]]) if ch in TCVN3 else ch.encode('ascii')
    return bytes(out)


# VNI: base letter + one mark byte (lowercase codes; uppercase 0x20 lower).
VNI_TONE = {'\u0301': 0xF9, '\u0300': 0xF8, '\u0309': 0xFB, '\u0303': 0xF5, '\u0323': 0xEF}
VNI_HAT = {None: 0xE2, '\u0301': 0xE1, '\u0300': 0xE0, '\u0309': 0xE5, '\u0303': 0xE3, '\u0323': 0xE4}
VNI_BREVE = {None: 0xEA, '\u0301': 0xE9, '\u0300': 0xE8, '\u0309': 0xFA, '\u0303': 0xFC, '\u0323': 0xEB}
VNI_I = {None: None, '\u0301': 0xED, '\u0300': 0xEC, '\u0309': 0xE6, '\u0303': 0xF3, '\u0323': 0xF2}


def vni(text):
    out = bytearray()
    for ch in unicodedata.normalize('NFC', text):
        if ord(ch) < 0x80:
            out += ch.encode('ascii')
            continue
        if ch in 'đĐ':
            out.append(0xF1 if ch == 'đ' else 0xD1)
            continue
        d = unicodedata.normalize('NFD', ch)
        base, marks = d[0], d[1:]
        upper = base.isupper()
        case = (lambda b: b - 0x20) if upper else (lambda b: b)
        shape = next((m for m in marks if m in '\u0302\u0306\u031B'), None)
        tone = next((m for m in marks if m in VNI_TONE), None)
        if base in 'iI':
            out.append(case(VNI_I[tone]) if tone else ord(base))
        elif base in 'yY' and tone == '\u0323':
            out.append(case(0xEE))
        elif shape == '\u031B':  # ơ ư: letters of their own, then the tone
            out.append(case(0xF4 if base in 'oO' else 0xF6))
            if tone:
                out.append(case(VNI_TONE[tone]))
        elif shape == '\u0302':
            out += base.encode('ascii') + bytes([case(VNI_HAT[tone])])
        elif shape == '\u0306':
            out += base.encode('ascii') + bytes([case(VNI_BREVE[tone])])
        else:
            out += base.encode('ascii') + (bytes([case(VNI_TONE[tone])]) if tone else b'')
    return bytes(out)


def shown(raw):
    """The characters a spreadsheet holds for 8-bit text: windows-1252."""
    return raw.decode('cp1252')


HEADER = ['Số thẻ đảng', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Chức vụ']
ROWS = [
    ['DV001', 'Nguyễn Văn An', 'Nam', '02/01/1970', 'Bí thư đảng ủy'],
    ['DV002', 'Lê Hoàng Cường', 'Nam', '15/08/1975', 'Phó chủ tịch hội đồng nhân dân'],
    ['DV003', 'Phạm Thị Hương', 'Nữ', '05/03/1982', 'Trưởng ban tuyên giáo'],
    ['DV004', 'Đặng Thị Ân', 'Nữ', '20/11/1990', 'Chủ nhiệm ủy ban kiểm tra'],
]


def write_xlsx(path, encode, body_font, header_font, header_lowercase):
    wb = Workbook()
    ws = wb.active
    ws.title = 'Danh sách'
    for c, h in enumerate(HEADER, 1):
        text = h.lower() if header_lowercase else h
        cell = ws.cell(row=1, column=c, value=shown(encode(text)))
        cell.font = Font(name=header_font, bold=True)
    for r, row in enumerate(ROWS, 2):
        for c, v in enumerate(row, 1):
            cell = ws.cell(row=r, column=c, value=shown(encode(v)))
            cell.font = Font(name=body_font)
    wb.save(path)


def write_font_cases(path):
    """One sheet, cell by cell: the font decides; a cell retyped in Unicode
    keeps its old font; a rich-text run names its own font."""
    wb = Workbook()
    ws = wb.active
    ws.append(['Số thẻ đảng', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Chức vụ'])
    rows = [
        # TCVN3 name, VNI position, a Unicode name in a .VnTime cell
        ('DV011', shown(tcvn3('Trần Thị Thủy')), '.VnTime', shown(vni('Bí thư chi bộ')), 'VNI-Times'),
        ('DV012', 'Hoàng Văn Đức', '.VnTime', 'Đảng viên', 'Times New Roman'),
    ]
    for code, name, name_font, pos, pos_font in rows:
        ws.append([code, name, 'Nữ', '1985-04-12', pos])
        ws.cell(row=ws.max_row, column=2).font = Font(name=name_font)
        ws.cell(row=ws.max_row, column=5).font = Font(name=pos_font)
    # A rich text: the run's font (.VnTime) over the cell's (Arial).
    rich = shown(tcvn3('Vũ Đình Quý'))
    ws.append(['DV013', rich, 'Nam', '1979-09-30', 'Đảng viên'])
    ws.cell(row=ws.max_row, column=2).font = Font(name='Arial')
    wb.save(path)
    # openpyxl 3.0 writes no rich text: make that cell's inline string one run.
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts['xl/worksheets/sheet1.xml'].decode()
    sheet, n = re.subn(r'(<c r="B4"[^>]*><is>)<t>(.*?)</t>(</is>)',
                       r'\1<r><rPr><rFont val=".VnTime"/><sz val="12"/></rPr><t>\2</t></r>\3', sheet)
    assert n == 1, 'rich text cell not found'
    parts['xl/worksheets/sheet1.xml'] = sheet.encode()
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def libreoffice(src, fmt, out_name):
    soffice = shutil.which('soffice')
    if not soffice:
        print('soffice not found: skipping', out_name)
        return
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, HOME=tmp)
        args = [soffice, '--headless', '--convert-to', fmt, '--outdir', tmp, src]
        subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # A CSV of every sheet is named "<file>-<sheet>.csv".
        stem, ext = os.path.splitext(os.path.basename(src))[0], '.' + fmt.split(':')[0]
        made = [n for n in os.listdir(tmp) if n.startswith(stem) and n.endswith(ext)]
        shutil.move(os.path.join(tmp, made[0]), out_name)


def write_csv(path, encode, rows, utf8):
    lines = [','.join(r) for r in rows]
    raw = b''.join(encode(line) + b'\r\n' for line in lines)
    with open(path, 'wb') as f:
        f.write(shown(raw).encode('utf-8') if utf8 else raw)


def main():
    header_lower = [h for h in HEADER]
    table = [header_lower] + ROWS
    write_xlsx('tcvn3.xlsx', tcvn3, '.VnTime', '.VnTimeH', True)
    write_xlsx('vni.xlsx', vni, 'VNI-Times', 'VNI-Times', False)
    write_font_cases('fonts.xlsx')
    libreoffice('tcvn3.xlsx', 'xlsx', 'tcvn3-lo.xlsx')
    libreoffice('vni.xlsx', 'xlsx', 'vni-lo.xlsx')
    libreoffice('tcvn3.xlsx', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
                'tcvn3-lo.csv')
    write_csv('tcvn3-8bit.csv', tcvn3, table, utf8=False)
    write_csv('tcvn3-utf8.csv', tcvn3, table, utf8=True)
    write_csv('vni-8bit.csv', vni, table, utf8=False)
    write_csv('vni-utf8.csv', vni, table, utf8=True)
    # Mixed: Unicode rows, then two rows pasted from an old TCVN3 list.
    with open('mixed.csv', 'wb') as f:
        f.write(','.join(HEADER).encode() + b'\r\n')
        f.write(','.join(ROWS[0]).encode() + b'\r\n')
        f.write(','.join(ROWS[1]).encode() + b'\r\n')
        for r in ROWS[2:]:
            f.write(shown(tcvn3(','.join(r))).encode('utf-8') + b'\r\n')
    # TCVN3 and VNI in one file.
    with open('tcvn3-vni.csv', 'wb') as f:
        f.write(shown(tcvn3(','.join(HEADER))).encode('utf-8') + b'\r\n')
        for r in ROWS[:2]:
            f.write(shown(tcvn3(','.join(r))).encode('utf-8') + b'\r\n')
        for r in ROWS[2:]:
            f.write(shown(vni(','.join(r))).encode('utf-8') + b'\r\n')


# The scenario tests/scenarios/members-encodings imports these through the real program.
SCENARIO = ['tcvn3.xlsx', 'vni-lo.xlsx', 'fonts.xlsx', 'tcvn3-8bit.csv', 'tcvn3-utf8.csv', 'vni-utf8.csv',
            'mixed.csv', 'tcvn3-vni.csv']

if __name__ == '__main__':
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    main()
    for name in SCENARIO:
        shutil.copy(name, os.path.join('..', '..', 'scenarios', 'members-encodings', name))
