// The ballot-entry journal (nhật ký nhập phiếu): every ballot typed at a
// terminal, every file imported, every removal and undo of an election, with
// its time, pass and station — printed and filed with the congress record, as
// practice asks — then the totals of each pass and the signatures. No voter
// information: there is none in the journal.
#include "core/base/i18n.hpp"
#include "core/text/date.hpp"
#include "core/report/definitions.hpp"

#include <fmt/format.h>

#include <ctime>
#include <map>
#include <set>

namespace daihoi::report {

namespace {

namespace el = election;
using detail::column;


// What each pass went through, for the totals.
struct PassCount {
    std::int64_t entered = 0, imported = 0, removed = 0, undone = 0;
};

Report build(const Context& ctx) {
    const Labels& l = ctx.labels;
    const el::Election e = detail::require_election(ctx);
    const auto entries = el::journal(ctx.db, e.id);
    const bool xlsx = ctx.printed();

    Report r = start_report(ctx, "journal");
    r.sheet_name = l.text("journal.sheet");
    r.title = l.text("journal.title");
    r.orientation = Orientation::Landscape;
    r.subtitle.push_back(l.format("journal.election_line", {{"title", e.title}, {"id", e.id}}));
    r.subtitle.push_back(l.format("journal.status_line", {{"status", detail::status_words(l, e.phase)}}));

    // Entries: words for people in .xlsx; the stored time and the import's
    // numbers in columns of their own for scripts.
    Table tb;
    tb.key = "entries";
    tb.if_empty = l.text("journal.none");
    if (xlsx)
        tb.columns = {column(l, "journal", "time", ColumnType::Text, 20),
                      column(l, "journal", "pass", ColumnType::Int, 8),
                      column(l, "journal", "station", ColumnType::Text, 14),
                      column(l, "journal", "action", ColumnType::Text, 14, "journal_action"),
                      column(l, "journal", "serial", ColumnType::Int, 10),
                      column(l, "journal", "detail", ColumnType::Text, 48)};
    else
        tb.columns = {column(l, "journal", "at", ColumnType::Text, 20),
                      column(l, "journal", "pass", ColumnType::Int, 8),
                      column(l, "journal", "station", ColumnType::Text, 14),
                      column(l, "journal", "action", ColumnType::Text, 14),
                      column(l, "journal", "serial", ColumnType::Int, 10),
                      column(l, "journal", "reason", ColumnType::Text, 30),
                      column(l, "journal", "file", ColumnType::Text, 30),
                      column(l, "journal", "ballots", ColumnType::Int, 10),
                      column(l, "journal", "first", ColumnType::Int, 10),
                      column(l, "journal", "last", ColumnType::Int, 10)};
    tb.columns.back().align = Align::Left;
    std::map<int, PassCount> passes;
    std::vector<Row> rows;
    auto none = Value(std::monostate{});
    for (const auto& j : entries) {
        PassCount& pc = passes[j.pass];
        const bool import = j.action == "imported";
        pc.entered += j.action == "entered";
        pc.imported += import ? j.ballots : 0;
        pc.removed += j.action == "removed";
        pc.undone += j.action == "undone";
        Value serial = j.serial ? Value(*j.serial) : none;
        if (xlsx) {
            std::string detail = import ? l.format("journal.import_detail", {{"file", j.file},
                                                                             {"ballots", std::to_string(j.ballots)},
                                                                             {"first", std::to_string(j.first)},
                                                                             {"last", std::to_string(j.last)}})
                                        : j.reason;
            rows.push_back(Row{{text::local_time(j.at), std::int64_t{j.pass}, j.station, j.action, serial, detail}, {}});
        } else {
            rows.push_back(Row{{j.at, std::int64_t{j.pass}, j.station, j.action, serial,
                                import ? none : Value(j.reason), import ? Value(j.file) : none,
                                import ? Value(j.ballots) : none, import ? Value(j.first) : none,
                                import ? Value(j.last) : none},
                               {}});
        }
    }
    tb.expected_rows = rows.size();
    tb.rows = detail::rows_of(std::move(rows));
    r.tables.push_back(std::move(tb));

    // The totals of each pass: what was typed, imported, removed, undone, and
    // the ballots the pass holds now.
    Table totals;
    totals.key = "totals";
    totals.caption = l.text("journal.totals_caption");
    totals.numbered = false;
    totals.columns = {column(l, "journal.totals", "pass", ColumnType::Int, 10),
                      column(l, "journal.totals", "entered", ColumnType::Int, 14),
                      column(l, "journal.totals", "imported", ColumnType::Int, 14),
                      column(l, "journal.totals", "removed", ColumnType::Int, 14),
                      column(l, "journal.totals", "undone", ColumnType::Int, 14),
                      column(l, "journal.totals", "held", ColumnType::Int, 16)};
    std::set<int> present;
    for (const auto& [p, _] : passes) present.insert(p);
    for (int p = 1; p <= el::kMaxPass; ++p)
        if (el::count_ballots(ctx.db, e.id, p) > 0) present.insert(p);
    std::vector<Row> trows;
    for (int p : present) {
        const PassCount& pc = passes[p];
        trows.push_back(Row{{std::int64_t{p}, pc.entered, pc.imported, pc.removed, pc.undone,
                             el::count_ballots(ctx.db, e.id, p)},
                            {}});
    }
    totals.expected_rows = trows.size();
    totals.rows = detail::rows_of(std::move(trows));
    if (totals.expected_rows > 0) r.tables.push_back(std::move(totals));

    // The signatures: who kept the journal on the left, the counting board's head on the right.
    r.closing.push_back(Line());
    r.closing.push_back(Line::two(l.text("journal.signature_clerk"), LineStyle::Bold,
                                  l.text("journal.signature_title"), LineStyle::Bold));
    r.closing.push_back(Line::two("", LineStyle::Plain, l.text("journal.signature_role"), LineStyle::Bold));
    r.closing.push_back(Line::two(l.text("journal.signature_hint"), LineStyle::Italic,
                                  l.text("journal.signature_hint"), LineStyle::Italic));
    return r;
}

std::vector<Instance> instances(SQLite::Database& db) {
    std::vector<Instance> out;
    for (const auto& e : el::list(db))
        if (!el::journal(db, e.id).empty()) out.push_back({fmt::format("journal-{}", e.id), {{"ID", e.id}}});
    return out;
}

}  // namespace

ReportKind journal_kind() {
    return ReportKind{
        "journal",
        N_("the ballot-entry journal (nhật ký nhập phiếu) of an election: each entry, import, removal and undo"),
        {Param{"ID", N_("the election"), true}},
        instances,
        build,
    };
}

}  // namespace daihoi::report
