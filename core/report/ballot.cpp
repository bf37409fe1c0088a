// The ballot paper (phiếu bầu): the election's title, the names in ballot
// order with their positions, in a large font, and how to vote. No votes.
// An agree/disagree ballot has four columns: STT, full name, "Đồng ý" and
// "Không đồng ý", the two boxes left empty (Quy chế 244 Art. 17).
#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/report/definitions.hpp"

#include <fmt/format.h>

namespace daihoi::report {

namespace {

namespace el = election;
using detail::column;

constexpr double kBallotFont = 16;

Report build(const Context& ctx) {
    const Labels& l = ctx.labels;
    el::Election e = detail::require_election(ctx);
    if (e.phase == el::Phase::Setup)
        throw Refused(_f("election {} is not open: the ballot positions are assigned by 'daihoi election open {}'",
                         e.id, e.id));
    auto candidates = el::candidates(ctx.db, e.id);

    Report r = start_report(ctx, "ballot");
    r.sheet_name = l.text("ballot.sheet");
    r.title = l.format("ballot.title", {{"title", e.title}});
    const char* count = e.reserves == 0 ? "ballot.count_line"
                        : e.seats == 0  ? "ballot.count_line_reserves_only"
                                        : "ballot.count_line_reserves";
    r.subtitle.push_back(l.format(
        count, {{"seats", std::to_string(e.seats)}, {"reserves", std::to_string(e.reserves)}}));
    r.font_size = kBallotFont;
    r.side_margin = 14;

    Table t;
    t.key = "ballot";
    t.numbered = false;  // the ballot position is the number
    const bool agree = e.form == el::Form::Agree;
    t.columns = {column(l, "ballot", "position", ColumnType::Int, 9),
                 column(l, "ballot", "full_name", ColumnType::Text, agree ? 36 : 44)};
    if (agree) {
        t.columns.push_back(column(l, "ballot", "agree", ColumnType::Text, 17));
        t.columns.push_back(column(l, "ballot", "disagree", ColumnType::Text, 17));
    }
    std::vector<Row> rows;
    for (const auto& c : candidates) {
        Row row{{std::int64_t{c.position}, c.name}, {Mark::None, Mark::Bold}};
        if (agree) {  // the boxes the voter marks
            row.cells.insert(row.cells.end(), {std::string(), std::string()});
            row.marks.insert(row.marks.end(), {Mark::None, Mark::None});
        }
        rows.push_back(std::move(row));
    }
    t.expected_rows = rows.size();
    t.rows = detail::rows_of(std::move(rows));
    t.after.push_back(Line(l.text(agree ? "ballot.instruction_agree" : "ballot.instruction"), LineStyle::Italic));
    r.tables.push_back(std::move(t));
    return r;
}

std::vector<Instance> instances(SQLite::Database& db) {
    std::vector<Instance> out;
    for (const auto& e : el::list(db))
        if (e.phase != el::Phase::Setup)
            out.push_back({fmt::format("ballot-{}", e.id), {{"ID", e.id}}});
    return out;
}

}  // namespace

ReportKind ballot_kind() {
    return ReportKind{
        "ballot",
        N_("the printable ballot paper: the names in ballot order (once the list is open)"),
        {Param{"ID", N_("the election"), true}},
        instances,
        build,
    };
}

}  // namespace daihoi::report
