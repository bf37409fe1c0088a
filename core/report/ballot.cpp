// The ballot paper (phiếu bầu): the election's title, the names in ballot
// order with their positions, in a large font, and how to vote. No votes.
// An agree/disagree ballot has four columns: STT, full name, "Đồng ý" and
// "Không đồng ý", the two boxes left empty (Quy chế 244 Art. 17).
// As .pdf it is the printed paper of core/paper (ballot_paper.hpp): A5 or A4,
// the stamp's box, the fiducials and the code the scanner reads.
#include "core/report/ballot_paper.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/registry/congress.hpp"
#include "core/report/cells.hpp"
#include "core/report/definitions.hpp"

#include <fmt/format.h>

namespace daihoi::report {

namespace {

namespace el = election;
using detail::column;

constexpr double kBallotFont = 16;

void require_positions(const el::Election& e) {
    if (e.phase == el::Phase::Setup)
        throw Refused(_f("election {} is not open: the ballot positions are assigned by 'daihoi election open {}'",
                         e.id, e.id));
}

const char* count_key(const el::Election& e) {
    return e.reserves == 0 ? "ballot.count_line"
           : e.seats == 0  ? "ballot.count_line_reserves_only"
                           : "ballot.count_line_reserves";
}

Report build(const Context& ctx) {
    if (ctx.param("two-up"))
        throw UsageError(_("--two-up is for the ballot paper written as .pdf"));
    const Labels& l = ctx.labels;
    el::Election e = detail::require_election(ctx);
    require_positions(e);
    auto candidates = el::candidates(ctx.db, e.id);

    Report r = start_report(ctx, "ballot");
    r.sheet_name = l.text("ballot.sheet");
    r.title = l.format("ballot.title", {{"title", e.title}});
    r.subtitle.push_back(l.format(
        count_key(e), {{"seats", std::to_string(e.seats)}, {"reserves", std::to_string(e.reserves)}}));
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

// The printed paper: one ballot a sheet, or two A5 ballots on an A4 sheet.
std::size_t write_paper(const Context& ctx, const std::filesystem::path& file) {
    const std::string id = ctx.param("ID").value_or("");
    // Always in Vietnamese, whatever the terminal's language: it is the
    // congress's paper, and the scanner reads it back against this one.
    paper::BallotContent c = ballot_paper(ctx.db, id, "vi");
    paper::write_pdf(c, file, ctx.param("two-up").has_value());
    return c.names.size();
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
        {Param{"ID", N_("the election"), true},
         Param{"two-up", N_("two A5 ballots a sheet, side by side on A4 turned landscape, to cut apart (.pdf only)"),
               false, true}},
        instances,
        build,
        false,
        write_paper,
    };
}

paper::BallotContent ballot_paper(SQLite::Database& db, const std::string& election_id, const std::string& lang) {
    const Labels& l = Labels::load(lang);
    const el::Election e = el::require(db, election_id);
    require_positions(e);
    if (e.round < 1 || e.round > 15)
        throw Refused(_f("round {} of election {} cannot be printed in the ballot's code (rounds 1 to 15)",
                         e.round, e.id));
    const auto congress = registry::load_congress(db);
    const auto candidates = el::candidates(db, e.id);

    paper::BallotContent c;
    if (congress) {
        c.organization = upper_vi(congress->organization);
        c.congress = upper_vi(detail::congress_line(l, *congress));
    }
    c.party = l.text("common.party");
    c.title = l.text("ballot.paper_title");
    c.election = e.title;
    c.count_line = l.format(count_key(e), {{"seats", std::to_string(e.seats)}, {"reserves", std::to_string(e.reserves)}});
    if (e.round > 1) c.round_line = l.format("ballot.round_line", {{"round", std::to_string(e.round)}});
    c.number_header = l.text("ballot.columns.position");
    c.name_header = l.text("ballot.columns.full_name");
    c.agree_header = l.text("ballot.columns.agree");
    c.disagree_header = l.text("ballot.columns.disagree");
    c.agree = e.form == el::Form::Agree;
    c.instruction = l.text(c.agree ? "ballot.instruction_agree" : "ballot.instruction");
    c.stamp_label = l.text("ballot.stamp");

    // The code: which congress and election, which round, which list as printed.
    std::string list = fmt::format("{}\x1f{}\x1f{}", c.agree ? "agree" : "cross", e.seats, e.reserves);
    for (const auto& cand : candidates) {
        c.names.push_back(cand.name);
        list += fmt::format("\x1e{}\x1f{}", cand.code, cand.name);
    }
    const std::string who = congress ? congress->name + "\x1f" + congress->organization : std::string("\x1f");
    c.code = {e.round, paper::hash20(who + "\x1f" + e.id), paper::hash20(list)};
    c.code_text = l.format("ballot.code_line", {{"id", e.id},
                                                {"round", std::to_string(e.round)},
                                                {"election", fmt::format("{:05X}", c.code.election)},
                                                {"list", fmt::format("{:05X}", c.code.list)}});
    return c;
}

}  // namespace daihoi::report
