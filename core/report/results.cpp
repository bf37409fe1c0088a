// The results sheet: candidates by votes with percent of the base and
// status, and a bar chart of the votes with the majority line.
#include "core/base/i18n.hpp"
#include "core/base/number.hpp"
#include "core/report/definitions.hpp"

#include <fmt/format.h>

namespace daihoi::report {

namespace {

namespace el = election;
using detail::column;

constexpr std::size_t kColumnsUpTo = 15;  // more candidates: bars across, names readable

Report build(const Context& ctx) {
    const Labels& l = ctx.labels;
    const el::Tally t = detail::checked_tally(ctx);
    const el::Election& e = t.election;
    const el::TallyResult& res = t.result;
    auto n = [&l](std::int64_t v) { return detail::whole(l, v); };

    Report r = start_report(ctx, "results");
    r.heading.place_date = detail::count_date_line(ctx, e);  // signed with the minutes, dated as they are
    r.sheet_name = l.text("results.sheet");
    r.title = l.text("results.title");
    r.subtitle.push_back(l.format("results.election_line", {{"title", e.title}}));
    // A paper to sign says nothing of the program's phases; only a count
    // still under way is marked as provisional.
    if (e.phase != el::Phase::Closed && e.phase != el::Phase::Sealed)
        r.subtitle.push_back(
            l.format("results.status_line", {{"status", detail::status_words(l, e.phase)}}));
    // A consultative ballot elects nobody: no majority to reach, the names ranked.
    const bool consultation = el::bodies().parse(e.body) == el::Body::Consultation;
    const bool agree = e.form == el::Form::Agree;
    if (agree) r.subtitle.push_back(l.text("results.form_agree"));
    if (consultation) r.subtitle.push_back(l.text("results.consultation_line"));
    else
        r.subtitle.push_back(
            l.format("results.base_line", {{"base", n(res.base)}, {"needed", n(res.needed)}}));
    r.subtitle.push_back(
        l.format("results.ballots_line", {{"valid", n(res.valid)}, {"invalid", n(res.invalid)}}));
    if (res.unfilled_seats > 0 || res.unfilled_reserves > 0)
        r.subtitle.push_back(
            l.format("results.unfilled_line", {{"seats", n(res.unfilled_seats)},
                                               {"seat_noun", detail::seat_noun(l, e)},
                                               {"reserves", n(res.unfilled_reserves)},
                                               {"reserve_noun", detail::reserve_noun(l, e)}}));

    Table tb;
    tb.key = "results";
    tb.columns = {column(l, "results", "full_name", ColumnType::Text, 30),
                  column(l, "results", "position", ColumnType::Int, 10),
                  column(l, "results", "votes", ColumnType::Int, 11),
                  column(l, "results", "percent", ColumnType::Number, 11),
                  column(l, "results", "status", ColumnType::Text, 17, "candidate_status")};
    // An agree ballot: also the rows marked "Không đồng ý" and those without a vote.
    if (agree)
        tb.columns.insert(tb.columns.begin() + 4, {column(l, "results", "disagree", ColumnType::Int, 13),
                                                   column(l, "results", "no_vote", ColumnType::Int, 13)});
    std::vector<Row> rows;
    for (const auto& c : res.candidates) {
        Mark m = c.status == el::Status::NotElected || c.status == el::Status::Ranked ? Mark::None : Mark::Bold;
        Row row{{c.name, std::int64_t{c.position}, c.votes, detail::percent_cell(number::percent(c.votes, res.base)),
                 std::string(el::code(c.status))},
                {Mark::None, Mark::None, Mark::None, Mark::None, m}};
        if (agree) {
            row.cells.insert(row.cells.begin() + 4, {c.disagree, c.no_vote});
            row.marks.insert(row.marks.begin() + 4, {Mark::None, Mark::None});
        }
        rows.push_back(std::move(row));
    }
    tb.expected_rows = rows.size();
    tb.rows = detail::rows_of(std::move(rows));

    Chart chart;
    chart.title = l.text("results.chart_title");
    chart.category = "full_name";
    chart.value = "votes";
    chart.value_label = l.text("results.chart_series");
    if (res.base > 0 && !consultation) {
        chart.line = static_cast<double>(res.needed);
        chart.line_label =
            l.format("results.chart_line", {{"needed", n(res.needed)}, {"base", n(res.base)}});
    }
    chart.horizontal = res.candidates.size() > kColumnsUpTo;
    tb.chart = chart;
    r.tables.push_back(std::move(tb));
    r.closing = detail::signature(l, {"counting_board", {}});
    return r;
}

std::vector<Instance> instances(SQLite::Database& db) {
    std::vector<Instance> out;
    for (const auto& e : el::list(db)) {
        bool counted = e.phase == el::Phase::Closed || e.phase == el::Phase::Sealed ||
                       (e.phase == el::Phase::Open && el::count_ballots(db, e.id, 1) > 0);
        if (counted) out.push_back({fmt::format("results-{}", e.id), {{"ID", e.id}}});
    }
    return out;
}

}  // namespace

ReportKind results_kind() {
    return ReportKind{
        "results",
        N_("the results of an election by votes, with a bar chart and the majority line"),
        {Param{"ID", N_("the election"), true},
         Param{"date", N_("the day of the count, YYYY-MM-DD (default: the day the count was closed)"), false, false,
               false, "DATE"}},
        instances,
        build,
        true,  // signed as printed: also .pdf
    };
}

}  // namespace daihoi::report
