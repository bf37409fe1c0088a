// The congress record: validation, creation with the workspace, field edits.
#include "core/registry/congress.hpp"

#include "core/error.hpp"
#include "core/text/utf8.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <charconv>

namespace daihoi::registry {

namespace {
constexpr std::string_view kLevels[] = {"cell",     "grassroots", "commune", "district",
                                        "province", "national",   "other"};

Diagnostic bad(const std::string& field, const std::string& why) {
    return Diagnostic{"", 0, 0, fmt::format("{}: {}", field, why)};
}

std::string require_text(const std::string& field, const std::string& value) {
    auto t = text::clean(value);
    if (!t) throw InputError(bad(field, "not valid UTF-8"));
    return *t;
}

}  // namespace

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

std::optional<Level> parse_level(std::string_view s) {
    std::string f = text::fold(s);
    for (std::size_t i = 0; i < std::size(kLevels); ++i)
        if (f == kLevels[i]) return static_cast<Level>(i);
    return std::nullopt;
}
std::string_view code(Level l) { return kLevels[static_cast<int>(l)]; }

std::optional<CongressKind> parse_congress_kind(std::string_view s) {
    std::string f = text::fold(s);
    if (f == "delegates") return CongressKind::Delegates;
    if (f == "members") return CongressKind::Members;
    return std::nullopt;
}
std::string_view code(CongressKind k) { return k == CongressKind::Delegates ? "delegates" : "members"; }

void validate(const Congress& c) {
    DiagnosticList errors;
    if (c.name.empty()) errors.add(bad("name", "must not be empty"));
    if (c.organization.empty()) errors.add(bad("organization", "must not be empty"));
    if (c.term_start < 1930 || c.term_end <= c.term_start || c.term_end > c.term_start + 10)
        errors.add(bad("term", fmt::format("{}-{} is not a term (expected e.g. 2025-2030)",
                                           c.term_start, c.term_end)));
    errors.throw_if_any();
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
    validate(c);
    auto ws = db::Workspace::create(path);
    db::Transaction tx(ws);
    write(ws.db(), c);
    tx.commit(fmt::format("congress initialised: {}", c.name));
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
    if (!c) throw Refused("the congress is not recorded in this workspace; run 'daihoi congress init'");
    return *c;
}

std::string set_congress_field(db::Workspace& ws, const std::string& field, const std::string& value) {
    db::Transaction tx(ws);
    Congress c = require_congress(ws.db());
    std::string v = require_text(field, value);
    if (field == "name") {
        c.name = v;
    } else if (field == "organization") {
        c.organization = v;
    } else if (field == "place") {
        c.place = v;
    } else if (field == "level") {
        auto l = parse_level(v);
        if (!l) throw InputError(bad(field, fmt::format("unknown level '{}' (cell, grassroots, commune, "
                                                        "district, province, national, other)", v)));
        c.level = *l;
    } else if (field == "kind") {
        auto k = parse_congress_kind(v);
        if (!k) throw InputError(bad(field, fmt::format("unknown kind '{}' (delegates, members)", v)));
        c.kind = *k;
    } else if (field == "term") {
        auto t = parse_term(v);
        if (!t) throw InputError(bad(field, fmt::format("'{}' is not a term (expected YYYY-YYYY)", v)));
        c.term_start = t->first, c.term_end = t->second;
    } else if (field == "date") {
        auto d = text::parse_date(v);
        if (!d) throw InputError(bad(field, fmt::format("'{}' is not a date (YYYY-MM-DD or DD/MM/YYYY)", v)));
        c.date = *d;
    } else {
        throw UsageError(fmt::format(
            "unknown field '{}' (name, organization, level, kind, term, date, place)", field));
    }
    validate(c);
    write(ws.db(), c);
    std::string summary = fmt::format("congress {} set to '{}'", field, v);
    tx.commit(summary);
    return summary;
}

}  // namespace daihoi::registry
