// The members report: one row per member, from registry::for_each_member.
#include "core/report/members.hpp"

#include "core/report/definitions.hpp"

#include "core/base/choice.hpp"
#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/registry/congress.hpp"
#include "core/registry/members.hpp"

#include <fmt/format.h>

namespace daihoi::report {

namespace {

using registry::Member;

// Text fields are "" when empty, like `members list --json`; only the
// optional fields (dates, degree, theory) are null.
void set_text(Value& v, std::string_view s) {
    if (auto* held = std::get_if<std::string>(&v))
        held->assign(s);  // keeps the buffer
    else
        v = std::string(s);
}
void set_date(Value& v, const std::optional<text::Date>& d) {
    if (d)
        v = *d;
    else
        v = std::monostate{};
}
template <class E>
void set_code(Value& v, const std::optional<E>& e) {
    if (e)
        set_text(v, registry::code(*e));
    else
        v = std::monostate{};
}

// The columns, in the order of registry::member_columns() (a unit test holds
// them to it): key, type, width, whether its codes print as words, and how
// a member fills the cell.
struct MemberColumn {
    const char* key;
    ColumnType type;
    double width;
    bool words;
    void (*get)(const Member&, Value&);
};

const MemberColumn kColumns[] = {
    {"code", ColumnType::Text, 12, false, [](const Member& m, Value& v) { set_text(v, m.code); }},
    {"full_name", ColumnType::Text, 24, false,
     [](const Member& m, Value& v) { set_text(v, m.full_name); }},
    {"gender", ColumnType::Text, 7, true,
     [](const Member& m, Value& v) { set_text(v, registry::code(m.gender)); }},
    {"birth_date", ColumnType::Date, 11, false,
     [](const Member& m, Value& v) { v = detail::birth_cell(m.birth_date); }},
    {"ethnicity", ColumnType::Text, 8, false,
     [](const Member& m, Value& v) { set_text(v, m.ethnicity); }},
    {"religion", ColumnType::Text, 9, false,
     [](const Member& m, Value& v) { set_text(v, m.religion); }},
    {"party_join_date", ColumnType::Date, 11, false,
     [](const Member& m, Value& v) { set_date(v, m.party_join_date); }},
    {"official_date", ColumnType::Date, 11, false,
     [](const Member& m, Value& v) { set_date(v, m.official_date); }},
    {"education", ColumnType::Text, 8, false,
     [](const Member& m, Value& v) { set_text(v, m.education); }},
    {"degree", ColumnType::Text, 10, true,
     [](const Member& m, Value& v) { set_code(v, m.degree); }},
    {"theory", ColumnType::Text, 10, true,
     [](const Member& m, Value& v) { set_code(v, m.theory); }},
    {"position", ColumnType::Text, 18, false,
     [](const Member& m, Value& v) { set_text(v, m.position); }},
    {"unit", ColumnType::Text, 10, false, [](const Member& m, Value& v) { set_text(v, m.unit); }},
    {"incumbent", ColumnType::Bool, 9, true, [](const Member& m, Value& v) { v = m.incumbent; }},
};

// Name order walks the table in random order, one page read per row: read
// the file through a bounded memory map instead (a third of the time, no
// read() per page; at most 128 MiB mapped, so memory stays bounded).
void bulk_read(SQLite::Database& db) {
    db.exec("PRAGMA mmap_size = 134217728");
}

const Choices<registry::MemberOrder>& orders() {
    static const Choices<registry::MemberOrder> c = {
        {registry::MemberOrder::Name, "name", N_("name"), {"tên"}},
        {registry::MemberOrder::Code, "code", N_("code"), {"mã"}},
        {registry::MemberOrder::Birth, "birth", N_("birth"), {"ngày sinh", "tuổi"}},
    };
    return c;
}

registry::MemberOrder parse_order(const std::optional<std::string>& s) {
    if (!s) return registry::MemberOrder::Name;
    if (auto o = orders().parse(*s)) return *o;
    throw UsageError(_f("--sort: {}", orders().unknown(*s)));
}

Report build(const Context& ctx) {
    registry::MemberQuery q;
    q.unit = ctx.param("unit");
    q.order = parse_order(ctx.param("sort"));
    const Labels& l = ctx.labels;

    Report r = start_report(ctx, "members");
    r.sheet_name = l.text("members.sheet");
    r.title = l.text("members.title");
    r.orientation = Orientation::Landscape;
    r.memory = Memory::Constant;  // a bulk list: up to a million rows
    // Fourteen columns across a landscape page: the personnel office's list
    // prints at 10 pt, rows as much shorter (600 members on about 12 pages).
    r.font_size = 10;

    Table t;
    t.key = "members";
    for (const auto& c : kColumns) {
        Column col;
        col.key = c.key;
        col.label = l.text(fmt::format("members.columns.{}", c.key));
        col.type = c.type;
        col.width = c.width;
        if (c.words) col.value_labels = l.table(fmt::format("values.{}", c.key));
        t.columns.push_back(std::move(col));
    }
    t.expected_rows = registry::count_members(ctx.db, q);
    // An empty list is not a paper: say so, and write no file.
    if (t.expected_rows == 0) {
        if (q.unit) throw Refused(_f("no member of unit {} in the registry: nothing to report", *q.unit));
        throw Refused(_("the registry is empty: nothing to report (import the members first: "
                        "'daihoi members import FILE')"));
    }

    if (auto congress = registry::load_congress(ctx.db); congress && !congress->name.empty())
        r.subtitle.push_back(l.format("members.congress_line", {{"name", congress->name}}));
    if (q.unit) r.subtitle.push_back(l.format("members.unit_line", {{"unit", *q.unit}}));
    r.subtitle.push_back(
        l.format("members.count_line", {{"count", detail::whole(l, static_cast<std::int64_t>(t.expected_rows))}}));

    SQLite::Database& db = ctx.db;
    t.rows = [&db, q](const Emit& emit) {
        bulk_read(db);
        Row row;
        row.cells.resize(std::size(kColumns));
        registry::for_each_member(db, q, [&](const Member& m) {
            for (std::size_t i = 0; i < std::size(kColumns); ++i) kColumns[i].get(m, row.cells[i]);
            emit(row);
        });
    };
    r.tables.push_back(std::move(t));
    return r;
}

std::vector<Instance> instances(SQLite::Database& db) {
    if (registry::count_members(db, {}) == 0) return {};
    return {Instance{"members", {}}};
}

}  // namespace

ReportKind members_kind() {
    return ReportKind{
        "members",
        N_("the registry of party members, filtered like `members list`"),
        {Param{"unit", N_("only the members of this unit (its code)"), false, false, false, "UNIT"},
         Param{"sort", N_("order: name (Vietnamese name order, the default), code or birth"), false, false, false,
               "ORDER"}},
        instances,
        build,
    };
}

}  // namespace daihoi::report
