// The registry's vocabularies and their spellings.
#include "core/registry/member.hpp"

#include "core/text/utf8.hpp"

namespace daihoi::registry {

namespace {
template <class E, std::size_t N>
std::optional<E> lookup(std::string_view s, const std::pair<const char*, E> (&table)[N]) {
    std::string f = text::fold(s);
    for (const auto& [word, value] : table)
        if (f == word) return value;
    return std::nullopt;
}
}  // namespace

std::optional<Gender> parse_gender(std::string_view s) {
    static const std::pair<const char*, Gender> t[] = {
        {"m", Gender::Male}, {"nam", Gender::Male}, {"male", Gender::Male},
        {"f", Gender::Female}, {"nu", Gender::Female}, {"female", Gender::Female}};
    return lookup(s, t);
}

std::optional<Degree> parse_degree(std::string_view s) {
    static const std::pair<const char*, Degree> t[] = {
        {"none", Degree::None},         {"khong", Degree::None},
        {"college", Degree::College},   {"cao dang", Degree::College},
        {"bachelor", Degree::Bachelor}, {"dai hoc", Degree::Bachelor}, {"cu nhan", Degree::Bachelor},
        {"ky su", Degree::Bachelor},    {"master", Degree::Master},    {"thac si", Degree::Master},
        {"doctor", Degree::Doctor},     {"tien si", Degree::Doctor}};
    return lookup(s, t);
}

std::optional<Theory> parse_theory(std::string_view s) {
    static const std::pair<const char*, Theory> t[] = {
        {"none", Theory::None},          {"khong", Theory::None},
        {"so cap", Theory::SoCap},       {"trung cap", Theory::TrungCap},
        {"cao cap", Theory::CaoCap},     {"cu nhan", Theory::CuNhan}};
    return lookup(s, t);
}

std::optional<Grade> parse_grade(std::string_view s) {
    static const std::pair<const char*, Grade> t[] = {
        {"xuat sac", Grade::XuatSac},
        {"hoan thanh xuat sac nhiem vu", Grade::XuatSac},
        {"tot", Grade::Tot},
        {"hoan thanh tot nhiem vu", Grade::Tot},
        {"hoan thanh", Grade::HoanThanh},
        {"hoan thanh nhiem vu", Grade::HoanThanh},
        {"khong hoan thanh", Grade::KhongHoanThanh},
        {"khong hoan thanh nhiem vu", Grade::KhongHoanThanh}};
    return lookup(s, t);
}

std::string_view code(Gender g) { return g == Gender::Male ? "M" : "F"; }
std::string_view code(Degree d) {
    static const char* c[] = {"none", "college", "bachelor", "master", "doctor"};
    return c[static_cast<int>(d)];
}
std::string_view code(Theory t) {
    static const char* c[] = {"none", "so-cap", "trung-cap", "cao-cap", "cu-nhan"};
    return c[static_cast<int>(t)];
}
std::string_view code(Grade g) {
    static const char* c[] = {"khong-hoan-thanh", "hoan-thanh", "tot", "xuat-sac"};
    return c[static_cast<int>(g)];
}

std::string_view label_vi(Gender g) { return g == Gender::Male ? "Nam" : "Nữ"; }
std::string_view label_vi(Degree d) {
    static const char* c[] = {"Không", "Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ"};
    return c[static_cast<int>(d)];
}
std::string_view label_vi(Theory t) {
    static const char* c[] = {"Không", "Sơ cấp", "Trung cấp", "Cao cấp", "Cử nhân"};
    return c[static_cast<int>(t)];
}
std::string_view label_vi(Grade g) {
    static const char* c[] = {"Không hoàn thành nhiệm vụ", "Hoàn thành nhiệm vụ",
                              "Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ"};
    return c[static_cast<int>(g)];
}

}  // namespace daihoi::registry
