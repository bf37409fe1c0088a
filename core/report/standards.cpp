// The standards report: people × criteria of a standard set — pass, fail
// or unknown in words, failures highlighted — with the reasons in the
// language in force, landscape. CSV and JSON carry each criterion's result
// and reason as codes instead. Everyone (--all) streams in bounded memory,
// like `standards check --all`.
#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/registry/members.hpp"
#include "core/report/cells.hpp"
#include "core/report/definitions.hpp"
#include "core/standards/check.hpp"
#include "core/text/utf8.hpp"

#include <fmt/format.h>

#include <memory>

namespace daihoi::report {

namespace {

namespace st = standards;
using detail::column;

// Turns each person's check into a row: one cell per criterion, then (.xlsx)
// the conclusion and the reasons of what failed or is unknown, or (CSV,
// JSON) each criterion's reason code, then the conclusion.
class RowSink : public st::CheckSink {
  public:
    RowSink(const st::StandardSet& set, const Labels& l, bool data, const Emit& emit)
        : set_(set), data_(data), emit_(emit) {
        if (!data_) {
            fail_ = l.text("standards.fail_reason");
            unknown_ = l.text("standards.unknown_reason");
            fail_alone_ = l.text("standards.fail_reason_alone");
            unknown_alone_ = l.text("standards.unknown_reason_alone");
        }
        const std::size_t n = set.criteria.size();
        row_.cells.resize(data_ ? 2 * n + 3 : n + 4);
        row_.marks.resize(row_.cells.size());
    }
    void person(const st::PersonCheck& p) override {
        const std::size_t n = set_.criteria.size();
        row_.cells[0] = p.code;
        row_.cells[1] = p.full_name;
        for (std::size_t k = 0; k < n && k < p.results.size(); ++k) {
            const auto& o = p.results[k];
            row_.cells[2 + k] = std::string(st::code(o.result));
            row_.marks[2 + k] = o.result == st::Result::Fail      ? Mark::Alert
                                : o.result == st::Result::Unknown ? Mark::Bold
                                                                  : Mark::None;
            if (data_) row_.cells[2 + n + k] = std::string(st::code(o.reason));
        }
        const std::size_t passes = data_ ? 2 + 2 * n : 2 + n;
        row_.cells[passes] = p.passes();
        row_.marks[passes] = p.fails() ? Mark::Alert : p.passes() ? Mark::None : Mark::Bold;
        if (!data_) row_.cells[passes + 1] = reasons(p);
        emit_(row_);
    }

  private:
    // The failures, then the unknowns, each after its criterion's label.
    std::string reasons(const st::PersonCheck& p) const {
        std::string out;
        for (auto want : {st::Result::Fail, st::Result::Unknown}) {
            for (std::size_t k = 0; k < set_.criteria.size() && k < p.results.size(); ++k) {
                const auto& o = p.results[k];
                if (o.result != want) continue;
                const auto& c = set_.criteria[k];
                const std::string label = c.label.empty() ? c.id : c.label;
                std::string detail = st::describe(o);
                // "lý luận chính trị sơ cấp, cần …" names its criterion itself:
                // no "Lý luận chính trị: " in front of it, only a capital.
                const bool names_itself = text::fold(detail).starts_with(text::fold(label) + " ");
                if (names_itself) detail = upper_first(detail);
                const std::string& pattern = want == st::Result::Fail ? (names_itself ? fail_alone_ : fail_)
                                                                      : (names_itself ? unknown_alone_ : unknown_);
                if (!out.empty()) out += "; ";
                out += fmt::format(fmt::runtime(pattern), fmt::arg("criterion", label), fmt::arg("detail", detail));
            }
        }
        return out;
    }

    const st::StandardSet& set_;
    std::string fail_alone_, unknown_alone_;
    bool data_;
    const Emit& emit_;
    std::string fail_, unknown_;
    Row row_;
};

// The people checked up front, and the counts for the subtitle.
class KeepSink : public st::CheckSink {
  public:
    void person(const st::PersonCheck& p) override {
        people.push_back(p);
        counts.add(p);
    }
    std::vector<st::PersonCheck> people;
    st::CheckCounts counts;
};

Report build(const Context& ctx) {
    const Labels& l = ctx.labels;
    auto name = ctx.param("NAME");
    if (!name) throw UsageError(_("NAME is required"));
    const auto when = st::parse_as_of(ctx.param("as-of").value_or(""));
    const st::Selection sel =
        st::Selection::of(split_many(ctx.param("CODE").value_or("")),
                          ctx.param("election").value_or(""), ctx.param("all").has_value());
    auto set = std::make_shared<st::StandardSet>(st::find_set(ctx.db.getFilename(), *name));
    std::shared_ptr<st::Flags> flags;
    if (auto file = ctx.param("flags")) flags = std::make_shared<st::Flags>(st::Flags::load(*file));
    st::CheckOptions opt;
    opt.as_of = st::as_of_date(ctx.db, *set, when);
    opt.flags = flags.get();
    const bool data = !ctx.printed();

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
            l.format("standards.codes_line", {{"count", detail::whole(l, static_cast<std::int64_t>(sel.codes.size()))}}));

    Table t;
    t.key = "standards";
    t.columns = {column(l, "standards", "code", ColumnType::Text, 11),
                 column(l, "standards", "full_name", ColumnType::Text, 22)};
    auto words = l.table("values.check_result");
    for (const auto& c : set->criteria) {
        Column col;
        col.key = c.id;
        col.label = c.label.empty() ? c.id : c.label;
        col.width = 11;
        col.value_labels = words;
        t.columns.push_back(std::move(col));
    }
    if (data)
        for (const auto& c : set->criteria) {
            Column col;
            col.key = c.id + "_reason";
            col.label = col.key;
            t.columns.push_back(std::move(col));
        }
    t.columns.push_back(column(l, "standards", "passes", ColumnType::Bool, 10, "passes"));
    if (!data) t.columns.push_back(column(l, "standards", "reasons", ColumnType::Text, 46));

    SQLite::Database& db = ctx.db;
    const Labels* labels = &l;
    if (sel.all) {
        t.expected_rows = registry::count_members(db, {});
        t.rows = [&db, set, sel, opt, flags, labels, data](const Emit& emit) {
            RowSink sink(*set, *labels, data, emit);
            st::check(db, *set, sel, opt, sink);
        };
    } else {
        // A list or an election's candidates: checked now, so unknown codes
        // fail before the file is begun and the subtitle can count.
        auto kept = std::make_shared<KeepSink>();
        st::check(db, *set, sel, opt, *kept);
        r.subtitle.push_back(
            l.format("standards.count_line", {{"passes", detail::whole(l, static_cast<std::int64_t>(kept->counts.passing()))},
                                              {"count", detail::whole(l, static_cast<std::int64_t>(kept->counts.people))},
                                              {"fails", detail::whole(l, static_cast<std::int64_t>(kept->counts.failing))}}));
        t.expected_rows = kept->people.size();
        t.rows = [set, kept, labels, data](const Emit& emit) {
            RowSink sink(*set, *labels, data, emit);
            for (const auto& p : kept->people) sink.person(p);
        };
    }
    r.tables.push_back(std::move(t));
    // The standing committee signs the personnel papers: the personnel
    // subcommittee prepares them, but it is a working body of the committee,
    // and what goes on file and to the level above is the committee's.
    r.closing = detail::signature(l, {"standing_committee", {}});
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
        N_("people × criteria of a standard set, failures highlighted"),
        {Param{"NAME", N_("the standard set (its name, or a path to a .toml file)"), true},
         Param{"CODE", N_("members to check"), true, false, true},
         Param{"election", N_("check an election's candidates"), false, false, false, "ID"},
         Param{"all", N_("check every member of the registry"), false, true},
         Param{"as-of",
               N_("the date ages and years are counted to (default: the set's, else the congress "
                  "date)"),
               false, false, false, "DATE"},
         Param{"flags", N_("flags file for 'flag' criteria: code, then one column per flag"), false,
               false, false, "FILE"}},
        instances,
        build,
    };
}

}  // namespace daihoi::report
