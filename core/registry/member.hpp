// A party member (đảng viên) as the registry keeps it, and the closed
// vocabularies of the registry: gender, degree, political theory, quality grade.
#pragma once

#include "core/base/choice.hpp"
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

// The value sets, one table each (code for the database, CSV and JSON;
// label for people, in their language; Vietnamese words accepted as input):
//   gender  M, F                                   (Nam, Nữ)
//   degree  none, college, bachelor, master, doctor (không, cao đẳng, đại học, thạc sĩ, tiến sĩ)
//   theory  none, so-cap, trung-cap, cao-cap, cu-nhan (sơ cấp, trung cấp, cao cấp, cử nhân)
//   grade   khong-hoan-thanh, hoan-thanh, tot, xuat-sac ("Hoàn thành tốt nhiệm vụ", …)
const Choices<Gender>& genders();
const Choices<Degree>& degrees();
const Choices<Theory>& theories();
const Choices<Grade>& grades();

// The value `s` names, ignoring case and diacritics ("Nữ", "nu", "F");
// nullopt for anything else (the caller reports genders().unknown(s)). Called
// for every row of an import: the tables hold their words folded already.
inline std::optional<Gender> parse_gender(std::string_view s) { return genders().parse(s); }
inline std::optional<Degree> parse_degree(std::string_view s) { return degrees().parse(s); }
inline std::optional<Theory> parse_theory(std::string_view s) { return theories().parse(s); }
inline std::optional<Grade> parse_grade(std::string_view s) { return grades().parse(s); }

// Stable codes used in the database, CSV and JSON: "M"/"F", "bachelor", "trung-cap", "tot".
inline std::string_view code(Gender g) { return genders().code(g); }
inline std::string_view code(Degree d) { return degrees().code(d); }
inline std::string_view code(Theory t) { return theories().code(t); }
inline std::string_view code(Grade g) { return grades().code(g); }

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
