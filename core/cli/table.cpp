// Two spaces between columns, a rule under the header, no trailing spaces.
#include "core/cli/table.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>

namespace daihoi::cli {

TextTable::TextTable(std::vector<std::string> headers, std::vector<Align> align)
    : headers_(std::move(headers)), align_(std::move(align)) {
    align_.resize(headers_.size(), Align::Left);
}

void TextTable::add(std::vector<std::string> row) {
    row.resize(headers_.size());
    rows_.push_back(std::move(row));
}

void TextTable::print(std::FILE* out) const {
    std::vector<std::size_t> w(headers_.size());
    for (std::size_t c = 0; c < headers_.size(); ++c) w[c] = text::display_width(headers_[c]);
    for (const auto& r : rows_)
        for (std::size_t c = 0; c < r.size(); ++c) w[c] = std::max(w[c], text::display_width(r[c]));
    auto line = [&](const std::vector<std::string>& cells) {
        std::string s;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (c) s += "  ";
            s += align_[c] == Align::Right ? text::pad_left(cells[c], w[c])
                                            : text::pad_right(cells[c], w[c]);
        }
        while (!s.empty() && s.back() == ' ') s.pop_back();
        s += '\n';
        std::fputs(s.c_str(), out);
    };
    line(headers_);
    std::vector<std::string> rule;
    for (std::size_t c = 0; c < w.size(); ++c) rule.push_back(std::string(w[c], '-'));
    line(rule);
    for (const auto& r : rows_) line(r);
}

}  // namespace daihoi::cli
