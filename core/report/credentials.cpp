// The credentials review report (báo cáo thẩm tra tư cách đại biểu): the
// sections of delegates::credentials_layout — the same rows, counts and
// shares as `daihoi delegates credentials` — as small tables in the labels'
// words, with a chart of the age bands.
#include "core/base/i18n.hpp"
#include "core/delegates/credentials.hpp"
#include "core/delegates/delegates.hpp"
#include "core/registry/congress.hpp"
#include "core/report/definitions.hpp"

#include <fmt/format.h>

namespace daihoi::report {

namespace {

namespace dl = delegates;
using detail::column;

// A note in the labels' words.
std::string note_line(const Labels& l, const dl::CredentialsNote& n) {
    using K = dl::CredentialsNoteKind;
    if (n.kind == K::SharesOf) return l.text("credentials.share_note");
    if (n.kind == K::AverageAge) return l.format("credentials.average_age", {{"age", detail::decimal(l, n.average)}});
    if (!n.who) return {};
    const char* key = n.kind == K::Oldest     ? "credentials.oldest"
                      : n.kind == K::Youngest ? "credentials.youngest"
                      : n.kind == K::PartyMost ? "credentials.party_most"
                                               : "credentials.party_least";
    return l.format(key, {{"name", n.who->name}, {"date", n.who->date.vn()}, {"years", std::to_string(n.who->years)}});
}

// One small table per section: item, count and share. Items are codes printed
// through the labels' credentials.items; recorded values print as they are.
Table section_table(const Labels& l, const dl::CredentialsSection& s) {
    Table t;
    t.key = s.key;
    t.caption = l.text(fmt::format("credentials.captions.{}", s.key));
    t.numbered = false;
    t.columns = {column(l, "credentials", "item", ColumnType::Text, 42),
                 column(l, "credentials", "count", ColumnType::Int, 15),
                 column(l, "credentials", "percent", ColumnType::Number, 15)};
    t.columns[0].value_labels = l.table("credentials.items");
    t.columns[0].align = Align::Left;
    for (const auto& n : s.above) t.before.push_back(Line(note_line(l, n), LineStyle::Italic));
    for (const auto& n : s.below) t.after.push_back(Line(note_line(l, n)));
    std::vector<Row> rows;
    for (const auto& r : s.rows) {
        Value share = r.of ? detail::percent_cell(r.percent()) : Value(std::monostate{});
        rows.push_back(Row{{r.item.empty() ? r.value : r.item, r.count, share}, {}});
    }
    t.expected_rows = rows.size();
    t.rows = detail::rows_of(std::move(rows));
    return t;
}

Report build(const Context& ctx) {
    const Labels& l = ctx.labels;
    std::string session = ctx.param("session").value_or(dl::kDefaultSession);
    dl::Credentials c = dl::credentials(ctx.db, session);

    Report r = start_report(ctx, "credentials");
    r.sheet_name = l.text("credentials.sheet");
    r.title = l.text("credentials.title");
    if (auto congress = registry::load_congress(ctx.db); congress && !congress->name.empty())
        r.subtitle.push_back(l.format("credentials.congress_line", {{"name", congress->name}}));
    r.subtitle.push_back(l.format("credentials.as_of_line", {{"date", c.as_of.vn()}, {"session", session}}));

    for (const auto& s : dl::credentials_layout(c)) {
        r.tables.push_back(section_table(l, s));
        if (s.key == "age") {
            Chart chart;
            chart.title = l.text("credentials.chart_title");
            chart.category = "item";
            chart.value = "count";
            chart.value_label = l.text("credentials.chart_series");
            r.tables.back().chart = chart;
        }
    }
    r.closing = detail::signature(l, {"credentials_board", {}});
    return r;
}

std::vector<Instance> instances(SQLite::Database& db) {
    if (!registry::load_congress(db) || dl::list_delegates(db).empty()) return {};
    return {Instance{"credentials", {}}};
}

}  // namespace

ReportKind credentials_kind() {
    return ReportKind{
        "credentials",
        N_("the credentials review statistics of the delegates seated, with a chart of ages"),
        {Param{"session", N_("the session whose presence is counted (default 1)"), false, {}}},
        instances,
        build,
        true,  // signed as printed: also .pdf
    };
}

}  // namespace daihoi::report
