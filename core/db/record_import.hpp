// The one mechanism for importing small record files (units, delegates,
// evaluations, discipline, candidates): read the header, parse and check
// every row, refuse the whole file if any row is bad (listing each), else
// upsert by key and count added / updated / unchanged, in one transaction.
#pragma once

#include "core/db/import.hpp"
#include "core/db/workspace.hpp"
#include "core/io/columns.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace daihoi::db {

struct Record {
    std::vector<std::string> key;     // bound as ?1…?k; unique within the file
    std::vector<std::string> values;  // bound after the key; "" is NULL
};

struct RecordImport {
    std::string what;  // "units", used in the audit summary
    std::vector<io::ColumnSpec> columns;
    // Parses one row (cells already NFC-clean, by column spec index) into
    // `rec`; returns the problems, each "field: what is wrong".
    std::function<std::vector<std::string>(const std::vector<std::string>& cells, Record& rec)> parse;
    // Checks a parsed record against the workspace (e.g. the member exists)
    // and may complete it from there; returns the problems. May be empty.
    std::function<std::vector<std::string>(SQLite::Database&, Record&)> check;
    std::string select_sql;  // key → the stored values, in `values` order
    std::string upsert_sql;  // key, then values
};

ImportSummary import_records(Workspace& ws, const std::string& path, const std::optional<std::string>& sheet,
                            bool dry_run, const RecordImport& spec);

}  // namespace daihoi::db
