// Small files only (thousands of rows): the members import has its own
// pipelined path for the million-row case.
#include "core/db/record_import.hpp"

#include "core/error.hpp"
#include "core/io/seen_keys.hpp"
#include "core/text/utf8.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace daihoi::db {

ImportSummary import_records(Workspace& ws, const std::string& path, const std::optional<std::string>& sheet,
                             bool dry_run, const RecordImport& spec) {
    auto reader = io::open_table(path, sheet);
    io::ColumnMap cols = io::read_header(*reader, spec.columns);
    ImportSummary r;
    r.kind = spec.what;
    r.file = path;
    r.dry_run = dry_run;
    r.ignored_columns = cols.ignored;
    Transaction tx(ws);
    SQLite::Statement existing(ws.db(), spec.select_sql);
    SQLite::Statement upsert(ws.db(), spec.upsert_sql);
    DiagnosticList errors;
    io::SeenKeys seen;
    io::Row row;
    while (reader->next(row)) {
        std::vector<std::string> cells(spec.columns.size());
        std::vector<std::string> problems;
        // A shifted row's fields would only mislead; otherwise each bad field is listed.
        const std::string shape = cols.shape_problem(row);
        if (!shape.empty()) problems.push_back(shape);
        for (std::size_t c = 0; shape.empty() && c < spec.columns.size(); ++c) {
            auto v = text::clean(cols.get(row, c));
            if (!v) problems.push_back(fmt::format("{}: invalid UTF-8", spec.columns[c].name));
            else cells[c] = std::move(*v);
        }
        Record rec;
        if (problems.empty()) problems = spec.parse(cells, rec);
        if (problems.empty() && spec.check) problems = spec.check(ws.db(), rec);
        // A key repeated is reported even when either row has other problems.
        bool keyed = !rec.key.empty() && std::none_of(rec.key.begin(), rec.key.end(),
                                                       [](const std::string& k) { return k.empty(); });
        if (keyed)
            if (auto earlier = seen.insert(fmt::format("{}", fmt::join(rec.key, "\x1f")), row.line))
                problems.push_back(fmt::format("{}: {} repeats line {}", spec.columns[0].name,
                                               fmt::join(rec.key, " "), *earlier));
        // Each problem is "field: …": it names its column.
        for (auto& p : problems) {
            std::size_t column = 0;
            for (std::size_t c = 0; c < spec.columns.size(); ++c)
                if (cols.has(c) && p.rfind(spec.columns[c].name + ":", 0) == 0) column = cols.column(c);
            errors.add({reader->path(), row.line, column, p});
        }
        if (!problems.empty() || !errors.empty()) continue;
        int i = 1;
        for (const auto& k : rec.key) existing.bind(i++, k);
        std::optional<std::vector<std::string>> old;
        if (existing.executeStep()) {
            old.emplace();
            for (int c = 0; c < existing.getColumnCount(); ++c) old->push_back(existing.getColumn(c).getString());
        }
        existing.reset();
        if (old && *old == rec.values) {
            ++r.unchanged;
            continue;
        }
        ++(old ? r.updated : r.added);
        i = 1;
        for (const auto& k : rec.key) upsert.bind(i++, k);
        for (const auto& v : rec.values) {
            if (v.empty()) upsert.bind(i++);
            else upsert.bind(i++, v);
        }
        upsert.exec();
        upsert.reset();
    }
    errors.throw_if_any();
    if (dry_run) {
        tx.rollback();
        return r;
    }
    tx.commit(fmt::format("{} import {}: {} added, {} updated, {} unchanged", spec.what, path, r.added, r.updated,
                          r.unchanged));
    return r;
}

}  // namespace daihoi::db
