// The record of the show-of-hands votes (biểu quyết) the congress took: each
// vote's time, subject, text, for / against / abstaining, the base it was
// measured against and whether it passed — printed and filed with the
// congress record.
#include "core/base/i18n.hpp"
#include "core/election/motion.hpp"
#include "core/error.hpp"
#include "core/registry/congress.hpp"
#include "core/text/date.hpp"
#include "core/report/definitions.hpp"

#include <fmt/format.h>

#include <ctime>

namespace daihoi::report {

namespace {

namespace el = election;
using detail::column;


Report build(const Context& ctx) {
    const Labels& l = ctx.labels;
    auto all = el::motions(ctx.db);
    Report r = start_report(ctx, "votes");
    r.orientation = Orientation::Landscape;
    r.sheet_name = l.text("votes.sheet");
    r.title = l.text("votes.title");
    if (auto c = registry::load_congress(ctx.db); c && !c->name.empty())
        r.subtitle.push_back(l.format("votes.congress_line", {{"name", c->name}}));
    std::string base(registry::motion_bases().code(registry::motion_base(ctx.db)));
    r.subtitle.push_back(l.format("votes.base_line", {{"base", l.text("values.motion_base." + base)}}));

    Table t;
    t.key = "votes";
    const char* s = "votes";
    t.columns = {column(l, s, "seq", ColumnType::Int, 7),
                 column(l, s, "at", ColumnType::Text, 17),
                 column(l, s, "subject", ColumnType::Text, 20, "motion_subject"),
                 column(l, s, "text", ColumnType::Text, 40),
                 column(l, s, "election", ColumnType::Text, 10),
                 column(l, s, "for", ColumnType::Int, 10),
                 column(l, s, "against", ColumnType::Int, 10),
                 column(l, s, "abstain", ColumnType::Int, 10),
                 column(l, s, "base_kind", ColumnType::Text, 14, "motion_base"),
                 column(l, s, "base", ColumnType::Int, 9),
                 column(l, s, "needed", ColumnType::Int, 10),
                 column(l, s, "passed", ColumnType::Bool, 14, "motion_passed")};
    t.numbered = false;  // the vote's own number
    t.columns[3].align = Align::Left;
    t.if_empty = l.text("votes.none");
    std::vector<Row> rows;
    for (const auto& m : all) {
        Row row;
        row.cells = {m.seq,
                     ctx.printed() ? text::local_time(m.at) : m.at,
                     m.subject,
                     m.text,
                     m.election.empty() ? Value(std::monostate{}) : Value(m.election),
                     m.votes_for,
                     m.against,
                     m.abstain,
                     m.base_kind,
                     m.base,
                     m.needed(),
                     m.passed};
        row.marks.assign(row.cells.size(), Mark::None);
        row.marks.back() = m.passed ? Mark::Bold : Mark::Alert;
        rows.push_back(std::move(row));
    }
    t.expected_rows = rows.size();
    t.rows = detail::rows_of(std::move(rows));
    r.tables.push_back(std::move(t));

    r.closing.push_back(Line());
    r.closing.push_back(Line::two("", LineStyle::Plain, l.text("votes.signature_title"), LineStyle::Bold));
    r.closing.push_back(Line::two("", LineStyle::Plain, l.text("votes.signature_hint"), LineStyle::Italic));
    return r;
}

std::vector<Instance> instances(SQLite::Database& db) {
    if (el::motions(db).empty()) return {};
    return {Instance{"votes", {}}};
}

}  // namespace

ReportKind votes_kind() {
    return ReportKind{
        "votes",
        N_("the show-of-hands votes of the congress (biểu quyết): subject, counts, base, passed"),
        {},
        instances,
        build,
    };
}

}  // namespace daihoi::report
