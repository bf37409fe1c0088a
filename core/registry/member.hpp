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
//   degree  none, college, bachelor, master, doctor (không, cao đẳng/CĐ, đại học/ĐH/CN/KS, thạc sĩ/ThS, tiến sĩ/TS)
//   theory  none, so-cap, trung-cap, cao-cap, cu-nhan (sơ cấp/SC, trung cấp/TC, cao cấp/CC, cử nhân/CN)
//   grade   khong-hoan-thanh, hoan-thanh, tot, xuat-sac ("Hoàn thành tốt nhiệm vụ", HTTNV, …)
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

// Ngày sinh as the lists keep it: a full date, or only the year ("Năm
// sinh: 1968"). A year alone is never made into 1 January: the rules ask
// for the earliest and the latest possible date and answer exactly only when
// both give the same answer. Stored (and written to JSON and CSV) as
// "1968-03-05" or "1968"; sorted by the earliest possible date, a year alone
// before the full dates of its 1 January (as the stored text sorts).
class BirthDate {
public:
    BirthDate() = default;  // none (read from nothing)
    BirthDate(const text::Date& d) : d_(d) {}  // NOLINT(google-explicit-constructor): a full date
    static BirthDate year_only(int year);
    // A date as parse_date reads it, or a year alone (4 digits, spaces around
    // ignored); nullopt for anything else (the caller says text::not_a_date).
    static std::optional<BirthDate> parse(std::string_view s);

    bool known() const { return d_.year != 0; }
    bool is_year_only() const { return year_only_; }
    int year() const { return d_.year; }
    text::Date earliest() const { return d_; }  // 1 January for a year alone
    text::Date latest() const;                  // 31 December for a year alone
    // Full years at `as_of` when the birth date says so exactly; nullopt
    // when the age turns within the unknown part of the year.
    std::optional<int> age_at(const text::Date& as_of) const;
    int min_age_at(const text::Date& as_of) const;  // born as late as possible
    int max_age_at(const text::Date& as_of) const;  // born as early as possible

    std::string iso() const;  // "1968-03-05" or "1968"
    std::string vn() const;   // "05/03/1968" or "1968"

    auto operator<=>(const BirthDate& o) const {
        if (auto c = d_ <=> o.d_; c != 0) return c;
        return o.year_only_ <=> year_only_;  // the year alone first
    }
    bool operator==(const BirthDate&) const = default;

private:
    text::Date d_;
    bool year_only_ = false;
};

struct Member {
    std::string code;  // mã đảng viên, e.g. the party card number
    std::string full_name;
    Gender gender = Gender::Male;
    BirthDate birth_date;
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
