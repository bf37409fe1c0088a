// The units (đơn vị trực thuộc: the subordinate party organizations) as the
// lists people keep name them: by code, or by name ("Chi bộ 3"), so every
// import that takes a unit (members, delegates) reads it the same way.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace daihoi::registry {

class UnitMatcher {
public:
    // Reads the units of the workspace once.
    explicit UnitMatcher(SQLite::Database& db);

    // No units imported: a unit is then free text, kept as written.
    bool empty() const { return names_.empty(); }

    struct Match {
        std::string code;     // the unit's code, when `given` names exactly one
        std::string problem;  // else why not, translated, naming the candidates
    };
    // A unit's code as written, else a unit whose name is `given` ignoring
    // case, diacritics and spaces. Two units of that name, or none, is a
    // problem that lists the candidates (the units of that name, or those
    // whose name contains it).
    Match match(std::string_view given) const;

private:
    std::unordered_map<std::string, std::string> names_;            // code → name
    std::unordered_map<std::string, std::vector<std::string>> by_;  // folded name → codes
};

}  // namespace daihoi::registry
