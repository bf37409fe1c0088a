// The registry's value sets: the code each value is stored as, the words
// people read, and the Vietnamese words accepted as input.
#include "core/registry/member.hpp"

#include <fmt/format.h>

namespace daihoi::registry {

BirthDate BirthDate::year_only(int year) {
    BirthDate b(text::Date{year, 1, 1});
    b.year_only_ = true;
    return b;
}

std::optional<BirthDate> BirthDate::parse(std::string_view s) {
    if (auto d = text::parse_date(s)) return BirthDate(*d);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    if (s.size() != 4) return std::nullopt;
    int y = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        y = y * 10 + (c - '0');
    }
    if (!text::is_valid(y, 1, 1)) return std::nullopt;
    return year_only(y);
}

text::Date BirthDate::latest() const { return year_only_ ? text::Date{d_.year, 12, 31} : d_; }

int BirthDate::min_age_at(const text::Date& as_of) const { return text::full_years_between(latest(), as_of); }
int BirthDate::max_age_at(const text::Date& as_of) const { return text::full_years_between(earliest(), as_of); }

std::optional<int> BirthDate::age_at(const text::Date& as_of) const {
    const int lo = min_age_at(as_of), hi = max_age_at(as_of);
    if (lo != hi) return std::nullopt;
    return lo;
}

std::string BirthDate::iso() const { return year_only_ ? fmt::format("{:04}", d_.year) : d_.iso(); }
std::string BirthDate::vn() const { return year_only_ ? fmt::format("{:04}", d_.year) : d_.vn(); }

const Choices<Gender>& genders() {
    static const Choices<Gender> c{
        {Gender::Male, "M", N_("male"), {"nam"}},
        {Gender::Female, "F", N_("female"), {"nữ"}},
    };
    return c;
}

// The abbreviations of personnel lists are accepted too: CĐ, ĐH, CN, KS,
// ThS, TS; for political theory SC, TC, CC, CN.
const Choices<Degree>& degrees() {
    static const Choices<Degree> c{
        {Degree::None, "none", N_("no degree"), {"không"}},
        {Degree::College, "college", N_("college"), {"cao đẳng", "CĐ"}},
        {Degree::Bachelor, "bachelor", N_("bachelor"), {"đại học", "cử nhân", "kỹ sư", "ĐH", "CN", "KS"}},
        {Degree::Master, "master", N_("master"), {"thạc sĩ", "ThS"}},
        {Degree::Doctor, "doctor", N_("doctor"), {"tiến sĩ", "TS"}},
    };
    return c;
}

const Choices<Theory>& theories() {
    static const Choices<Theory> c{
        {Theory::None, "none", N_("no political theory"), {"không"}},
        {Theory::SoCap, "so-cap", N_("elementary political theory"), {"sơ cấp", "SC"}},
        {Theory::TrungCap, "trung-cap", N_("intermediate political theory"), {"trung cấp", "TC"}},
        {Theory::CaoCap, "cao-cap", N_("advanced political theory"), {"cao cấp", "CC"}},
        {Theory::CuNhan, "cu-nhan", N_("bachelor of political theory"), {"cử nhân", "CN"}},
    };
    return c;
}

// Quy định 366: the four grades of the yearly review, with and without
// "nhiệm vụ", and as personnel offices abbreviate them (HTXSNV, HTTNV, HTNV, KHTNV).
const Choices<Grade>& grades() {
    static const Choices<Grade> c{
        {Grade::KhongHoanThanh, "khong-hoan-thanh", N_("did not complete the tasks"),
         {"không hoàn thành nhiệm vụ", "KHTNV"}},
        {Grade::HoanThanh, "hoan-thanh", N_("completed the tasks"), {"hoàn thành nhiệm vụ", "HTNV"}},
        {Grade::Tot, "tot", N_("completed the tasks well"), {"hoàn thành tốt nhiệm vụ", "HTTNV"}},
        {Grade::XuatSac, "xuat-sac", N_("completed the tasks excellently"), {"hoàn thành xuất sắc nhiệm vụ", "HTXSNV"}},
    };
    return c;
}

}  // namespace daihoi::registry
