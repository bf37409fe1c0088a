// The structure (cơ cấu) of a list of people — an election's candidates or
// those it elected — against the targets of a standard set: women, the
// young, ethnic minorities, renewal.
#pragma once

#include "core/registry/member.hpp"
#include "core/standards/standard_set.hpp"

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace daihoi::standards {

struct Measure {
    std::string id;     // women, young, minority, renewal
    std::string label;  // for people, translated: "women", "under 40", "ethnic minorities", …
    std::int64_t count = 0;
    std::optional<int> target;  // ten-thousandths; none when the set sets no target
    bool met = false;           // count / total >= target, compared exactly
    // People the measure cannot place (young: only the year of birth is
    // known and the age turns within it); not in `count`. When the target is
    // met only if some of them count, whether it is met is unknown.
    std::int64_t unknown = 0;
    bool met_unknown = false;
};

struct StructureReport {
    std::string set, election;
    bool elected_only = false;
    text::Date as_of;
    int young_age = 40;
    std::int64_t total = 0;
    std::vector<Measure> measures;
};

// A measure's name for people, in the language in force: "women", "under
// 40" (with `young_age` 40), "ethnic minorities", "renewal (not incumbent)".
std::string measure_label(std::string_view id, int young_age);

// The four measures of `people` at `as_of`: women; under `young_age` full
// years (a year of birth alone counts when the whole year gives the same
// answer, else the person is `unknown`); ethnicity other than Kinh (compared
// without case or diacritics); not incumbent. With no one listed, a target
// is met only when it is 0.
std::vector<Measure> measure_structure(const std::vector<registry::Member>& people, const Structure& s,
                                       const text::Date& as_of);

// The candidates of election `id`, or with `elected_only` those its stored
// result elected (refused until the election is closed).
StructureReport structure(SQLite::Database& db, const StandardSet& set, const std::string& id, bool elected_only,
                          const text::Date& as_of);

// {set, election, people: candidates|elected, as_of, young_age, total,
//  measures: [{id, count, unknown, share, target, met}]}: shares and
// targets in percent (46.67, 15.0); share null for an empty list, target and
// met null without a target, met null too when it turns on the unknown.
nlohmann::ordered_json to_json(const StructureReport& r);

}  // namespace daihoi::standards
