// The congress itself (SPEC §2a): one row per workspace.
#pragma once

#include "core/db/workspace.hpp"
#include "core/text/date.hpp"

#include <optional>
#include <string>

namespace daihoi::registry {

enum class Level { Cell, Grassroots, Commune, District, Province, National, Other };
enum class CongressKind { Delegates /* đại hội đại biểu */, Members /* đại hội đảng viên */ };

std::optional<Level> parse_level(std::string_view s);
std::string_view code(Level l);
std::optional<CongressKind> parse_congress_kind(std::string_view s);
std::string_view code(CongressKind k);
// "2025-2030" (or with an en dash) → {2025, 2030}.
std::optional<std::pair<int, int>> parse_term(std::string_view s);

struct Congress {
    std::string name;          // "Đại hội đại biểu Đảng bộ … lần thứ …"
    std::string organization;  // "Đảng bộ xã …", printed top left on every report
    Level level = Level::Grassroots;
    CongressKind kind = CongressKind::Delegates;
    int term_start = 0, term_end = 0;  // nhiệm kỳ
    text::Date date;                   // opening day; default as-of date for standards
    std::string place;
};

// Throws InputError naming the field for an empty name, a bad term, etc.
void validate(const Congress& c);

// Creates the workspace at `path` and records the congress, in one go.
db::Workspace init_congress(const std::string& path, const Congress& c);

std::optional<Congress> load_congress(SQLite::Database& db);
// Like load_congress, but refuses (exit 1) when the congress was never recorded.
Congress require_congress(SQLite::Database& db);

// Sets one field by name (name, organization, level, kind, term, date, place),
// validating the value; returns the audit summary. Throws UsageError for an
// unknown field, InputError for a bad value.
std::string set_congress_field(db::Workspace& ws, const std::string& field, const std::string& value);

}  // namespace daihoi::registry
