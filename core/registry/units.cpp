// Matching a unit written by code or by name against the units table.
#include "core/registry/units.hpp"

#include "core/base/i18n.hpp"
#include "core/text/utf8.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>

namespace daihoi::registry {

namespace {

// "Chi bộ 3", "chi bo 3" and "CHI BỘ3" alike: fold, then drop the spaces.
std::string key(std::string_view s) {
    std::string f = text::fold(s);
    f.erase(std::remove(f.begin(), f.end(), ' '), f.end());
    return f;
}

}  // namespace

UnitMatcher::UnitMatcher(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT code, name FROM units ORDER BY code");
    while (q.executeStep()) {
        std::string code = q.getColumn(0).getString(), name = q.getColumn(1).getString();
        by_[key(name)].push_back(code);
        names_.emplace(std::move(code), std::move(name));
    }
}

UnitMatcher::Match UnitMatcher::match(std::string_view given) const {
    if (names_.count(std::string(given))) return {std::string(given), {}};
    const std::string k = key(given);
    auto listed = [&](const std::vector<std::string>& codes) {
        std::string out;
        for (const auto& c : codes) out += fmt::format("{}{} ({})", out.empty() ? "" : ", ", c, names_.at(c));
        return out;
    };
    if (auto it = by_.find(k); it != by_.end()) {
        if (it->second.size() == 1) return {it->second[0], {}};
        return {{}, _f("'{}' names {} units: {}; write the unit's code", given, it->second.size(), listed(it->second))};
    }
    std::vector<std::string> near;
    if (!k.empty())
        for (const auto& [folded, codes] : by_)
            if (folded.find(k) != std::string::npos) near.insert(near.end(), codes.begin(), codes.end());
    std::sort(near.begin(), near.end());
    if (near.size() > 5) near.resize(5);
    if (near.empty()) return {{}, _f("no unit with code or name '{}'", given)};
    return {{}, _f("no unit with code or name '{}' (did you mean {}?)", given, listed(near))};
}

}  // namespace daihoi::registry
