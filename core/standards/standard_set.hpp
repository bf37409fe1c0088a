// Standard sets (bộ tiêu chuẩn): the TOML file of criteria and structure
// targets (SPEC §7), parsed once into typed criteria, and where sets live —
// added ones in <folder of the workspace>/standards/, shipped ones in
// templates/standards/.
#pragma once

#include "core/db/workspace.hpp"
#include "core/registry/member.hpp"
#include "core/text/date.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace daihoi::standards {

// ---- criteria ------------------------------------------------------------------

// Months left before retirement (Decree 135) at the as-of date: at least
// `first_time_min` for a first-time nominee, `incumbent_min` for a member of
// the outgoing committee (tái cử).
struct RetirementMonths {
    int first_time_min = 0;
    int incumbent_min = 0;
};
// Full years from party_join_date to the as-of date.
struct PartyYearsMin {
    int min = 0;
};
// A full member (đảng viên chính thức) by the as-of date.
struct FullMember {};
struct DegreeMin {
    registry::Degree min = registry::Degree::None;
};
struct TheoryMin {
    registry::Theory min = registry::Theory::None;
};
// A grade of at least `min` in each of the `years` calendar years before the
// as-of year.
struct GradeMin {
    int years = 0;
    registry::Grade min = registry::Grade::HoanThanh;
};
// No discipline dated within `years` years before the as-of date, and none
// still in effect (its `until` after the as-of date).
struct NoDiscipline {
    int years = 0;
};
// A named fact the registry does not hold (e.g. "political-verified", the
// conclusion on political standards), read from a flags file given to check.
struct Flag {
    std::string name;
};

using Rule = std::variant<RetirementMonths, PartyYearsMin, FullMember, DegreeMin, TheoryMin, GradeMin,
                          NoDiscipline, Flag>;

// The `kind` of each rule in the file, in the order of Rule's alternatives.
std::string_view kind_code(const Rule& r);
const std::vector<std::string_view>& kind_codes();

struct Criterion {
    std::string id;     // short, shown as a column: "age", "theory"
    std::string label;  // optional words for reports
    Rule rule;
    std::size_t line = 0;  // where it starts in the file
};

// What the rule asks, in the language in force: "at least 60 months before
// retirement (48 for incumbents)".
std::string describe(const Criterion& c);

// ---- structure targets -------------------------------------------------------------

// Shares are kept in ten-thousandths (0.15 → 1500) so that comparisons are exact.
struct Structure {
    std::optional<int> women_min;
    int young_age = 40;  // "young" = under this age (full years) at the as-of date
    std::optional<int> young_min;
    std::optional<int> minority_min;  // ethnicity other than Kinh
    std::optional<int> renewal_min;   // not incumbent
};

// ---- the set -------------------------------------------------------------------------

struct StandardSet {
    std::string name;   // also the file name: cap-uy-2025 → cap-uy-2025.toml
    std::string title;  // "Ủy viên ban chấp hành nhiệm kỳ 2025–2030"
    std::string source;  // optional: the documents the set follows
    std::optional<text::Date> as_of;  // default as-of date; else the congress date
    std::vector<Criterion> criteria;
    Structure structure;
    bool has_structure = false;  // a [structure] table was given
    std::string file;            // where it was read from
};

// Parses a set; every problem (syntax, unknown kind, missing field, wrong
// type, unknown value) → InputError naming FILE:LINE:COLUMN and the reason.
StandardSet parse_standard_set(std::string_view toml_text, const std::string& file);
StandardSet load_standard_set(const std::filesystem::path& file);

// True for names usable as file names: lowercase letters, digits, '.', '-', '_'.
bool valid_set_name(std::string_view name);

// ---- where sets live -----------------------------------------------------------------

enum class Origin { Workspace /* added with `standards add` */, Shipped /* templates/standards */, File };
std::string_view code(Origin o);

using Json = nlohmann::ordered_json;

// A set as `standards show --json` prints it: {name, title, source, file,
// origin, as_of, criteria: [{id, kind, label, …the kind's fields}],
// structure: {women_min, young_age, young_min, minority_min, renewal_min}
// (shares in percent, 15.0) or null}.
Json to_json(const StandardSet& s, Origin origin);

struct SetEntry {
    std::string name, title;
    Origin origin = Origin::Shipped;
    std::filesystem::path path;
    bool shadowed = false;  // a shipped set hidden by an added set of the same name
    std::string problem;    // why the file does not load, when it does not
};

// <folder of the workspace file>/standards — the added sets of this workspace.
std::filesystem::path workspace_sets_dir(const std::string& db_path);
std::filesystem::path shipped_sets_dir();

// Every set found, added ones first, then shipped, each in name order.
// A file that does not load is listed with its problem.
std::vector<SetEntry> list_sets(const std::string& db_path);

// The names of the sets that load and are not shadowed, sorted, once each:
// what a person may name (shell completion).
std::vector<std::string> usable_set_names(const std::string& db_path);

// Finds NAME in the workspace's folder, then in the shipped sets; a NAME
// with a '/' or ending in ".toml" is read as a file path. Unknown → bad
// input (exit 3) with unknown_set_message.
StandardSet find_set(const std::string& db_path, const std::string& name, Origin* origin = nullptr);
// The one message for a set name that names no set, listing the known ones.
std::string unknown_set_message(const std::string& name, const std::vector<std::string>& known);

// Validates FILE and copies it, as is (comments kept), to the workspace's
// folder as NAME.toml; the audit log records the name and the file's
// SHA-256. Refused when a set of that name was added before, unless `replace`.
struct AddResult {
    StandardSet set;
    std::filesystem::path path;
    bool replaced = false, shadows_shipped = false;
};
AddResult add_set(db::Workspace& ws, const std::string& file, bool replace);

}  // namespace daihoi::standards
