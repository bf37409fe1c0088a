#!/usr/bin/python3
"""Makes the member lists of real shape that tests/unit/test_shapes.cpp and
the scenario members-shapes import: a list as a personnel office keeps it.

    /usr/bin/python3 tests/data/shapes/make_shapes.py

openpyxl.xlsx: title rows, a note, a two-row header with merged cells
("Họ và tên" over "Họ và tên đệm" | "Tên", "Ngày sinh" over "Nam" | "Nữ",
"Trình độ" over three columns), an STT column, a row of column numbers, a
real date cell, a "Tổng cộng" row and a signature block below the table.
libreoffice.xlsx and libreoffice.csv: the same list saved by LibreOffice
(needs `soffice`, libreoffice-calc-nogui). All three hold the same members.
The scenario tests/scenarios/members-shapes gets copies (danh-sach.xlsx,
danh-sach.csv).
"""
import datetime
import os
import shutil
import subprocess
import tempfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIO = os.path.join(HERE, "..", "..", "scenarios", "members-shapes")

HEADER_TOP = ["STT", "Số thẻ đảng viên", "Họ và tên", None, "Ngày sinh", None, "Dân tộc", "Tôn giáo",
              "Ngày vào Đảng", "Ngày chính thức", "Trình độ", None, None, "Chức vụ", "Chi bộ"]
HEADER_BOTTOM = [None, None, "Họ và tên đệm", "Tên", "Nam", "Nữ", None, None,
                 None, None, "Học vấn", "Chuyên môn", "Lý luận chính trị", None, None]
# Merged over both rows: every column whose bottom is empty.
GROUPS = [("C", "D"), ("E", "F"), ("K", "M")]
MEMBERS = [
    [1, "012345", "Nguyễn Văn", "An", "15/03/1970", None, "Kinh", None, "10/05/1995", "10/05/1996",
     "12/12", "Đại học", "Trung cấp", "Bí thư chi bộ", "CB01"],
    [2, "012346", "Lê Thị", "Bình", None, "02/09/1985", "Tày", "Phật giáo", "03/02/2010", "03/02/2011",
     "12/12", "Thạc sĩ", "Sơ cấp", "Đảng viên", "CB02"],
    # A real date cell, as Excel keeps a date typed in.
    [3, "012347", "Trần Hoàng", "Cường", datetime.datetime(1978, 11, 20), None, "Kinh", None, "19/05/2005",
     None, "12/12", "Cao đẳng", None, None, "CB01"],
    [4, "012348", "Phạm Thị Thu", "Dung", None, "30/04/1990", None, None, None, None,
     None, None, None, "Phó Bí thư", "CB02"],
]


def make_openpyxl(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws["A1"] = "ĐẢNG BỘ XÃ TÂN LẬP"
    ws.merge_cells("A1:F1")
    ws["H1"] = "ĐẢNG CỘNG SẢN VIỆT NAM"
    ws.merge_cells("H1:O1")
    ws["A3"] = "DANH SÁCH ĐẢNG VIÊN ĐẢNG BỘ XÃ TÂN LẬP"
    ws.merge_cells("A3:O3")
    ws["A4"] = "(Kèm theo Công văn số 12-CV/ĐU ngày 01/7/2025 của Đảng ủy xã)"
    ws.merge_cells("A4:O4")
    for c, (top, bottom) in enumerate(zip(HEADER_TOP, HEADER_BOTTOM), start=1):
        if top:
            ws.cell(row=6, column=c, value=top)
        if bottom:
            ws.cell(row=7, column=c, value=bottom)
        if top and not bottom:
            ws.merge_cells(start_row=6, start_column=c, end_row=7, end_column=c)
    for first, last in GROUPS:
        ws.merge_cells(f"{first}6:{last}6")
    for c in range(1, len(HEADER_TOP) + 1):
        ws.cell(row=8, column=c, value=f"({c})")
    for r, member in enumerate(MEMBERS, start=9):
        for c, v in enumerate(member, start=1):
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, datetime.datetime):
                cell.number_format = "DD/MM/YYYY"
    total = 9 + len(MEMBERS)
    ws.cell(row=total, column=1, value="Tổng cộng: 4 đảng viên")
    ws.merge_cells(start_row=total, start_column=1, end_row=total, end_column=4)
    ws.cell(row=total, column=5, value=2)
    ws.cell(row=total, column=6, value=2)
    ws.cell(row=total + 2, column=9, value="Tân Lập, ngày 20 tháng 6 năm 2025")
    ws.cell(row=total + 3, column=2, value="NGƯỜI LẬP BIỂU")
    ws.cell(row=total + 3, column=10, value="T/M ĐẢNG ỦY")
    ws.cell(row=total + 4, column=10, value="BÍ THƯ")
    ws.cell(row=total + 8, column=2, value="Nguyễn Thị Hoa")
    ws.cell(row=total + 8, column=10, value="Trần Văn Bình")
    wb.save(path)


def soffice(src, target, outdir, name):
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, HOME=tmp)
        subprocess.run(["soffice", "--headless", "--convert-to", target, "--outdir", tmp, src],
                       check=True, env=env, stdout=subprocess.DEVNULL)
        produced = [f for f in os.listdir(tmp) if not f.startswith(".") and os.path.isfile(os.path.join(tmp, f))]
        shutil.copy(os.path.join(tmp, produced[0]), os.path.join(outdir, name))


def main(outdir=HERE):
    os.makedirs(outdir, exist_ok=True)
    src = os.path.join(outdir, "openpyxl.xlsx")
    make_openpyxl(src)
    soffice(src, "xlsx", outdir, "libreoffice.xlsx")
    soffice(src, 'csv:Text - txt - csv (StarCalc):44,34,76', outdir, "libreoffice.csv")
    shutil.copy(src, os.path.join(SCENARIO, "danh-sach.xlsx"))
    shutil.copy(os.path.join(outdir, "libreoffice.csv"), os.path.join(SCENARIO, "danh-sach.csv"))


if __name__ == "__main__":
    main()
