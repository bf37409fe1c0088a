#include "core/db/import.hpp"

namespace daihoi::db {

nlohmann::ordered_json to_json(const ImportSummary& s) {
    nlohmann::ordered_json j{{"import", s.kind}, {"file", s.file}};
    for (const auto& [k, v] : s.context.items()) j[k] = v;
    j["dry_run"] = s.dry_run;
    j["added"] = s.added;
    j["updated"] = s.updated;
    j["unchanged"] = s.unchanged;
    j["ignored_columns"] = s.ignored_columns;
    j["header_line"] = s.header_line;
    auto& mapping = j["mapping"] = nlohmann::ordered_json::array();
    for (const auto& m : s.mapping) mapping.push_back({{"column", m.column}, {"header", m.header}, {"field", m.field}});
    j["encoding"] = s.encoding;
    j["converted_columns"] = s.converted_columns;
    j["footer_line"] = s.footer_line ? nlohmann::ordered_json(s.footer_line) : nlohmann::ordered_json(nullptr);
    if (s.dry_run) j["preview"] = s.preview;
    return j;
}

}  // namespace daihoi::db
