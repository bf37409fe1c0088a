// The structure report: an election's list (or those it elected) against
// the structure targets of a standard set — count, share, target, met.
#include "core/base/i18n.hpp"
#include "core/base/number.hpp"
#include "core/error.hpp"
#include "core/report/definitions.hpp"
#include "core/standards/check.hpp"
#include "core/standards/structure.hpp"

#include <fmt/format.h>

namespace daihoi::report {

namespace {

namespace st = standards;
using detail::column;

Report build(const Context& ctx) {
    const Labels& l = ctx.labels;
    auto name = ctx.param("NAME");
    if (!name) throw UsageError(_("NAME is required"));
    std::optional<text::Date> when = st::parse_as_of(ctx.param("as-of").value_or(""));
    election::Election e = detail::require_election(ctx);
    st::StandardSet set = st::find_set(ctx.db.getFilename(), *name);
    bool elected = ctx.param("elected").has_value();
    st::StructureReport s =
        st::structure(ctx.db, set, e.id, elected, st::as_of_date(ctx.db, set, when));

    Report r = start_report(ctx, "structure");
    r.sheet_name = l.text("structure.sheet");
    r.title = l.text(elected ? "structure.title_elected" : "structure.title");
    r.subtitle.push_back(l.format("structure.election_line", {{"title", e.title}}));
    r.subtitle.push_back(
        l.format("structure.set_line", {{"name", set.name}, {"title", set.title}}));
    r.subtitle.push_back(l.format("structure.total_line",
                                  {{"total", detail::whole(l, s.total)}, {"date", s.as_of.vn()}}));

    Table t;
    t.key = "structure";
    t.columns = {column(l, "structure", "measure", ColumnType::Text, 36),
                 column(l, "structure", "count", ColumnType::Int, 10),
                 column(l, "structure", "share", ColumnType::Number, 10),
                 column(l, "structure", "target", ColumnType::Number, 12),
                 column(l, "structure", "met", ColumnType::Bool, 11, "met")};
    for (const auto& m : s.measures) {
        std::string key = fmt::format("structure.measures.{}", m.id);
        t.columns[0].value_labels[m.id] =
            m.id == "young" ? l.format(key, {{"age", std::to_string(set.structure.young_age)}})
                            : l.text(key);
    }
    // No target (none in the set, or 0 %): nothing to meet, so the paper
    // prints "—" in both cells rather than "Đạt" against nothing, with a note
    // under the table. CSV and JSON keep the numbers (0, null).
    const bool printed = ctx.printed();
    const std::string none = l.text("structure.no_target_mark");
    bool any_none = false;
    std::vector<Row> rows;
    for (const auto& m : s.measures) {
        const bool targeted = m.target && *m.target > 0;
        Value target =
            m.target ? detail::percent_cell(number::percent(*m.target, 10000)) : Value(std::monostate{});
        Value met = m.target && !m.met_unknown ? Value(m.met) : Value(std::monostate{});
        if (printed && !targeted) {
            target = met = none;
            any_none = true;
        }
        Mark mark = m.target && !m.met ? Mark::Alert : Mark::None;
        rows.push_back(
            Row{{m.id, m.count, detail::percent_cell(number::percent(m.count, s.total)), target,
                 met},
                {Mark::None, Mark::None, Mark::None, Mark::None, mark}});
    }
    if (any_none) t.after.push_back(Line(l.format("structure.no_target_note", {{"mark", none}}), LineStyle::Italic));
    t.expected_rows = rows.size();
    t.rows = detail::rows_of(std::move(rows));
    r.tables.push_back(std::move(t));
    r.closing = detail::signature(l, {"standing_committee", {}});  // a personnel paper: see standards.cpp
    return r;
}

std::vector<Instance> instances(SQLite::Database&) {
    return {};  // the set is the congress's choice: see standards.cpp
}

}  // namespace

ReportKind structure_kind() {
    return ReportKind{
        "structure",
        N_("the structure of an election's list (or those elected) against a set's targets"),
        {Param{"NAME", N_("the standard set (its name, or a path to a .toml file)"), true},
         Param{"ID", N_("the election"), true},
         Param{"elected", N_("only those elected (the election must be closed)"), false, true},
         Param{"as-of", N_("the date ages are counted to (default: the set's, else the congress date)"), false,
               false, false, "DATE"}},
        instances,
        build,
    };
}

}  // namespace daihoi::report
