// The flags file of the `flag` criterion: a code column, then one column
// per flag, cells yes / no / empty.
#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/io/table.hpp"
#include "core/standards/check.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <unordered_map>

namespace daihoi::standards {

namespace {

std::optional<bool> yes_no(const std::string& folded) {
    static const char* yes[] = {"1", "x", "yes", "y", "true", "co", "dat"};
    static const char* no[] = {"0", "no", "n", "false", "khong", "khong dat"};
    for (const char* s : yes)
        if (folded == s) return true;
    for (const char* s : no)
        if (folded == s) return false;
    return std::nullopt;
}

}  // namespace

Flags Flags::load(const std::string& path) {
    auto reader = io::open_table(path);
    Flags f;
    DiagnosticList errors;
    io::Row row;
    if (!reader->next(row))
        throw InputError(Diagnostic{path, 0, 0, _("the file is empty; expected a header row")});
    int code_col = -1;
    std::vector<int> flag_cols;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
        auto h = text::clean(row.cells[c]);
        if (!h) {
            errors.add({path, row.line, c + 1, _("not valid UTF-8"), "header"});
            continue;
        }
        if (h->empty()) continue;
        std::string folded = text::fold(*h);
        if (folded == "code" || folded == "ma") {
            if (code_col >= 0) errors.add({path, row.line, c + 1, _("a second code column")});
            code_col = static_cast<int>(c);
        } else if (std::find(f.names_.begin(), f.names_.end(), folded) != f.names_.end()) {
            errors.add({path, row.line, c + 1, _f("flag '{}' has two columns", *h)});
        } else {
            f.names_.push_back(folded);
            f.headers_.push_back(*h);
            flag_cols.push_back(static_cast<int>(c));
        }
    }
    if (code_col < 0) errors.add({path, row.line, 0, _("no code column (code or Mã)")});
    errors.throw_if_any();
    std::unordered_map<std::string, std::size_t> line_of;
    while (reader->next(row)) {
        auto cell = [&](int c) {
            return c < static_cast<int>(row.cells.size()) ? row.cells[c] : std::string();
        };
        const auto code_column = static_cast<std::size_t>(code_col) + 1;
        const std::string raw = cell(code_col);
        std::optional<std::string> code{std::in_place};
        if (auto fault = text::clean_field(raw, *code)) {
            errors.add({path, row.line, code_column, fault->message(raw), "code"});
            continue;
        }
        if (code->empty()) {
            errors.add({path, row.line, code_column, _("missing"), "code"});
            continue;
        }
        std::vector<std::int8_t> values(flag_cols.size(), -1);
        for (std::size_t i = 0; i < flag_cols.size(); ++i) {
            auto v = text::clean(cell(flag_cols[i]));
            if (!v || v->empty()) continue;
            auto b = yes_no(text::fold(*v));
            if (!b) {
                errors.add({path, row.line, static_cast<std::size_t>(flag_cols[i]) + 1,
                            _f("'{}' is neither yes (1, x, có) nor no (0, không)", *v),
                            f.headers_[i]});
                continue;
            }
            values[i] = *b ? 1 : 0;
        }
        if (auto [at, added] = line_of.emplace(*code, row.line); !added) {
            errors.add({path, row.line, code_column, _f("'{}' repeats line {}", *code, at->second),
                        "code"});
            continue;
        }
        f.values_.emplace(*code, std::move(values));
    }
    errors.throw_if_any();
    return f;
}

std::optional<bool> Flags::get(const std::string& code, const std::string& flag) const {
    // The header as written first: folding costs more than the lookup.
    auto col = std::find(headers_.begin(), headers_.end(), flag) - headers_.begin();
    if (col == static_cast<std::ptrdiff_t>(headers_.size()))
        col = std::find(names_.begin(), names_.end(), text::fold(flag)) - names_.begin();
    if (col == static_cast<std::ptrdiff_t>(names_.size())) return std::nullopt;
    auto it = values_.find(code);
    if (it == values_.end()) return std::nullopt;
    std::int8_t v = it->second[static_cast<std::size_t>(col)];
    if (v < 0) return std::nullopt;
    return v == 1;
}

}  // namespace daihoi::standards
