// Header finding and matching by folded text.
#include "core/io/columns.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/text/utf8.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string>
#include <tuple>
#include <utility>

namespace daihoi::io {

const std::string& ColumnMap::get(const Row& row, std::size_t spec) const {
    static const std::string empty;
    int i = cell[spec];
    return i >= 0 && static_cast<std::size_t>(i) < row.cells.size() ? row.cells[static_cast<std::size_t>(i)]
                                                                       : empty;
}

std::string ColumnMap::shape_problem(const Row& row) const {
    if (width == 0 || row.cells.size() == width) return {};
    if (row.cells.size() > width)
        return _f("{} fields where the header has {} (a comma in a field that is not quoted?)", row.cells.size(),
                  width);
    return _fn("{} field where the header has {}", "{} fields where the header has {}", row.cells.size(),
               row.cells.size(), width);
}

namespace {

// Headers as a message lists them: a few, each cut short, so that a file
// whose "header" is a wall of text gets a readable message, not a copy of it.
std::string shown_headers(const std::vector<std::string>& headers) {
    constexpr std::size_t kShown = 30, kBytes = 60;
    std::string out;
    for (std::size_t i = 0; i < headers.size() && i < kShown; ++i) {
        std::string_view h = headers[i];
        if (i) out += "', '";
        if (h.size() <= kBytes) {
            out += h;
            continue;
        }
        std::size_t cut = kBytes;
        while (cut > 0 && (static_cast<unsigned char>(h[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
        out += h.substr(0, cut);
        out += "…";
    }
    if (headers.size() > kShown) out += "', '…";
    return out;
}

}  // namespace

std::string fold_header(std::string_view header) {
    std::string f = text::fold(header);
    std::erase_if(f, [](char c) { return static_cast<unsigned char>(c) < 0x80 && !std::isalnum(static_cast<unsigned char>(c)); });
    return f;
}

std::optional<std::size_t> match_column(std::string_view header, const std::vector<ColumnSpec>& specs) {
    std::string h = fold_header(header);
    for (std::size_t i = 0; i < specs.size(); ++i) {
        if (h == fold_header(specs[i].name)) return i;
        for (const auto& a : specs[i].aliases)
            if (h == fold_header(a)) return i;
    }
    return std::nullopt;
}

std::vector<std::string> alias_collisions(const std::vector<ColumnSpec>& specs) {
    struct Name {
        std::string folded, text;
        std::size_t spec;
    };
    std::vector<Name> names;
    for (std::size_t i = 0; i < specs.size(); ++i) {
        names.push_back({fold_header(specs[i].name), specs[i].name, i});
        for (const auto& a : specs[i].aliases) names.push_back({fold_header(a), a, i});
    }
    std::vector<std::string> out;
    for (std::size_t a = 0; a < names.size(); ++a)
        for (std::size_t b = a + 1; b < names.size(); ++b)
            if (names[a].folded == names[b].folded && names[a].spec != names[b].spec)
                out.push_back(fmt::format("'{}' ({}) and '{}' ({})", names[a].text, specs[names[a].spec].name,
                                          names[b].text, specs[names[b].spec].name));
    return out;
}

namespace {

// Row numbers, never a field: dropped without a note.
bool is_row_number_header(const std::string& folded) {
    return folded == "stt" || folded == "tt" || folded == "sott" || folded == "sothutu" || folded == "thutu";
}

// One column of a candidate header: a cell of its bottom row, under the
// group of the row above it (a two-row header) when there is one.
struct HeaderCell {
    std::string shown;              // "Ngày sinh / Nam", "Mã", "" (no header)
    std::vector<std::string> keys;  // folded texts to match, in order: bottom, group + bottom, group alone
    bool unreadable = false;        // not valid UTF-8
};

std::string clean_or_empty(const std::string& raw, bool& unreadable) {
    if (raw.empty()) return {};
    auto c = text::clean(raw);
    if (!c) unreadable = true;
    return c ? std::move(*c) : std::string();
}

// The columns of the header whose last row is `bottom`, under `top` (or
// none). A merged group's text is in its first cell only: it reaches right
// over the cells whose bottom has text; a header merged down both rows has
// its text in the top cell and nothing below.
std::vector<HeaderCell> header_cells(const Row* top, const Row& bottom) {
    std::size_t n = bottom.cells.size();
    if (top) n = std::max(n, top->cells.size());
    std::vector<HeaderCell> out(n);
    std::string group;  // the group reaching this cell
    for (std::size_t c = 0; c < n; ++c) {
        HeaderCell& h = out[c];
        std::string b = c < bottom.cells.size() ? clean_or_empty(bottom.cells[c], h.unreadable) : std::string();
        std::string t = top && c < top->cells.size() ? clean_or_empty(top->cells[c], h.unreadable) : std::string();
        if (!t.empty()) group = b.empty() ? std::string() : t;  // a group spans cells with a bottom text
        else if (b.empty()) group.clear();
        else t = group;
        if (!b.empty()) h.keys.push_back(fold_header(b));
        if (!b.empty() && !t.empty()) h.keys.push_back(fold_header(t + b));
        if (b.empty() && !t.empty()) h.keys.push_back(fold_header(t));
        h.shown = t.empty() ? b : b.empty() ? t : t + " / " + b;
    }
    return out;
}

// How well a candidate header matches: required fields first, then columns.
struct Score {
    std::size_t required = 0, matched = 0;
    bool operator>(const Score& o) const { return std::tie(required, matched) > std::tie(o.required, o.matched); }
};

class Matcher {
public:
    Matcher(const std::string& path, const std::vector<ColumnSpec>& specs, const HeaderOptions& options)
        : specs_(specs) {
        for (std::size_t i = 0; i < specs.size(); ++i) {
            names_.emplace_back(fold_header(specs[i].name), i);
            for (const auto& a : specs[i].aliases) names_.emplace_back(fold_header(a), i);
        }
        DiagnosticList errors;
        for (const auto& [header, field] : options.mapping) {
            std::string f = fold_header(field);
            auto spec = std::find_if(specs.begin(), specs.end(), [&](const ColumnSpec& s) { return fold_header(s.name) == f; });
            if (spec == specs.end()) {
                std::vector<std::string> fields;
                for (const auto& s : specs) fields.push_back(s.name);
                errors.add({path, 0, 0, _f("--map: '{}' is not a field of this list (fields: {})", field,
                                           fmt::join(fields, ", "))});
                continue;
            }
            mapped_.push_back({fold_header(header), header, static_cast<std::size_t>(spec - specs.begin())});
        }
        errors.throw_if_any();
    }

    // The columns of `cells` matched to the specs; errors and mapping
    // entries left unused only when `errors` is given (the header chosen).
    ColumnMap assign(const std::vector<HeaderCell>& cells, std::size_t line, const std::string& path,
                     DiagnosticList* errors) const {
        ColumnMap map;
        map.line = line;
        map.cell.assign(specs_.size(), -1);
        map.header.assign(specs_.size(), std::string());
        std::vector<bool> used(mapped_.size());
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const HeaderCell& h = cells[c];
            if (h.unreadable) {
                if (errors) errors->add({path, line, c + 1, _("header is not valid UTF-8")});
                continue;
            }
            if (h.keys.empty()) continue;
            std::optional<std::size_t> spec = mapped(h, used);
            if (!spec) spec = guess(h);
            if (!spec) {
                if (!is_row_number_header(h.keys.front())) map.ignored.push_back(h.shown);
                continue;
            }
            if (map.cell[*spec] >= 0) {
                if (errors)
                    errors->add({path, line, c + 1,
                                 _f("column '{}' appears twice (also column {})", specs_[*spec].name,
                                    map.cell[*spec] + 1)});
                continue;
            }
            map.cell[*spec] = static_cast<int>(c);
            map.header[*spec] = h.shown;
        }
        if (errors)
            for (std::size_t m = 0; m < mapped_.size(); ++m)
                if (!used[m]) errors->add({path, line, 0, _f("--map: no column '{}' in the header (line {})", mapped_[m].text, line)});
        return map;
    }

    // The required fields `map` gives, and what is missing (when `errors`).
    Score score(const ColumnMap& map, const std::string& path, DiagnosticList* errors) const {
        Score s;
        for (std::size_t i = 0; i < specs_.size(); ++i) {
            // A part column counts only with the other parts of its field: a
            // data row's "Nam" (a gender) is not the "Nam" | "Nữ" header.
            if (map.has(i) && (specs_[i].stands_for.empty() || parts_complete(map, i))) ++s.matched;
            if (!specs_[i].stands_for.empty() && map.has(i) && errors)
                for (std::size_t j = 0; j < specs_.size(); ++j)
                    if (specs_[j].stands_for == specs_[i].stands_for && !map.has(j))
                        errors->add({path, map.line, map.column(i),
                                     _f("column '{}' needs a column '{}' beside it", specs_[i].name, specs_[j].name)});
            if (!specs_[i].required) continue;
            if (map.has(i) || by_parts(map, specs_[i].name)) {
                ++s.required;
            } else if (errors) {
                errors->add({path, map.line, 0,
                             map.ignored.empty()
                                 ? _f("missing required column '{}'", specs_[i].name)
                                 : _f("missing required column '{}' (unrecognised headers: '{}')", specs_[i].name,
                                      shown_headers(map.ignored))});
            }
        }
        return s;
    }

private:
    struct Mapped {
        std::string folded, text;
        std::size_t spec;
    };

    std::optional<std::size_t> mapped(const HeaderCell& h, std::vector<bool>& used) const {
        for (const auto& key : h.keys)
            for (std::size_t m = 0; m < mapped_.size(); ++m)
                if (mapped_[m].folded == key) {
                    used[m] = true;
                    return mapped_[m].spec;
                }
        return std::nullopt;
    }

    std::optional<std::size_t> guess(const HeaderCell& h) const {
        for (const auto& key : h.keys)
            for (const auto& [name, spec] : names_)
                if (name == key) return spec;
        return std::nullopt;
    }

    // True when every part standing for what part `i` stands for is present.
    bool parts_complete(const ColumnMap& map, std::size_t i) const {
        for (std::size_t j = 0; j < specs_.size(); ++j)
            if (specs_[j].stands_for == specs_[i].stands_for && !map.has(j)) return false;
        return true;
    }

    // True when every part standing for `field` is present (and there is one).
    bool by_parts(const ColumnMap& map, const std::string& field) const {
        bool any = false;
        for (std::size_t i = 0; i < specs_.size(); ++i) {
            const auto& f = specs_[i].stands_for;
            if (std::find(f.begin(), f.end(), field) == f.end()) continue;
            if (!map.has(i)) return false;
            any = true;
        }
        return any;
    }

    const std::vector<ColumnSpec>& specs_;
    std::vector<std::pair<std::string, std::size_t>> names_;  // folded name or alias → spec
    std::vector<Mapped> mapped_;
};

// A row of column numbers under a header of `columns` named columns, as
// Vietnamese forms have them: "(1) (2) (3) …" or "1 2 3 4 …", one a column.
bool is_column_numbers(const Row& row, std::size_t columns) {
    std::size_t n = 0;
    long expect = 1;
    bool parenthesised = true, consecutive = true;
    for (const auto& raw : row.cells) {
        auto c = text::clean(raw);
        if (!c || c->empty()) continue;
        std::string_view v = *c;
        if (v.size() > 2 && v.front() == '(' && v.back() == ')') v = v.substr(1, v.size() - 2);
        else parenthesised = false;
        if (v.empty() || v.size() > 3 || !std::all_of(v.begin(), v.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
            return false;
        long number = std::stol(std::string(v));
        consecutive = consecutive && number == expect;
        expect = number + 1;
        ++n;
    }
    return n >= 3 && n == columns && (parenthesised || consecutive);
}

}  // namespace

Table::Table(TableReader& reader, const std::vector<ColumnSpec>& specs, const HeaderOptions& options)
    : reader_(reader) {
    const std::string& path = reader.path();
    Matcher matcher(path, specs, options);
    // Read ahead: the rows where the header may be (up to the line asked for).
    std::vector<Row> rows;
    auto read_one = [&]() {
        if (broken_) return false;
        Row r;
        try {
            if (!reader_.next(r)) return false;
        } catch (const InputError&) {
            broken_ = std::current_exception();
            return false;
        }
        rows.push_back(std::move(r));
        return true;
    };
    if (options.header_row)
        while ((rows.empty() || rows.back().line < *options.header_row) && read_one()) {
        }
    else
        while (rows.size() < kHeaderLookahead && read_one()) {
        }
    if (rows.empty()) {
        if (broken_) std::rethrow_exception(broken_);
        throw InputError(Diagnostic{path, 0, 0, _("the file is empty (expected a header row)")});
    }

    // The candidates: each row alone, and each row under the one just above it.
    std::size_t best = 0;
    bool best_pair = false;
    Score best_score;
    bool any = false;
    auto consider = [&](std::size_t i, bool pair) {
        const Row* top = pair ? &rows[i - 1] : nullptr;
        ColumnMap m = matcher.assign(header_cells(top, rows[i]), rows[i].line, path, nullptr);
        Score s = matcher.score(m, path, nullptr);
        if (!any || s > best_score) best = i, best_pair = pair, best_score = s, any = true;
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (options.header_row && rows[i].line != *options.header_row) continue;
        consider(i, false);
        if (i > 0 && rows[i - 1].line + 1 == rows[i].line) consider(i, true);
    }
    if (!any) {
        if (broken_) std::rethrow_exception(broken_);
        throw InputError(Diagnostic{path, *options.header_row, 0,
                                    _f("--header-row {}: that line is empty or past the end of the file",
                                       *options.header_row)});
    }

    DiagnosticList errors;
    const auto cells = header_cells(best_pair ? &rows[best - 1] : nullptr, rows[best]);
    map_ = matcher.assign(cells, rows[best].line, path, &errors);
    matcher.score(map_, path, &errors);
    errors.throw_if_any();
    if (reader_.fixed_width()) map_.width = rows[best].cells.size();
    for (std::size_t i = 0; i < specs.size() && key_cell_ < 0; ++i)
        if (specs[i].required && map_.has(i)) key_cell_ = map_.cell[i];

    // The rows below the header are data, but for a row of column numbers.
    std::size_t first = best + 1;
    if (first == rows.size()) read_one();
    std::size_t named = 0;
    for (const auto& h : cells) named += !h.shown.empty();
    if (first < rows.size() && is_column_numbers(rows[first], named)) ++first;
    ahead_.assign(std::make_move_iterator(rows.begin() + static_cast<std::ptrdiff_t>(std::min(first, rows.size()))),
                  std::make_move_iterator(rows.end()));
}

bool Table::next(Row& row) {
    if (footer_line_) return false;
    if (next_ahead_ < ahead_.size()) {
        row = std::move(ahead_[next_ahead_++]);
    } else {
        if (broken_) std::rethrow_exception(std::exchange(broken_, nullptr));
        if (!reader_.next(row)) return false;
    }
    if (is_footer(row)) {
        footer_line_ = row.line;
        return false;
    }
    return true;
}

bool Table::is_footer(const Row& row) {
    // A data row fills its key (a code has no space): never a footer. Only
    // the other rows are looked at, so the row loop pays nothing for this.
    if (key_cell_ >= 0 && static_cast<std::size_t>(key_cell_) < row.cells.size()) {
        const std::string& key = row.cells[static_cast<std::size_t>(key_cell_)];
        if (!key.empty() && key.find(' ') == std::string::npos) return false;
    }
    for (const auto& raw : row.cells) {
        if (raw.empty()) continue;
        auto c = text::clean(raw);
        if (!c || c->empty()) continue;
        if (!looks_like_footer(*c)) return false;
        footer_ = std::move(*c);
        return true;
    }
    return false;
}

ColumnMap read_header(TableReader& reader, const std::vector<ColumnSpec>& specs) {
    return Table(reader, specs).columns();
}

namespace {

// True when `s` starts with the word(s) `prefix`: followed by nothing, a
// space, a digit or punctuation ("Cộng: 25", not "Cộngđồng").
bool starts_with_words(std::string_view s, std::string_view prefix) {
    if (!s.starts_with(prefix)) return false;
    if (s.size() == prefix.size()) return true;
    unsigned char next = static_cast<unsigned char>(s[prefix.size()]);
    return next < 0x80 && !std::isalpha(next);
}

}  // namespace

bool looks_like_footer(std::string_view first_cell) {
    static const char* const kStarts[] = {"tổng cộng", "cộng",     "tổng số",    "người lập biểu", "người lập bảng",
                                          "t/m",       "tm",       "kt.",        "xác nhận",       "thủ trưởng",
                                          "bí thư",    "trưởng ban"};
    std::string s = text::lower(first_cell);
    for (const char* p : kStarts)
        if (starts_with_words(s, p)) return true;
    // "Tân Lập, ngày 15 tháng 7 năm 2025", "Ngày … tháng … năm …".
    std::size_t day = s.find("ngày");
    if (day == std::string::npos) return false;
    std::string_view before = std::string_view(s).substr(0, day);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    if (!before.empty() && before.back() != ',') return false;
    std::size_t month = s.find("tháng", day);
    return month != std::string::npos && s.find("năm", month) != std::string::npos;
}

}  // namespace daihoi::io
