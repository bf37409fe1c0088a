// Header matching by folded text.
#include "core/io/columns.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/text/utf8.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

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

std::optional<std::size_t> match_column(std::string_view header, const std::vector<ColumnSpec>& specs) {
    std::string h = text::fold(header);
    for (std::size_t i = 0; i < specs.size(); ++i) {
        if (h == text::fold(specs[i].name)) return i;
        for (const auto& a : specs[i].aliases)
            if (h == text::fold(a)) return i;
    }
    return std::nullopt;
}

ColumnMap read_header(TableReader& reader, const std::vector<ColumnSpec>& specs) {
    Row header;
    if (!reader.next(header))
        throw InputError(Diagnostic{reader.path(), 0, 0, _("the file is empty (expected a header row)")});
    ColumnMap map;
    map.line = header.line;
    map.cell.assign(specs.size(), -1);
    if (reader.fixed_width()) map.width = header.cells.size();
    DiagnosticList errors;
    for (std::size_t c = 0; c < header.cells.size(); ++c) {
        const std::string& raw = header.cells[c];
        if (raw.empty()) continue;
        auto clean = text::clean(raw);
        if (!clean) {
            errors.add({reader.path(), header.line, c + 1, _("header is not valid UTF-8")});
            continue;
        }
        auto spec = match_column(*clean, specs);
        if (!spec) {
            map.ignored.push_back(*clean);
            continue;
        }
        if (map.cell[*spec] >= 0) {
            errors.add({reader.path(), header.line, c + 1,
                        _f("column '{}' appears twice (also column {})", specs[*spec].name, map.cell[*spec] + 1)});
            continue;
        }
        map.cell[*spec] = static_cast<int>(c);
    }
    for (std::size_t i = 0; i < specs.size(); ++i)
        if (specs[i].required && map.cell[i] < 0)
            errors.add({reader.path(), header.line, 0,
                        map.ignored.empty()
                            ? _f("missing required column '{}'", specs[i].name)
                            : _f("missing required column '{}' (unrecognised headers: '{}')", specs[i].name,
                                 fmt::join(map.ignored, "', '"))});
    errors.throw_if_any();
    return map;
}

}  // namespace daihoi::io
