// The small record files (units, delegates, evaluations, discipline,
// candidates) as one kind of the import engine: records of text values,
// upserted by key into one table, counted added / updated / unchanged
// against what the table holds.
#pragma once

#include "core/db/import_engine.hpp"

#include <functional>
#include <string>
#include <vector>

namespace daihoi::db {

struct KeyedRecord {
    std::vector<std::string> key;     // unique within the file; bound after the scope
    std::vector<std::string> values;  // bound after the key; "" is NULL
};

struct KeyedImport {
    std::string kind;            // "units": ImportSummary::kind, the audit entry
    std::string progress_label;  // translated ("importing units")
    // The key's first field first: its column is where a repeated key is shown.
    std::vector<io::ColumnSpec> columns;
    // Bound first (?1 …) in both statements: what the file is imported into
    // (the election of a candidate list). Not part of the key shown.
    std::vector<std::string> scope;
    // On the parsing thread: the cells into a record. A key part left empty
    // means the row has no key (its key field is bad).
    std::function<void(Cells&, KeyedRecord&, RowProblems&)> parse;
    // Optional, on the writing thread: checks the record against the
    // workspace (the member exists) and may complete it from there.
    std::function<void(SQLite::Database&, KeyedRecord&, RowProblems&)> check;
    std::string select_sql;  // scope, key → the stored values, in `values` order
    std::string upsert_sql;  // scope, key, values
    std::function<std::string(const ImportSummary&)> audit;  // optional; see ImportKindBase
};

ImportSummary import_keyed(Workspace& ws, const std::string& path, const KeyedImport& spec, const ImportRun& run);

}  // namespace daihoi::db
