// Keyed records through the import engine: the check hook compares with the
// stored values, the write hook upserts.
#include "core/db/keyed_import.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <optional>

namespace daihoi::db {

namespace {

int bind_all(SQLite::Statement& q, int i, const std::vector<std::string>& values) {
    for (const auto& v : values) q.bind(i++, v);
    return i;
}

}  // namespace

ImportSummary import_keyed(Workspace& ws, const std::string& path, const KeyedImport& spec, const ImportRun& run) {
    std::optional<SQLite::Statement> existing, upsert;
    ImportKind<KeyedRecord> k;
    k.kind = spec.kind;
    k.progress_label = spec.progress_label;
    k.columns = spec.columns;
    k.key_field = spec.columns.front().name;
    k.audit = spec.audit;
    k.batch_rows = 256;  // small files: the writer starts soon
    k.prepare = [&](io::SeenKeys&) {
        existing.emplace(ws.db(), spec.select_sql);
        upsert.emplace(ws.db(), spec.upsert_sql);
    };
    k.parse = spec.parse;
    k.key = [](const KeyedRecord& r) {
        std::string key;
        if (r.key.empty() || std::any_of(r.key.begin(), r.key.end(), [](const auto& s) { return s.empty(); }))
            return key;
        for (std::size_t i = 0; i < r.key.size(); ++i) {
            if (i) key += '\x1f';
            key += r.key[i];
        }
        return key;
    };
    k.check = [&](KeyedRecord& r, RowProblems& problems) {
        if (spec.check) spec.check(ws.db(), r, problems);
        if (!problems.empty()) return Change::Added;  // not counted
        bind_all(*existing, bind_all(*existing, 1, spec.scope), r.key);
        std::optional<std::vector<std::string>> old;
        if (existing->executeStep()) {
            old.emplace();
            for (int c = 0; c < existing->getColumnCount(); ++c) old->push_back(existing->getColumn(c).getString());
        }
        existing->reset();
        return !old ? Change::Added : *old == r.values ? Change::Unchanged : Change::Updated;
    };
    k.write = [&](const KeyedRecord& r, Change) {
        int i = bind_all(*upsert, bind_all(*upsert, 1, spec.scope), r.key);
        for (const auto& v : r.values) {
            if (v.empty()) upsert->bind(i++);
            else upsert->bind(i++, v);
        }
        upsert->exec();
        upsert->reset();
    };
    // The record as stored: its columns in the spec's order (key, then values).
    k.preview = [&spec](const KeyedRecord& r) {
        nlohmann::ordered_json j = nlohmann::ordered_json::object();
        std::size_t c = 0;
        for (const auto& v : r.key) j[spec.columns.at(c++).name] = v;
        for (const auto& v : r.values)
            j[spec.columns.at(c++).name] = v.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v);
        return j;
    };
    return run_import(ws, path, k, run);
}

}  // namespace daihoi::db
