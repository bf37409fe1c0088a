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
constexpr std::size_t kStreamChunk = 1 << 20;

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

std::size_t TextTable::width_of(std::size_t c, std::string_view v) const {
    if (v.size() > sizeof(Seen::text)) return text::display_width(v);
    if (seen_.size() != headers_.size()) seen_.resize(headers_.size());
    Seen& last = seen_[c];
    if (last.size == v.size() && std::equal(v.begin(), v.end(), last.text)) return last.width;
    std::copy(v.begin(), v.end(), last.text);
    last.size = static_cast<std::uint8_t>(v.size());
    last.width = text::display_width(v);
    return last.width;
}

template <class Cell>
void TextTable::line(std::string& s, Cell cell) const {
    const std::size_t n = headers_.size();
    for (std::size_t c = 0; c < n; ++c) {
        if (c) s += "  ";
        std::string_view v = cell(c);
        const std::size_t w = width_of(c, v);
        const std::size_t pad = w < width_[c] ? width_[c] - w : 0;
        if (align_[c] == Align::Right) s.append(pad, ' ');
        s += v;
        if (align_[c] == Align::Left && c + 1 < n) s.append(pad, ' ');
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    s += '\n';
}

void TextTable::rule(std::string& s) const {
    const std::size_t n = headers_.size();
    std::vector<std::string> dashes;
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t w = width_[c];
        if (c + 1 == n && align_[c] == Align::Left)
            w = std::min(w, std::max(kLastRuleMax, text::display_width(headers_[c])));
        dashes.push_back(std::string(w, '-'));
    }
    line(s, [&](std::size_t c) { return std::string_view(dashes[c]); });
}

void TextTable::print(std::FILE* out) const {
    const std::size_t n = headers_.size();
    std::string s;
    line(s, [&](std::size_t c) { return std::string_view(headers_[c]); });
    rule(s);
    for (std::size_t r = 0; r < rows(); ++r) {
        line(s, [&](std::size_t c) {
            std::size_t i = r * n + c;
            std::size_t start = i ? cells_[i - 1] : 0;
            return std::string_view(text_).substr(start, cells_[i] - start);
        });
        if (s.size() >= kStreamChunk) {
            std::fwrite(s.data(), 1, s.size(), out);
            s.clear();
        }
    }
    std::fwrite(s.data(), 1, s.size(), out);
}

void TextTable::begin_stream(std::vector<std::size_t> widths, std::FILE* out) {
    out_ = out;
    widths.resize(headers_.size());
    for (std::size_t c = 0; c < headers_.size(); ++c) width_[c] = std::max(width_[c], widths[c]);
    line(buf_, [&](std::size_t c) { return std::string_view(headers_[c]); });
    rule(buf_);
}

void TextTable::stream(const std::string_view* cells, std::size_t count) {
    line(buf_, [&](std::size_t c) { return c < count ? cells[c] : std::string_view(); });
    if (buf_.size() >= kStreamChunk) {
        std::fwrite(buf_.data(), 1, buf_.size(), out_);
        buf_.clear();
    }
}

void TextTable::end_stream() {
    if (out_ && !buf_.empty()) std::fwrite(buf_.data(), 1, buf_.size(), out_);
    buf_.clear();
}

}  // namespace daihoi::cli
