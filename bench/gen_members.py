#!/usr/bin/env python3
"""Member lists of other shapes than the sample's, for the import benchmark.

  gen_members.py office ROWS SEED  -- a personnel office's export: BOM, CRLF, Vietnamese
                                       headers, 13 columns (STT first), dd/mm/yyyy dates,
                                       quoted fields with commas, four-word names
  gen_members.py plain ROWS SEED   -- a plain 10-column list: English headers, LF, ISO dates

Written to stdout. Names, units and positions are drawn from their own lists with
their own seed, not from daihoi's sample generator, so the benchmark does not
measure only the shape the project makes itself.
"""
import random
import sys

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lương", "Trịnh", "Đoàn", "Mai", "Tạ", "Quách", "Kiều"]
MIDDLE_M = ["Văn", "Đức", "Hữu", "Minh", "Quốc", "Thanh", "Công", "Xuân", "Ngọc", "Đình", "Trọng", "Bá"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bích", "Mỹ", "Hồng", "Phương", "Diệu", "Thùy", "Tuyết"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Quang", "Thắng", "Khải", "Lộc", "Nghĩa", "Phúc", "Sơn", "Trí", "Vĩnh",
           "Đạt", "Hiếu", "Khánh", "Long", "Nam", "Phong", "Thịnh", "Toàn", "Việt", "Ánh", "Ước", "Ưng"]
GIVEN_F = ["Hà", "Lan", "Hương", "Mai", "Nga", "Oanh", "Quyên", "Thảo", "Trang", "Uyên", "Vân", "Yến",
           "Ánh", "Diễm", "Giang", "Hạnh", "Liên", "Loan", "Nhung", "Phượng", "Thủy", "Xuân", "Ngân", "Hằng"]
ETHNIC = ["Kinh"] * 17 + ["Tày", "Thái", "Mường", "Khơ Me", "Hoa", "Nùng", "Ê Đê"]
RELIGION = [""] * 18 + ["Phật giáo", "Công giáo", "Tin lành", "Cao Đài"]
DEGREE_VI = ["Đại học"] * 6 + ["Cao đẳng", "Thạc sĩ", "Tiến sĩ", "Không", "Cử nhân", "Kỹ sư"]
DEGREE_EN = ["bachelor"] * 6 + ["college", "master", "doctor", "none"]
THEORY_VI = ["Sơ cấp"] * 5 + ["Trung cấp"] * 4 + ["Cao cấp", "Cử nhân", "Không"]
THEORY_EN = ["so-cap"] * 5 + ["trung-cap"] * 4 + ["cao-cap", "cu-nhan", "none"]
POSITION = ["Đảng viên", "Giáo viên", "Kỹ sư", "Bác sĩ", "Công nhân", "Nông dân", "Cán bộ hưu trí",
            "Phó Bí thư, Chủ tịch UBND xã", "Bí thư chi bộ, Trưởng khu phố", "Chuyên viên, Văn phòng",
            "Trưởng phòng \"Tổ chức\", Sở Nội vụ", "Chiến sĩ"]


def name(rnd, female):
    middle = MIDDLE_F if female else MIDDLE_M
    given = GIVEN_F if female else GIVEN_M
    words = [rnd.choice(FAMILY), rnd.choice(middle)]
    if rnd.random() < 0.6:  # four words, as most names in a real list
        words.append(rnd.choice(middle))
    words.append(rnd.choice(given))
    return " ".join(words)


def dates(rnd):
    by = rnd.randint(1945, 2002)
    b = (by, rnd.randint(1, 12), rnd.randint(1, 28))
    jy = min(by + rnd.randint(19, 40), 2024)
    j = (jy, rnd.randint(1, 12), rnd.randint(1, 28))
    o = (jy + 1, j[1], j[2])
    return b, j, o


def quote(s):
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\r\n') else s


def main():
    shape, rows, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rnd = random.Random(seed)
    units = [f"Chi bộ {kind} {n}" for kind in ("Khu phố", "Thôn", "Trường", "Trạm y tế", "Công an")
             for n in range(1, 41)]
    out = sys.stdout
    if shape == "office":
        nl = "\r\n"
        vn = lambda d: f"{d[2]:02}/{d[1]:02}/{d[0]:04}"
        out.write("\ufeffSTT,Họ và tên,Số thẻ đảng viên,Giới tính,Ngày sinh,Dân tộc,Tôn giáo,Ngày vào Đảng,"
                  "Ngày chính thức,Trình độ chuyên môn,Lý luận chính trị,Chức vụ,Chi bộ" + nl)
        for i in range(1, rows + 1):
            female = rnd.random() < 0.45
            b, j, o = dates(rnd)
            row = [str(i), name(rnd, female), f"{rnd.randint(1, 99):02}.{i:07}", "Nữ" if female else "Nam",
                   vn(b), rnd.choice(ETHNIC), rnd.choice(RELIGION), vn(j), vn(o), rnd.choice(DEGREE_VI),
                   rnd.choice(THEORY_VI), rnd.choice(POSITION), rnd.choice(units)]
            out.write(",".join(quote(c) for c in row) + nl)
    elif shape == "plain":
        iso = lambda d: f"{d[0]:04}-{d[1]:02}-{d[2]:02}"
        out.write("code,full_name,gender,birth_date,ethnicity,party_join_date,official_date,degree,theory,unit\n")
        for i in range(1, rows + 1):
            female = rnd.random() < 0.45
            b, j, o = dates(rnd)
            row = [f"M{i:07}", name(rnd, female), "F" if female else "M", iso(b), rnd.choice(ETHNIC), iso(j),
                   iso(o), rnd.choice(DEGREE_EN), rnd.choice(THEORY_EN), f"U{rnd.randint(1, 200)}"]
            out.write(",".join(row) + "\n")
    else:
        sys.exit("usage: gen_members.py office|plain ROWS SEED")


if __name__ == "__main__":
    main()
