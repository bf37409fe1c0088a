// What every import reports, whatever it reads (members, evaluations,
// discipline, units, delegates, candidates, ballots): one shape for the
// terminal and for scripts (`--json`).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace daihoi::db {

struct ImportSummary {
    std::string kind;  // "members", "ballots", …: the JSON field "import"
    std::string file;
    bool dry_run = false;  // checked everything, wrote nothing
    std::size_t added = 0, updated = 0, unchanged = 0;
    std::vector<std::string> ignored_columns;  // headers that name no field, kept out
    // What the import went into, when not the registry: {"election": "bch", "pass": 1}.
    nlohmann::ordered_json context = nlohmann::ordered_json::object();
};

// {"import": kind, "file": …, context…, "dry_run": …, "added": …, "updated": …,
//  "unchanged": …, "ignored_columns": […]}
nlohmann::ordered_json to_json(const ImportSummary& s);

}  // namespace daihoi::db
