// The counting minutes (biên bản kiểm phiếu) in the layout of Party
// documents: the election and its places, the list in ballot order, the
// counting board, delegates and ballots, each candidate's votes in ballot
// order, those elected by votes, reserves, ties and places left unfilled,
// the base of the majority rule, and the board's signatures.
#include "core/base/i18n.hpp"
#include "core/base/number.hpp"
#include "core/delegates/delegates.hpp"
#include "core/election/motion.hpp"
#include "core/error.hpp"
#include "core/registry/congress.hpp"
#include "core/report/definitions.hpp"
#include "core/text/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace daihoi::report {

namespace {

namespace el = election;
using detail::column;

constexpr std::size_t kBlankBoard = 3;  // lines to fill by hand without --board

// "Name 1; Name 2" → the names, cleaned; the first is the head.
std::vector<std::string> board_names(const std::optional<std::string>& given) {
    std::vector<std::string> out;
    if (!given) return out;
    auto all = text::clean(*given);
    if (!all) throw UsageError(_("--board: not valid UTF-8"));
    std::size_t start = 0;
    while (start <= all->size()) {
        std::size_t semi = all->find(';', start);
        auto name =
            text::clean(all->substr(start, semi == std::string::npos ? semi : semi - start));
        if (name && !name->empty()) out.push_back(*name);
        if (semi == std::string::npos) break;
        start = semi + 1;
    }
    if (out.empty()) throw UsageError(_("--board: give the names, separated by ';', the head first"));
    return out;
}

// The title of the election as the object of "kiểm phiếu …": a title that
// starts with the labels' verb ("Bầu Ban Chấp hành …") reads on in lower case
// ("kiểm phiếu bầu Ban Chấp hành …"); any other title is quoted, as is a
// consultative ballot's ("kiểm phiếu cuộc bỏ phiếu “Xin ý kiến …”").
std::string election_phrase(const Labels& l, const std::string& title, bool consultation) {
    if (consultation) return l.format("minutes.consultation_quoted", {{"title", title}});
    const std::string verb = l.text("minutes.title_verb");
    if (!verb.empty() && title.starts_with(verb + " ")) return text::lower(verb) + title.substr(verb.size());
    return l.format("minutes.election_quoted", {{"title", title}});
}

// When the count began and ended, as the minutes print them. The day is the
// day of the count: --date when given (the clock times are then left to fill
// by hand), else the day the count was closed, else the congress's date.
struct CountTimes {
    text::Date date;
    std::optional<text::LocalTime> began, closed;
};

CountTimes count_times(const Context& ctx, const el::Election& e) {
    CountTimes out;
    out.date = detail::count_date(ctx, e);
    out.closed = text::local_date_time(e.closed_at);
    out.began = text::local_date_time(el::count_began(ctx.db, e.id));
    // A time of another day than the paper's is left to fill by hand.
    if (out.closed && out.closed->date != out.date) out.closed.reset();
    if (out.began && out.began->date != out.date) out.began.reset();
    return out;
}

// "Hồi 9 giờ 30 phút, ngày 06 tháng 12 năm 2026" (the labels' clock_line),
// with dotted blanks for a time not known.
std::string clock_words(const Labels& l, const std::optional<text::LocalTime>& t, const text::Date& d) {
    const std::string blank = l.text("minutes.blank_time");
    return l.format("minutes.clock_line", {{"hour", t ? std::to_string(t->hour) : blank},
                                           {"minute", t ? fmt::format("{:02}", t->minute) : blank},
                                           {"dd", fmt::format("{:02}", d.day)},
                                           {"mm", fmt::format("{:02}", d.month)},
                                           {"yyyy", std::to_string(d.year)}});
}

Report build(const Context& ctx) {
    const Labels& l = ctx.labels;
    const el::Tally t = detail::checked_tally(ctx);
    const el::Election& e = t.election;
    const el::TallyResult& res = t.result;
    std::string session = ctx.param("session").value_or(delegates::kDefaultSession);
    auto q = delegates::quorum(ctx.db, session);
    // The board as given on the command line, else as the workspace keeps it.
    auto board = board_names(ctx.param("board"));
    if (board.empty()) board = el::counting_board(ctx.db, e.id);
    const auto congress = registry::load_congress(ctx.db);
    const CountTimes when = count_times(ctx, e);
    auto list = el::candidates(ctx.db, e.id);  // ballot order
    std::string seat_noun = detail::seat_noun(l, e), reserve_noun = detail::reserve_noun(l, e);
    auto n = [](auto v) { return std::to_string(v); };
    // A consultative ballot elects nobody: it ranks the names (statuses "ranked").
    const bool consultation = el::bodies().parse(e.body) == el::Body::Consultation;
    const bool agree = e.form == el::Form::Agree;

    Report r = start_report(ctx, "minutes");
    r.sheet_name = l.text("minutes.sheet");
    // The paper of the counting board of this congress, dated the day of the count.
    if (congress) r.heading.issuer.push_back(detail::congress_line(l, *congress));
    r.heading.issuer.push_back(l.text("minutes.issuer"));
    r.heading.place_date = detail::count_date_line(ctx, e);
    r.title = l.text("minutes.title");
    r.subtitle.push_back(l.format("minutes.election_line", {{"title", e.title}}));
    if (e.round > 1) r.subtitle.push_back(l.format("minutes.round_line", {{"round", n(e.round)}}));
    // A count still open is provisional, and the paper says so; a closed one
    // needs no status (the signatures are its status).
    if (e.phase == el::Phase::Open)
        r.subtitle.push_back(l.format("minutes.status_line", {{"status", detail::status_words(l, e.phase)}}));
    if (consultation) r.subtitle.push_back(l.text("minutes.consultation_line"));

    // One grid for every table: the ballot position or row number, the name
    // or item, the votes or count, the percent.
    auto candidate_row = [&](const el::CandidateResult& c, bool with_position) {
        Row row{{c.name, c.votes, detail::percent_cell(number::percent(c.votes, res.base))}, {}};
        if (with_position) row.cells.insert(row.cells.begin(), std::int64_t{c.position});
        if (with_position && agree) row.cells.insert(row.cells.end(), {c.disagree, c.no_vote});
        return row;
    };
    auto count_table = [&](const std::string& key, const std::string& caption) {
        Table tb;
        tb.key = key;
        tb.caption = caption;
        tb.columns = {column(l, "minutes", "item", ColumnType::Text, 46),
                      column(l, "minutes", "count", ColumnType::Int, 13)};
        tb.columns[0].value_labels = l.table("minutes.items");
        tb.columns[0].align = Align::Left;
        return tb;
    };
    auto section = [&](Table& tb, const std::string& key) {
        tb.before.push_back(Line());
        tb.before.push_back(Line(l.text(key), LineStyle::Bold));
    };

    // I. The election, its places, the list in ballot order.
    Table names;
    names.key = "list";
    names.numbered = false;
    names.before.push_back(Line(l.format(
        "minutes.opening", {{"clock", clock_words(l, when.began, when.date)},
                            {"place", congress && !congress->place.empty() ? congress->place : l.text("minutes.blank_place")},
                            {"congress", congress ? congress->name : std::string()},
                            {"election", election_phrase(l, e.title, consultation)}})));
    section(names, "minutes.section_election");
    names.before.push_back(Line(l.text(consultation ? "minutes.secret_consultation" : "minutes.secret_ballot")));
    if (agree) names.before.push_back(Line(l.text("minutes.form_agree")));
    const char* places = consultation     ? "minutes.seats_line_consultation"
                         : e.reserves == 0 ? "minutes.seats_line"
                         : e.seats == 0    ? "minutes.seats_line_reserves_only"  // a further round
                                           : "minutes.seats_line_reserves";
    std::string places_line = l.format(places, {{"seats", n(e.seats)},
                                                {"seat_noun", seat_noun},
                                                {"reserves", n(e.reserves)},
                                                {"reserve_noun", reserve_noun}});
    // The congress's own vote on the number, when it was recorded (the last that passed).
    for (const auto& m : el::motions(ctx.db))
        if (m.subject == "seats" && m.election == e.id && m.passed)
            places_line = l.format("minutes.seats_voted", {{"line", places_line},
                                                          {"for", n(m.votes_for)},
                                                          {"base", n(m.base)}});
    names.before.push_back(Line(places_line));
    names.caption = l.format("minutes.list_caption", {{"count", n(list.size())}});
    // Who nominated each name, and for a nomination from the floor how many
    // of those present agreed (QĐ 190-QĐ/TW Art. 14).
    // The sheet takes the widths of its widest table: the name column wide
    // enough for the board's items under it ("trong đó: Gạch hết tên …").
    names.columns = {column(l, "minutes", "position", ColumnType::Int, 8),
                     column(l, "minutes", "full_name", ColumnType::Text, 42),
                     column(l, "minutes", "source", ColumnType::Text, 17, "candidate_source"),
                     column(l, "minutes", "endorsement", ColumnType::Text, 17)};
    names.columns[2].align = Align::Left;
    std::vector<Row> name_rows;
    for (const auto& c : list) {
        Value endorsement = std::monostate{};
        if (c.endorsed && c.present)
            endorsement = l.format("minutes.endorsement", {{"endorsed", n(*c.endorsed)}, {"present", n(*c.present)}});
        name_rows.push_back(Row{{std::int64_t{c.position}, c.name, c.source, endorsement}, {}});
    }
    names.expected_rows = name_rows.size();
    names.rows = detail::rows_of(std::move(name_rows));

    // II. The counting board; III. delegates and ballots.
    Table attendance = count_table("attendance", l.text("minutes.attendance_caption"));
    section(attendance, "minutes.section_board");
    std::string blank = l.text("minutes.blank_name");
    for (std::size_t i = 0; i < std::max(board.size(), board.empty() ? kBlankBoard : 0); ++i)
        attendance.before.push_back(
            Line(l.format(i == 0 ? "minutes.board_head" : "minutes.board_member",
                          {{"n", n(i + 1)}, {"name", board.empty() ? blank : board[i]}})));
    if (e.base_kind == el::BaseKind::Fixed) {
        // Another electorate than the congress (the new committee electing its
        // secretary): its size, not the congress's attendance.
        section(attendance, "minutes.section_electorate");
        attendance.caption = l.text("minutes.electorate_caption");
        attendance.rows = detail::rows_of({Row{{std::string("electorate"), e.base_fixed}, {}}});
        attendance.expected_rows = 1;
    } else {
        section(attendance, "minutes.section_attendance");
        attendance.rows = detail::rows_of(
            {Row{{std::string("convened"), q.convened}, {}}, Row{{std::string("seated"), q.seated}, {}},
             Row{{std::string("present"), q.present}, {}}, Row{{std::string("absent"), q.absent}, {}}});
        attendance.expected_rows = 4;
    }

    Table ballots = count_table("ballots", l.text("minutes.ballots_caption"));
    auto reasons = l.table("values.invalid_reason");
    std::vector<Row> ballot_rows;
    auto count_cell = [](const std::optional<std::int64_t>& v) {
        return v ? Value(*v) : Value(std::monostate{});
    };
    ballot_rows.push_back(Row{{std::string("issued"), count_cell(e.issued)}, {}});
    ballot_rows.push_back(Row{{std::string("collected"), count_cell(e.collected)}, {}});
    ballot_rows.push_back(Row{{std::string("valid"), res.valid}, {Mark::Bold, Mark::Bold}});
    ballot_rows.push_back(Row{{std::string("invalid"), res.invalid}, {Mark::Bold, Mark::Bold}});
    for (const auto& [reason, count] : res.invalid_by_reason) {
        // The code "invalid:REASON" for scripts, the board's words in print.
        std::string key = fmt::format("invalid:{}", reason);
        auto words = reasons.find(reason);
        ballots.columns[0].value_labels[key] =
            l.format("minutes.items.invalid_reason",
                     {{"reason", words == reasons.end() ? reason : words->second}});
        ballot_rows.push_back(Row{{key, count}, {}});
    }
    ballots.expected_rows = ballot_rows.size();
    ballots.rows = detail::rows_of(std::move(ballot_rows));

    // IV. The votes, in ballot order, against the base.
    Table votes;
    votes.key = "votes";
    votes.numbered = false;
    section(votes, "minutes.section_votes");
    votes.before.push_back(
        Line(l.format(consultation ? "minutes.base_line_consultation" : "minutes.base_line",
                      {{"base", n(res.base)}, {"explanation", detail::base_words(ctx, t)}, {"needed", n(res.needed)}})));
    votes.caption = l.text("minutes.votes_caption");
    votes.columns = {column(l, "minutes", "position", ColumnType::Int, 8),
                     column(l, "minutes", "full_name", ColumnType::Text, 42),
                     column(l, "minutes", "votes", ColumnType::Int, 13),
                     column(l, "minutes", "percent", ColumnType::Number, 16)};
    if (agree) {  // per name: also the rows marked "Không đồng ý", and those without a vote
        votes.columns.push_back(column(l, "minutes", "disagree", ColumnType::Int, 13));
        votes.columns.push_back(column(l, "minutes", "no_vote", ColumnType::Int, 13));
    }
    auto by_position = res.candidates;
    std::sort(by_position.begin(), by_position.end(),
              [](const auto& a, const auto& b) { return a.position < b.position; });
    std::vector<Row> vote_rows;
    for (const auto& c : by_position) vote_rows.push_back(candidate_row(c, true));
    votes.expected_rows = vote_rows.size();
    votes.rows = detail::rows_of(std::move(vote_rows));

    // V. Those elected, by votes (res.candidates is already in that order).
    auto by_status = [&](el::Status s, const std::string& key, const std::string& caption) {
        Table tb;
        tb.key = key;
        tb.caption = caption;
        tb.columns = {column(l, "minutes", "full_name", ColumnType::Text, 34),
                      column(l, "minutes", "votes", ColumnType::Int, 13),
                      column(l, "minutes", "percent", ColumnType::Number, 16)};
        tb.if_empty = l.text("minutes.none");
        std::vector<Row> rows;
        for (const auto& c : res.candidates)
            if (c.status == s) rows.push_back(candidate_row(c, false));
        tb.expected_rows = rows.size();
        tb.rows = detail::rows_of(std::move(rows));
        return tb;
    };
    Table elected = by_status(el::Status::Elected, "elected",
                              l.format("minutes.elected_caption", {{"seat_noun", seat_noun}}));
    section(elected, "minutes.section_elected");
    if (consultation) {
        // Every name by votes, highest first, with its rank: the congress keeps the first.
        elected = by_status(el::Status::Ranked, "ranked", l.text("minutes.ranked_caption"));
        section(elected, "minutes.section_ranked");
    }
    std::int64_t majority = 0;
    for (const auto& c : res.candidates) majority += c.majority;

    r.tables.push_back(std::move(names));
    r.tables.push_back(std::move(attendance));
    r.tables.push_back(std::move(ballots));
    r.tables.push_back(std::move(votes));
    r.tables.push_back(std::move(elected));
    if (e.reserves > 0 && !consultation)
        r.tables.push_back(
            by_status(el::Status::Reserve, "reserves",
                      l.format("minutes.reserves_caption", {{"reserve_noun", reserve_noun}})));
    bool ties = std::any_of(res.candidates.begin(), res.candidates.end(),
                            [](const auto& c) { return c.status == el::Status::Tie; });
    if (ties)
        r.tables.push_back(by_status(el::Status::Tie, "ties", l.text("minutes.ties_caption")));

    // Places left unfilled, and why: at a cut that enough candidates passed
    // with a majority, only a tie can leave a place open.
    auto unfilled = [&](std::int64_t count, const std::string& noun, std::int64_t places) {
        std::string reason =
            l.text(majority >= places ? "minutes.reason_tie" : "minutes.reason_majority");
        r.closing.push_back(
            Line(l.format("minutes.unfilled_line",
                          {{"count", n(count)}, {"noun", noun}, {"reason", reason}}),
                 LineStyle::Bold));
    };
    if (res.unfilled_seats > 0) unfilled(res.unfilled_seats, seat_noun, e.seats);
    if (res.unfilled_reserves > 0)
        unfilled(res.unfilled_reserves, reserve_noun, e.seats + e.reserves);
    if (consultation)
        r.closing.push_back(Line(l.text("minutes.consultation_closing"), LineStyle::Bold));
    else if (res.unfilled_seats == 0 && res.unfilled_reserves == 0)
        r.closing.push_back(Line(l.text("minutes.all_filled"), LineStyle::Bold));

    r.closing.push_back(Line(l.format("minutes.closing", {{"clock_lower", text::lower(clock_words(l, when.closed, when.date))}})));

    // The signatures: the members on the left, the head on the right.
    r.closing.push_back(Line());
    std::string head = board.empty() ? blank : board[0];
    std::vector<std::string> members;
    if (board.empty())
        members.assign(kBlankBoard - 1, blank);
    else
        members.assign(board.begin() + 1, board.end());
    r.closing.push_back(Line::two(members.empty() ? "" : l.text("minutes.signature_members"),
                                  LineStyle::Bold, l.text("minutes.signature_title"),
                                  LineStyle::Bold));
    r.closing.push_back(
        Line::two("", LineStyle::Plain, l.text("minutes.signature_role"), LineStyle::Bold));
    r.closing.push_back(Line::two(l.text("minutes.signature_hint"), LineStyle::Italic,
                                  l.text("minutes.signature_hint"), LineStyle::Italic));
    for (int i = 0; i < 3; ++i) r.closing.push_back(Line());
    r.closing.push_back(
        Line::two(members.empty() ? "" : members[0], LineStyle::Bold, head, LineStyle::Bold));
    for (std::size_t i = 1; i < members.size(); ++i) {
        for (int k = 0; k < 3; ++k) r.closing.push_back(Line());
        r.closing.push_back(Line::two(members[i], LineStyle::Bold, "", LineStyle::Plain));
    }
    if (e.phase == el::Phase::Sealed && !e.record_hash.empty()) {
        r.closing.push_back(Line());
        r.closing.push_back(
            Line(l.format("minutes.record_hash", {{"hash", e.record_hash}}), LineStyle::Small));
    }
    return r;
}

std::vector<Instance> instances(SQLite::Database& db) {
    std::vector<Instance> out;
    for (const auto& e : el::list(db))
        if (e.phase == el::Phase::Closed || e.phase == el::Phase::Sealed)
            out.push_back({fmt::format("minutes-{}", e.id), {{"ID", e.id}}});
    return out;
}

}  // namespace

ReportKind minutes_kind() {
    return ReportKind{
        "minutes",
        N_("the counting minutes (biên bản kiểm phiếu) of an election, ready to sign"),
        {Param{"ID", N_("the election"), true},
         Param{"board", N_("the counting board, 'Name 1; Name 2; …', the head first (default: lines to fill by hand)"),
               false, false, false, "NAMES"},
         Param{"session", N_("the session of the vote, for those present (default 1)"), false, false, false,
               "SESSION"},
         Param{"date", N_("the day of the count, YYYY-MM-DD (default: the day the count was closed)"), false, false,
               false, "DATE"}},
        instances,
        build,
        true,  // signed as printed: also .pdf
    };
}

}  // namespace daihoi::report
