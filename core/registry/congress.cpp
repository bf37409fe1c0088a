// The congress record: its fields as people type them, creation with the
// workspace, field edits.
#include "core/registry/congress.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/text/utf8.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace daihoi::registry {

const Choices<Level>& levels() {
    static const Choices<Level> c{
        {Level::Cell, "cell", N_("cell"), {"chi bộ"}},
        {Level::Grassroots, "grassroots", N_("grassroots"), {"cơ sở", "đảng bộ cơ sở"}},
        {Level::Commune, "commune", N_("commune"), {"xã", "phường", "đặc khu"}},
        {Level::District, "district", N_("district"), {"huyện", "quận"}},
        {Level::Province, "province", N_("province"), {"tỉnh", "thành phố"}},
        {Level::National, "national", N_("national"), {"toàn quốc", "trung ương"}},
        {Level::Other, "other", N_("other level"), {"khác"}},
    };
    return c;
}

const Choices<CongressKind>& congress_kinds() {
    static const Choices<CongressKind> c{
        {CongressKind::Delegates, "delegates", N_("delegates' congress"), {"đại biểu", "đại hội đại biểu"}},
        {CongressKind::Members, "members", N_("members' congress"), {"đảng viên", "đại hội đảng viên"}},
    };
    return c;
}

std::optional<std::pair<int, int>> parse_term(std::string_view s) {
    auto dash = s.find('-');
    std::size_t skip = 1;
    if (dash == std::string_view::npos) {
        dash = s.find("\xE2\x80\x93");
        skip = 3;
    }
    if (dash == std::string_view::npos) return std::nullopt;
    int a = 0, b = 0;
    auto l = s.substr(0, dash), r = s.substr(dash + skip);
    if (std::from_chars(l.data(), l.data() + l.size(), a).ptr != l.data() + l.size()) return std::nullopt;
    if (std::from_chars(r.data(), r.data() + r.size(), b).ptr != r.data() + r.size()) return std::nullopt;
    return std::pair{a, b};
}

const std::vector<std::string>& congress_fields() {
    static const std::vector<std::string> f{"name", "organization", "level", "kind", "term", "date", "place"};
    return f;
}

Congress apply_fields(Congress c, const FieldValues& fields) {
    DiagnosticList errors;
    std::vector<std::string> bad_fields;  // checked as a whole record only when their value parsed
    auto bad = [&](const std::string& field, std::string message) {
        errors.add(Diagnostic{"", 0, 0, std::move(message), field});
        bad_fields.push_back(field);
    };
    auto parsed = [&](const char* field) {
        return std::find(bad_fields.begin(), bad_fields.end(), field) == bad_fields.end();
    };
    for (const auto& [field, raw] : fields) {
        const auto& known = congress_fields();
        if (std::find(known.begin(), known.end(), field) == known.end())
            throw UsageError(_f("unknown field '{}' (accepted: {}, {})", field, fmt::join(known, ", "),
                                fmt::join(congress_settings(), ", ")));
        auto clean = text::clean(raw);
        if (!clean) {
            bad(field, _("not valid UTF-8"));
            continue;
        }
        const std::string& v = *clean;
        if (field == "name") {
            c.name = v;
        } else if (field == "organization") {
            c.organization = v;
        } else if (field == "place") {
            c.place = v;
        } else if (field == "level") {
            if (auto l = parse_level(v)) c.level = *l;
            else bad(field, levels().unknown(v));
        } else if (field == "kind") {
            if (auto k = parse_congress_kind(v)) c.kind = *k;
            else bad(field, congress_kinds().unknown(v));
        } else if (field == "term") {
            auto t = parse_term(v);
            if (!t) bad(field, _f("'{}' is not a term (expected e.g. 2025-2030)", v));
            else c.term_start = t->first, c.term_end = t->second;
        } else if (field == "date") {
            auto d = text::parse_date(v);
            if (!d) bad(field, text::not_a_date(v));
            else c.date = *d;
        }
    }
    // The whole record, with every problem of the fields above in one list.
    if (parsed("name") && c.name.empty()) bad("name", _("must not be empty"));
    if (parsed("organization") && c.organization.empty()) bad("organization", _("must not be empty"));
    if (parsed("term") && (c.term_start < 1930 || c.term_end <= c.term_start || c.term_end > c.term_start + 10))
        bad("term", _f("{}-{} is not a term (expected e.g. 2025-2030)", c.term_start, c.term_end));
    errors.throw_if_any();
    return c;
}

static void write(SQLite::Database& db, const Congress& c) {
    SQLite::Statement q(db,
                        "INSERT OR REPLACE INTO congress (id, name, organization, level, kind, "
                        "term_start, term_end, date, place) VALUES (1,?,?,?,?,?,?,?,?)");
    q.bind(1, c.name);
    q.bind(2, c.organization);
    q.bind(3, std::string(code(c.level)));
    q.bind(4, std::string(code(c.kind)));
    q.bind(5, c.term_start);
    q.bind(6, c.term_end);
    q.bind(7, c.date.iso());
    q.bind(8, c.place);
    q.exec();
}

db::Workspace init_congress(const std::string& path, const Congress& c) {
    Congress checked = apply_fields(c, {});
    auto ws = db::Workspace::create(path);
    db::Transaction tx(ws);
    write(ws.db(), checked);
    tx.commit(_f("congress initialised: {}", c.name));
    return ws;
}

std::optional<Congress> load_congress(SQLite::Database& db) {
    SQLite::Statement q(db,
                        "SELECT name, organization, level, kind, term_start, term_end, date, place "
                        "FROM congress WHERE id = 1");
    if (!q.executeStep()) return std::nullopt;
    Congress c;
    c.name = q.getColumn(0).getString();
    c.organization = q.getColumn(1).getString();
    c.level = parse_level(q.getColumn(2).getString()).value_or(Level::Other);
    c.kind = parse_congress_kind(q.getColumn(3).getString()).value_or(CongressKind::Delegates);
    c.term_start = q.getColumn(4).getInt();
    c.term_end = q.getColumn(5).getInt();
    c.date = text::parse_date(q.getColumn(6).getString()).value_or(text::Date{});
    c.place = q.getColumn(7).getString();
    return c;
}

Congress require_congress(SQLite::Database& db) {
    auto c = load_congress(db);
    if (!c) throw Refused(_("the congress is not recorded in this workspace; run 'daihoi congress init'"));
    return *c;
}

const Choices<MotionBase>& motion_bases() {
    static const Choices<MotionBase> c{
        {MotionBase::Present, "present", N_("delegates present"), {"có mặt", "đại biểu có mặt"}},
        {MotionBase::Convened, "convened", N_("delegates convened"), {"triệu tập", "được triệu tập", "đại biểu được triệu tập"}},
    };
    return c;
}

const Choices<QuorumRule>& quorum_rules() {
    static const Choices<QuorumRule> c{
        {QuorumRule::None, "none", N_("no share of delegates present required"), {"không", "không yêu cầu"}},
        {QuorumRule::TwoThirds, "two-thirds", N_("two thirds of the delegates convened present"),
         {"hai phần ba", "2/3"}},
    };
    return c;
}

const std::vector<std::string>& congress_settings() {
    static const std::vector<std::string> s{"motion_base", "quorum"};
    return s;
}

namespace {

// A setting's stored code; the default when it was never set (or is unknown).
template <typename T>
T read_setting(SQLite::Database& db, const char* key, const Choices<T>& choices, T fallback) {
    SQLite::Statement q(db, "SELECT value FROM meta WHERE key = ?");
    q.bind(1, key);
    if (!q.executeStep()) return fallback;
    return choices.parse(q.getColumn(0).getString()).value_or(fallback);
}

// The code `value` stands for in setting `field` (a code or a word of its
// Choices); an unknown value is bad input naming the field.
template <typename T>
std::string setting_code(const std::string& field, const std::string& value, const Choices<T>& choices) {
    auto v = choices.parse(value);
    if (!v) throw InputError(Diagnostic{"", 0, 0, choices.unknown(value), field});
    return std::string(choices.code(*v));
}

}  // namespace

MotionBase motion_base(SQLite::Database& db) {
    return read_setting(db, "motion_base", motion_bases(), MotionBase::Present);
}

QuorumRule quorum_rule(SQLite::Database& db) { return read_setting(db, "quorum", quorum_rules(), QuorumRule::None); }

Congress set_congress_field(db::Workspace& ws, const std::string& field, const std::string& value) {
    const auto& settings = congress_settings();
    if (std::find(settings.begin(), settings.end(), field) != settings.end()) {
        std::string code = field == "quorum" ? setting_code(field, value, quorum_rules())
                                             : setting_code(field, value, motion_bases());
        db::Transaction tx(ws);
        Congress c = require_congress(ws.db());
        SQLite::Statement q(ws.db(), "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
        q.bind(1, field);
        q.bind(2, code);
        q.exec();
        tx.commit(_f("congress {} set to '{}'", field, code));
        return c;
    }
    db::Transaction tx(ws);
    Congress c = apply_fields(require_congress(ws.db()), {{field, value}});
    write(ws.db(), c);
    tx.commit(_f("congress {} set to '{}'", field, text::clean(value).value_or(value)));
    return c;
}

}  // namespace daihoi::registry
