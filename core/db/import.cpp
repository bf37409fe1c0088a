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
    return j;
}

}  // namespace daihoi::db
