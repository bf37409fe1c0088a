// The credentials review report (báo cáo thẩm tra tư cách đại biểu): the
// statistics of delegates::credentials as small tables of count and share,
// with a chart of the age bands.
#include "core/delegates/credentials.hpp"
#include "core/delegates/delegates.hpp"
#include "core/registry/congress.hpp"
#include "core/report/definitions.hpp"
#include "core/text/utf8.hpp"

#include <fmt/format.h>

namespace daihoi::report {

namespace {

namespace dl = delegates;
using detail::column;

// One small table: item, count and share. Items are codes printed through
// the labels' credentials.items; free-text values print as recorded.
struct Builder {
    const Labels& l;
    const dl::Credentials& c;
    std::vector<Table>& tables;
    std::unordered_map<std::string, std::string> items = l.table("credentials.items");

    Table& table(const std::string& key) {
        Table t;
        t.key = key;
        t.caption = l.text(fmt::format("credentials.captions.{}", key));
        t.numbered = false;
        t.columns = {column(l, "credentials", "item", ColumnType::Text, 42),
                     column(l, "credentials", "count", ColumnType::Int, 15),
                     column(l, "credentials", "percent", ColumnType::Number, 15)};
        t.columns[0].value_labels = items;
        t.columns[0].align = Align::Left;
        tables.push_back(std::move(t));
        rows_.emplace_back();
        return tables.back();
    }
    // A row with its share of `total` (the seated delegates by default); no
    // share when total is negative.
    void row(const std::string& item, std::int64_t count, std::int64_t total) {
        Value share =
            total < 0 ? Value(std::monostate{}) : detail::percent_cell(dl::percent(count, total));
        rows_.back().push_back(Row{{item, count, share}, {}});
    }
    void row(const std::string& item, std::int64_t count) { row(item, count, c.seated); }
    void breakdown(const std::vector<dl::ValueCount>& values, bool skip_kinh = false) {
        for (const auto& v : values)
            if (!skip_kinh || text::fold(v.value) != "kinh") row(v.value, v.count);
    }
    void finish() {
        for (std::size_t i = 0; i < tables.size(); ++i) {
            tables[i].expected_rows = rows_[i].size();
            tables[i].rows = detail::rows_of(std::move(rows_[i]));
        }
    }

    std::vector<std::vector<Row>> rows_ = {};
};

std::string extreme_line(const Labels& l, const std::string& key,
                         const std::optional<dl::Extreme>& e) {
    if (!e) return {};
    return l.format(
        key, {{"name", e->name}, {"date", e->date.vn()}, {"years", std::to_string(e->years)}});
}

Report build(const Context& ctx) {
    const Labels& l = ctx.labels;
    std::string session = ctx.param("session").value_or(dl::kDefaultSession);
    dl::Credentials c = dl::credentials(ctx.db, session);
    bool members_congress = c.convened_by_kind.member > 0;

    Report r = start_report(ctx, "credentials");
    r.sheet_name = l.text("credentials.sheet");
    r.title = l.text("credentials.title");
    if (auto congress = registry::load_congress(ctx.db); congress && !congress->name.empty())
        r.subtitle.push_back(l.format("credentials.congress_line", {{"name", congress->name}}));
    r.subtitle.push_back(
        l.format("credentials.as_of_line", {{"date", c.as_of.vn()}, {"session", session}}));

    Builder b{l, c, r.tables};
    Table& totals = b.table("totals");
    totals.before.push_back(Line(l.text("credentials.share_note"), LineStyle::Italic));
    b.row("convened", c.convened, -1);
    b.row("seated", c.seated, c.convened);
    b.row("present", c.present);
    const auto& k = c.seated_by_kind;
    if (members_congress) {
        b.row("member", k.member);
    } else {
        b.row("elected", k.elected);
        b.row("ex_officio", k.ex_officio);
        b.row("appointed", k.appointed);
        b.row("reserve_substituting", k.reserve_substituting);
        b.row("reserves", c.reserves, -1);
    }
    b.row("disqualified", c.disqualified, c.convened);
    b.row("absent_whole_congress", c.absent_whole_congress, c.convened);
    if (!members_congress) b.row("replaced", c.replaced, c.convened);
    b.row("probationary", c.probationary);

    b.table("gender");
    b.row("men", c.men);
    b.row("women", c.women);

    Table& age = b.table("age");
    b.row("age_under_30", c.age_under_30);
    b.row("age_30_39", c.age_30_39);
    b.row("age_40_49", c.age_40_49);
    b.row("age_50_59", c.age_50_59);
    b.row("age_60_69", c.age_60_69);
    b.row("age_70_over", c.age_70_over);
    for (auto line : {extreme_line(l, "credentials.oldest", c.oldest),
                      extreme_line(l, "credentials.youngest", c.youngest)})
        if (!line.empty()) age.after.push_back(Line(std::move(line)));
    if (auto avg = dl::average_age(c); !avg.empty())
        age.after.push_back(Line(l.format("credentials.average_age", {{"age", avg}})));
    Chart chart;
    chart.title = l.text("credentials.chart_title");
    chart.category = "item";
    chart.value = "count";
    chart.value_label = l.text("credentials.chart_series");
    age.chart = chart;

    b.table("ethnicity");
    b.row("kinh", c.kinh);
    b.row("minorities", c.minorities);
    b.breakdown(c.ethnicities, true);

    b.table("religion");
    b.row("with_religion", c.with_religion);
    b.breakdown(c.religions);

    b.table("education");
    b.breakdown(c.education);

    b.table("degree");
    b.row("doctor", c.degree_doctor);
    b.row("master", c.degree_master);
    b.row("bachelor", c.degree_bachelor);
    b.row("college", c.degree_college);
    b.row("none", c.degree_none);
    b.row("unknown", c.degree_unknown);

    b.table("theory");
    b.row("cu_nhan", c.theory_cu_nhan);
    b.row("cao_cap", c.theory_cao_cap);
    b.row("trung_cap", c.theory_trung_cap);
    b.row("so_cap", c.theory_so_cap);
    b.row("none", c.theory_none);
    b.row("unknown", c.theory_unknown);

    Table& party = b.table("party_years");
    b.row("party_under_10", c.party_under_10);
    b.row("party_10_19", c.party_10_19);
    b.row("party_20_29", c.party_20_29);
    b.row("party_30_over", c.party_30_over);
    b.row("unknown", c.party_unknown);
    for (auto line : {extreme_line(l, "credentials.party_most", c.party_most),
                      extreme_line(l, "credentials.party_least", c.party_least)})
        if (!line.empty()) party.after.push_back(Line(std::move(line)));

    b.table("shares");
    b.row("under_40", c.under_40);
    b.row("over_70", c.over_70);
    b.finish();

    r.closing = {
        Line::two("", LineStyle::Plain, l.text("credentials.signature_title"), LineStyle::Bold),
        Line::two("", LineStyle::Plain, l.text("credentials.signature_role"), LineStyle::Bold)};
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
        "the credentials review statistics of the delegates seated, with a chart of ages",
        {Param{"session", "the session whose presence is counted (default 1)", false, {}}},
        instances,
        build,
    };
}

}  // namespace daihoi::report
