// The standards report: people × criteria of a standard set — pass, fail
// or unknown in words, failures highlighted — with the reasons, landscape.
// Everyone (--all) streams in bounded memory, like `standards check --all`.
#include "core/error.hpp"
#include "core/registry/members.hpp"
#include "core/report/definitions.hpp"
#include "core/standards/check.hpp"

#include <fmt/format.h>

#include <memory>

namespace daihoi::report {

namespace {

namespace st = standards;
using detail::column;

std::optional<text::Date> as_of_param(const Context& ctx) {
    auto s = ctx.param("as-of");
    if (!s) return std::nullopt;
    auto d = text::parse_date(*s);
    if (!d)
        throw UsageError(fmt::format("--as-of: '{}' is not a date (YYYY-MM-DD or DD/MM/YYYY)", *s));
    return d;
}

// Turns each person's check into a row: one cell per criterion, then the
// conclusion and the reasons of what failed or is unknown.
class RowSink : public st::CheckSink {
  public:
    RowSink(const st::StandardSet& set, const Labels& l, const Emit& emit)
        : set_(set), emit_(emit) {
        fail_ = l.text("standards.fail_reason");
        unknown_ = l.text("standards.unknown_reason");
        std::size_t n = set.criteria.size();
        row_.cells.resize(n + 4);
        row_.marks.resize(n + 4);
    }
    void person(const st::PersonCheck& p) override {
        std::size_t n = set_.criteria.size();
        row_.cells[0] = p.code;
        row_.cells[1] = p.name;
        std::string reasons;
        for (int pass = 0; pass < 2; ++pass) {  // failures first, then unknowns
            for (std::size_t k = 0; k < n && k < p.results.size(); ++k) {
                const auto& o = p.results[k];
                if (pass == 0) {
                    row_.cells[2 + k] = std::string(st::code(o.result));
                    row_.marks[2 + k] = o.result == st::Result::Fail      ? Mark::Alert
                                        : o.result == st::Result::Unknown ? Mark::Bold
                                                                          : Mark::None;
                }
                if (o.result != (pass == 0 ? st::Result::Fail : st::Result::Unknown)) continue;
                const auto& c = set_.criteria[k];
                if (!reasons.empty()) reasons += "; ";
                reasons += fmt::format(fmt::runtime(pass == 0 ? fail_ : unknown_),
                                       fmt::arg("criterion", c.label.empty() ? c.id : c.label),
                                       fmt::arg("detail", o.detail));
            }
        }
        row_.cells[2 + n] = p.passes();
        row_.marks[2 + n] = p.fails() ? Mark::Alert : p.passes() ? Mark::None : Mark::Bold;
        row_.cells[3 + n] = reasons;
        emit_(row_);
    }

  private:
    const st::StandardSet& set_;
    const Emit& emit_;
    std::string fail_, unknown_;
    Row row_;
};

// Counts, for the subtitle, when the people are checked up front.
class CountSink : public st::CheckSink {
  public:
    void person(const st::PersonCheck& p) override {
        people.push_back(p);
        passes += p.passes();
        fails += p.fails();
    }
    std::vector<st::PersonCheck> people;
    std::size_t passes = 0, fails = 0;
};

Report build(const Context& ctx) {
    const Labels& l = ctx.labels;
    auto name = ctx.param("NAME");
    if (!name) throw UsageError("standards: give the standard set's NAME");
    auto set = std::make_shared<st::StandardSet>(st::find_set(ctx.db.getFilename(), *name));
    st::Selection sel;
    if (auto codes = ctx.param("CODE")) sel.codes = split_many(*codes);
    if (auto id = ctx.param("election")) sel.election = *id;
    sel.all = ctx.param("all").has_value();
    if ((sel.codes.empty() ? 0 : 1) + (sel.election ? 1 : 0) + (sel.all ? 1 : 0) != 1)
        throw UsageError("standards: give member codes, --election ID or --all (one of them)");
    std::shared_ptr<st::Flags> flags;
    if (auto file = ctx.param("flags")) flags = std::make_shared<st::Flags>(st::Flags::load(*file));
    st::CheckOptions opt;
    opt.as_of = st::as_of_date(ctx.db, *set, as_of_param(ctx));
    opt.flags = flags.get();
    // The details in the report's language (English, the check's own words,
    // when the labels have none).
    auto wording = std::make_shared<st::Wording>();  // outlives build(): --all reads later
    try {
        wording->override_with(l.table("standards.detail"));
    } catch (const std::invalid_argument& e) {
        throw InputError(Diagnostic{l.file().string(), 0, 0, fmt::format("standards.detail: {}", e.what())});
    }
    opt.wording = wording.get();

    Report r = start_report(ctx, "standards");
    r.sheet_name = l.text("standards.sheet");
    r.title = l.text("standards.title");
    r.orientation = Orientation::Landscape;
    // The whole registry streams; a list of nominees gets the official
    // layout's page breaks.
    r.memory = sel.all ? Memory::Constant : Memory::Normal;
    r.subtitle.push_back(
        l.format("standards.set_line",
                 {{"title", set->title}, {"name", set->name}, {"date", opt.as_of.vn()}}));
    if (sel.election)
        r.subtitle.push_back(l.format("standards.election_line",
                                      {{"title", election::require(ctx.db, *sel.election).title}}));
    else if (sel.all)
        r.subtitle.push_back(l.text("standards.all_line"));
    else
        r.subtitle.push_back(
            l.format("standards.codes_line", {{"count", std::to_string(sel.codes.size())}}));

    Table t;
    t.key = "standards";
    t.columns = {column(l, "standards", "code", ColumnType::Text, 11),
                 column(l, "standards", "name", ColumnType::Text, 22)};
    auto words = l.table("values.check_result");
    for (const auto& c : set->criteria) {
        Column col;
        col.key = c.id;
        col.label = c.label.empty() ? c.id : c.label;
        col.type = ColumnType::Text;
        col.width = 11;
        col.value_labels = words;
        t.columns.push_back(std::move(col));
    }
    t.columns.push_back(column(l, "standards", "passes", ColumnType::Bool, 10, "passes"));
    t.columns.push_back(column(l, "standards", "reasons", ColumnType::Text, 46));

    SQLite::Database& db = ctx.db;
    const Labels* labels = &l;
    if (sel.all) {
        t.expected_rows = registry::count_members(db, {});
        t.rows = [&db, set, sel, opt, flags, wording, labels](const Emit& emit) {
            RowSink sink(*set, *labels, emit);
            st::check(db, *set, sel, opt, sink);
        };
    } else {
        // A list or an election's candidates: checked now, so unknown codes
        // fail before the file is begun and the subtitle can count.
        auto counted = std::make_shared<CountSink>();
        st::check(db, *set, sel, opt, *counted);
        r.subtitle.push_back(
            l.format("standards.count_line", {{"passes", std::to_string(counted->passes)},
                                              {"count", std::to_string(counted->people.size())},
                                              {"fails", std::to_string(counted->fails)}}));
        t.expected_rows = counted->people.size();
        t.rows = [set, counted, labels](const Emit& emit) {
            RowSink sink(*set, *labels, emit);
            for (const auto& p : counted->people) sink.person(p);
        };
    }
    r.tables.push_back(std::move(t));
    return r;
}

// Which set applies to which election is the congress's choice, not the
// program's: `report all` writes no standards report (see daihoi-report(1)).
std::vector<Instance> instances(SQLite::Database&) {
    return {};
}

}  // namespace

ReportKind standards_kind() {
    return ReportKind{
        "standards",
        "people × criteria of a standard set, failures highlighted",
        {Param{"NAME", "the standard set (its name, or a path to a .toml file)", true, {}},
         Param{"CODE", "members to check", true, {}, false, true},
         Param{"election", "check an election's candidates", false, {}},
         Param{"all", "check every member of the registry", false, {}, true},
         Param{
             "as-of",
             "the date ages and years are counted to (default: the set's, else the congress date)",
             false,
             {}},
         Param{
             "flags", "flags file for 'flag' criteria: code, then one column per flag", false, {}}},
        instances,
        build,
    };
}

}  // namespace daihoi::report
