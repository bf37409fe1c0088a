#!/usr/bin/python3
# Makes members.xlsx as a personnel office's Excel keeps it: the year of
# birth as a number cell (1970), dates as real date cells and as text
# "05.03.1975". Run: /usr/bin/python3 make_members_xlsx.py
import datetime
import openpyxl

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Danh sách"
ws.append(["Mã", "Họ và tên", "Giới tính", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức", "Đơn vị"])
ws.append(["DV08", "Bùi Thị Lan", "Nữ", 1970, datetime.date(1998, 6, 1), "05.03.1999", "Chi bộ 1"])
ws.append(["DV09", "Ngô Văn Minh", "Nam", datetime.date(1980, 3, 5), "05-03-2005", datetime.date(2006, 3, 5), "CB3"])
for row in ws.iter_rows(min_row=2):
    for c in row:
        if isinstance(c.value, datetime.date):
            c.number_format = "dd/mm/yyyy"
wb.save("members.xlsx")
