#!/usr/bin/python3
"""Makes ballots.xlsx, the agree/disagree ballots of the committee election
as a counting board's spreadsheet would hold them: Vietnamese headers under
a title row. Run from this folder; the .xlsx is committed."""
from openpyxl import Workbook

wb = Workbook()
ws = wb.active
ws.title = "Phiếu bầu"
ws.append(["KẾT QUẢ NHẬP PHIẾU BẦU BAN CHẤP HÀNH"])
ws.append(["Số phiếu", "Đồng ý", "Không đồng ý", "Không hợp lệ"])
ws.append([1, "1 2 3", None, None])
ws.append([2, "1 2", "3", None])
ws.append([3, "1 2 3", "2", None])
ws.append([4, "1 3", None, None])
ws.append([5, "1;2;3", None, None])
ws.append([6, None, "1 2 3", None])
ws.append([7, "1 2 3", None, "unissued"])
ws.append([8, "1 2 3", None, None])
wb.save("ballots.xlsx")
