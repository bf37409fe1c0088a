// A party member (đảng viên) as the registry keeps it, and the closed
// vocabularies of the registry: gender, degree, political theory, quality grade.
#pragma once

#include "core/text/date.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace daihoi::registry {

enum class Gender { Male /* Nam */, Female /* Nữ */ };

enum class Degree { None, College /* cao đẳng */, Bachelor /* đại học */, Master /* thạc sĩ */,
                    Doctor /* tiến sĩ */ };

// Lý luận chính trị: sơ cấp < trung cấp < cao cấp < cử nhân.
enum class Theory { None, SoCap, TrungCap, CaoCap, CuNhan };

// Xếp loại chất lượng (Quy định 366): hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành.
enum class Grade { KhongHoanThanh, HoanThanh, Tot, XuatSac };

// Parsers accept the English code and the Vietnamese word, ignoring case and
// diacritics ("Nữ", "nu", "F"); nullopt for anything else.
std::optional<Gender> parse_gender(std::string_view s);
std::optional<Degree> parse_degree(std::string_view s);
std::optional<Theory> parse_theory(std::string_view s);
std::optional<Grade> parse_grade(std::string_view s);

// Stable codes used in the database, CSV and JSON: "M"/"F", "bachelor", "trung-cap", "tot".
std::string_view code(Gender g);
std::string_view code(Degree d);
std::string_view code(Theory t);
std::string_view code(Grade g);

// Vietnamese words for reports: "Nam"/"Nữ", "Đại học", "Trung cấp", "Tốt".
std::string_view label_vi(Gender g);
std::string_view label_vi(Degree d);
std::string_view label_vi(Theory t);
std::string_view label_vi(Grade g);

struct Member {
    std::string code;  // mã đảng viên, e.g. the party card number
    std::string full_name;
    Gender gender = Gender::Male;
    text::Date birth_date;
    std::string ethnicity = "Kinh";  // dân tộc
    std::string religion;            // tôn giáo
    std::optional<text::Date> party_join_date;  // ngày vào Đảng
    std::optional<text::Date> official_date;    // ngày chính thức; none = probationary (dự bị)
    std::string education;                      // trình độ học vấn, e.g. "12/12"
    std::optional<Degree> degree;               // chuyên môn
    std::optional<Theory> theory;               // lý luận chính trị
    std::string position;                       // chức vụ
    std::string unit;                           // code of the subordinate organization
    bool incumbent = false;                     // on the outgoing committee

    bool probationary() const { return !official_date.has_value(); }
    bool operator==(const Member&) const = default;
};

}  // namespace daihoi::registry
