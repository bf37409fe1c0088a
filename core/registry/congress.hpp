// The congress itself (SPEC §2a): one row per workspace.
#pragma once

#include "core/base/choice.hpp"
#include "core/db/workspace.hpp"
#include "core/text/date.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace daihoi::registry {

// Chi bộ / cơ sở / xã / huyện / tỉnh / toàn quốc.
enum class Level { Cell, Grassroots, Commune, District, Province, National, Other };
enum class CongressKind { Delegates /* đại hội đại biểu */, Members /* đại hội đảng viên */ };

const Choices<Level>& levels();
const Choices<CongressKind>& congress_kinds();
inline std::optional<Level> parse_level(std::string_view s) { return levels().parse(s); }
inline std::string_view code(Level l) { return levels().code(l); }
inline std::optional<CongressKind> parse_congress_kind(std::string_view s) { return congress_kinds().parse(s); }
inline std::string_view code(CongressKind k) { return congress_kinds().code(k); }
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

// The congress's fields by name, in this order: name, organization, level,
// kind, term, date, place.
const std::vector<std::string>& congress_fields();

// Sets the fields given by name (values as people type them) on `c` and
// checks the whole record: every problem listed, each naming its field
// (InputError, exit 3); an unknown field name is a usage error (exit 2).
// The one validation of `congress init` and `congress set`.
using FieldValues = std::vector<std::pair<std::string, std::string>>;
Congress apply_fields(Congress c, const FieldValues& fields);

// Creates the workspace at `path` and records the congress, in one go.
db::Workspace init_congress(const std::string& path, const Congress& c);

std::optional<Congress> load_congress(SQLite::Database& db);
// Like load_congress, but refuses (exit 1) when the congress was never recorded.
Congress require_congress(SQLite::Database& db);

// Sets one field by name through apply_fields, or one of congress_settings();
// returns the congress as stored.
Congress set_congress_field(db::Workspace& ws, const std::string& field, const std::string& value);

// ---- settings: rules no public text fixes (kept in the meta table) -----------------
// What a show of hands (biểu quyết giơ tay) must pass: more than half of the
// delegates present (default) or of the delegates convened (the election's
// base, Charter Art. 12.3). Shown on every result.
enum class MotionBase { Present, Convened };
const Choices<MotionBase>& motion_bases();
// Whether `delegates quorum` states that two thirds of the delegates
// convened are present. The Party's election rules need no share present
// (the majority is measured against those convened), so it is off by
// default; a congress whose own rules ask for it turns it on.
enum class QuorumRule { None, TwoThirds };
const Choices<QuorumRule>& quorum_rules();
// The settings `congress set` takes besides the fields: motion_base, quorum.
const std::vector<std::string>& congress_settings();
MotionBase motion_base(SQLite::Database& db);
QuorumRule quorum_rule(SQLite::Database& db);

}  // namespace daihoi::registry
