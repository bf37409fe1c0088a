// The apportionment report: the saved apportionment of delegate seats to
// the units, with members, quotas and seats, the method and any tie.
#include "core/base/i18n.hpp"
#include "core/delegates/delegates.hpp"
#include "core/error.hpp"
#include "core/registry/congress.hpp"
#include "core/report/definitions.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

namespace daihoi::report {

namespace {

namespace dl = delegates;
using detail::column;

Report build(const Context& ctx) {
    const Labels& l = ctx.labels;
    auto a = dl::saved_apportionment(ctx.db);
    if (!a)
        throw Refused(_("no apportionment saved: run 'daihoi delegates apportion --seats N --save' first"));
    std::map<std::string, std::string> unit_names;
    for (const auto& u : dl::list_units(ctx.db)) unit_names[u.code] = u.name;

    Report r = start_report(ctx, "apportionment");
    r.sheet_name = l.text("apportionment.sheet");
    r.title = l.text("apportionment.title");
    if (auto c = registry::load_congress(ctx.db); c && !c->name.empty())
        r.subtitle.push_back(l.format("apportionment.congress_line", {{"name", c->name}}));
    std::string method(dl::code(a->method));
    auto methods = l.table("values.method");
    if (auto it = methods.find(method); it != methods.end()) method = it->second;
    r.subtitle.push_back(l.format("apportionment.method_line",
                                  {{"method", method}, {"seats", detail::whole(l, a->seats)}}));
    // The rule's numbers, so the sheet can be checked by hand.
    if (a->method == dl::Method::Formula)
        r.subtitle.push_back(l.format("apportionment.formula_line", {{"base", detail::whole(l, a->base)},
                                                                     {"per", detail::whole(l, a->per)},
                                                                     {"remainder", detail::whole(l, a->remainder)}}));
    else
        r.subtitle.push_back(l.format("apportionment.minimum_line", {{"min", detail::whole(l, a->min_seats)}}));
    // A saved apportionment has no unsettled tie: each was broken by membership.
    // The units by name, as the paper names them.
    auto names = [&](const std::vector<std::string>& codes) {
        std::vector<std::string> out;
        for (const auto& c : codes) {
            auto it = unit_names.find(c);
            out.push_back(it == unit_names.end() || it->second.empty() ? c : it->second);
        }
        return fmt::format("{}", fmt::join(out, ", "));
    };
    for (const auto& tie : a->ties)
        r.subtitle.push_back(l.format("apportionment.tie_line", {{"units", names(tie.units)}, {"won_by", names(tie.won_by)}}));

    Table t;
    t.key = "apportionment";
    const char* s = "apportionment";
    t.columns = {column(l, s, "code", ColumnType::Text, 10),
                 column(l, s, "name", ColumnType::Text, 36),
                 column(l, s, "members", ColumnType::Int, 12),
                 column(l, s, "quota", ColumnType::Number, 11),
                 column(l, s, "seats", ColumnType::Int, 11),
                 column(l, s, "at_minimum", ColumnType::Bool, 10, "at_minimum")};
    t.columns[3].decimals = 3;
    std::vector<Row> rows;
    std::int64_t members = 0, seats = 0;
    for (const auto& u : a->units) {
        members += u.members;
        seats += u.seats;
        // A quota only where one decided the seats: Hamilton, above the minimum.
        Value quota = std::monostate{};
        if (a->method == dl::Method::Hamilton && !u.at_minimum && u.quota_den > 0)
            quota = static_cast<double>(u.quota_num) / static_cast<double>(u.quota_den);
        auto name = unit_names.find(u.code);
        Row row;
        row.cells = {u.code,    name == unit_names.end() ? std::string() : name->second,
                     u.members, quota,
                     u.seats,   u.at_minimum};
        rows.push_back(std::move(row));
    }
    r.closing.push_back(
        Line(l.format("apportionment.total_line", {{"units", detail::whole(l, static_cast<std::int64_t>(a->units.size()))},
                                                   {"members", detail::whole(l, members)},
                                                   {"seats", detail::whole(l, seats)}}),
             LineStyle::Bold));
    t.expected_rows = rows.size();
    t.rows = detail::rows_of(std::move(rows));
    r.tables.push_back(std::move(t));
    for (auto& line : detail::signature(l, {"standing_committee", {}})) r.closing.push_back(std::move(line));
    return r;
}

std::vector<Instance> instances(SQLite::Database& db) {
    if (!dl::saved_apportionment(db)) return {};
    return {Instance{"apportionment", {}}};
}

}  // namespace

ReportKind apportionment_kind() {
    return ReportKind{
        "apportionment",
        N_("the saved apportionment of delegate seats to the units, with members and quotas"),
        {},
        instances,
        build,
    };
}

}  // namespace daihoi::report
