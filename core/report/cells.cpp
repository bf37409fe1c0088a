// A cell as printed (cells.hpp).
#include "core/report/cells.hpp"

#include <fmt/format.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cmath>

namespace daihoi::report {

const std::string* value_label(const Column& c, const Value& v) {
    if (c.value_labels.empty()) return nullptr;
    std::string key;
    if (auto* s = std::get_if<std::string>(&v))
        key = *s;
    else if (auto* i = std::get_if<std::int64_t>(&v))
        key = std::to_string(*i);
    else if (auto* b = std::get_if<bool>(&v))
        key = *b ? "1" : "0";  // their CSV form
    else
        return nullptr;
    auto it = c.value_labels.find(key);
    return it == c.value_labels.end() ? nullptr : &it->second;
}

std::string localize_number(std::string_view dot_decimal, const std::string& decimal,
                            const std::string& thousands) {
    std::string out;
    if (dot_decimal.starts_with('-')) {
        out += '-';
        dot_decimal.remove_prefix(1);
    }
    const std::size_t dot = dot_decimal.find('.');
    const std::string_view whole = dot_decimal.substr(0, dot);
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) out += thousands;
        out += whole[i];
    }
    if (dot != std::string_view::npos) out.append(decimal).append(dot_decimal.substr(dot + 1));
    return out;
}

std::string upper_vi(const std::string& s) {
    std::string out;
    icu::UnicodeString::fromUTF8(s).toUpper(icu::Locale("vi")).toUTF8String(out);
    return out;
}

std::string upper_first(const std::string& s) {
    if (s.empty()) return s;
    std::size_t n = 1;  // the first code point's UTF-8 bytes
    while (n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
    return upper_vi(s.substr(0, n)) + s.substr(n);
}

std::string format_number(double x, int decimals, const std::string& decimal,
                          const std::string& thousands) {
    std::string out =
        localize_number(fmt::format("{:.{}f}", std::abs(x), std::max(0, decimals)), decimal, thousands);
    bool zero = out.find_first_not_of("0.,") == std::string::npos;  // never "-0,0"
    return x < 0 && !zero ? "-" + out : out;
}

CellAlign cell_align(const Column& c) {
    switch (c.type) {
        case ColumnType::Text:
            return c.align == Align::Center || (c.align == Align::Auto && !c.value_labels.empty())
                       ? CellAlign::Center
                       : CellAlign::Left;
        case ColumnType::Int:
        case ColumnType::Bool:
        case ColumnType::Date:
            return CellAlign::Center;
        case ColumnType::Number:
            return CellAlign::Right;
    }
    return CellAlign::Left;
}

std::string printed_text(const Column& c, const Value& v, const PrintLabels& p) {
    if (const std::string* label = value_label(c, v)) return *label;
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&v)) return format_number(*d, c.decimals, p.decimal, p.thousands);
    if (auto* dt = std::get_if<text::Date>(&v)) return dt->vn();
    if (auto* b = std::get_if<bool>(&v)) return *b ? "x" : "";
    return "";
}

}  // namespace daihoi::report
