// A cell as printed (cells.hpp).
#include "core/report/cells.hpp"

#include <fmt/format.h>

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

std::string format_number(double x, int decimals, const std::string& decimal,
                          const std::string& thousands) {
    decimals = std::max(0, decimals);
    std::string s = fmt::format("{:.{}f}", std::abs(x), decimals);
    std::string whole = s.substr(0, s.find('.'));
    std::string frac = decimals > 0 ? s.substr(s.find('.') + 1) : std::string();
    std::string out;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) out += thousands;
        out += whole[i];
    }
    if (!frac.empty()) out += decimal + frac;
    bool zero = out.find_first_not_of("0.,") == std::string::npos;
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
