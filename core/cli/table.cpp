// Two spaces between columns, a rule under the header, no trailing spaces.
#include "core/cli/table.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string_view>

namespace daihoi::cli {

// The rule under a last, left-aligned column stops here: such a column is
// not padded, and one long cell (an audit summary naming 200 candidates)
// must not draw a rule across many screens.
constexpr std::size_t kLastRuleMax = 60;

TextTable::TextTable(std::vector<std::string> headers, std::vector<Align> align)
    : headers_(std::move(headers)), align_(std::move(align)) {
    align_.resize(headers_.size(), Align::Left);
    for (const auto& h : headers_) width_.push_back(text::display_width(h));
}

void TextTable::add(std::vector<std::string> row) {
    row.resize(headers_.size());
    for (std::size_t c = 0; c < row.size(); ++c) {
        width_[c] = std::max(width_[c], text::display_width(row[c]));
        text_ += row[c];
        if (text_.size() > std::numeric_limits<std::uint32_t>::max())
            throw std::length_error("a terminal table over 4 GB: write a report instead");
        cells_.push_back(static_cast<std::uint32_t>(text_.size()));
    }
}

void TextTable::print(std::FILE* out) const {
    const std::size_t n = headers_.size();
    std::string s;
    auto line = [&](auto cell) {
        s.clear();
        for (std::size_t c = 0; c < n; ++c) {
            if (c) s += "  ";
            std::string_view v = cell(c);
            s += align_[c] == Align::Right ? text::pad_left(v, width_[c]) : text::pad_right(v, width_[c]);
        }
        while (!s.empty() && s.back() == ' ') s.pop_back();
        s += '\n';
        std::fputs(s.c_str(), out);
    };
    line([&](std::size_t c) { return std::string_view(headers_[c]); });
    std::vector<std::string> rule;
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t w = width_[c];
        if (c + 1 == n && align_[c] == Align::Left)
            w = std::min(w, std::max(kLastRuleMax, text::display_width(headers_[c])));
        rule.push_back(std::string(w, '-'));
    }
    line([&](std::size_t c) { return std::string_view(rule[c]); });
    for (std::size_t r = 0; r < rows(); ++r)
        line([&](std::size_t c) {
            std::size_t i = r * n + c;
            std::size_t start = i ? cells_[i - 1] : 0;
            return std::string_view(text_).substr(start, cells_[i] - start);
        });
}

}  // namespace daihoi::cli
