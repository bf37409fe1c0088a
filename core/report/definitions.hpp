// The report kinds of SPEC §8 beside `members` (members.hpp), one file each,
// and what they share: columns from the labels, percent cells, and the
// count of an election checked against its stored result. Internal to
// core/report: kinds.cpp lists the kinds.
#pragma once

#include "core/election/election.hpp"
#include "core/registry/congress.hpp"
#include "core/report/kinds.hpp"

namespace daihoi::report {

ReportKind delegates_kind();      // delegates.cpp
ReportKind apportionment_kind();  // apportionment.cpp
ReportKind credentials_kind();    // credentials.cpp
ReportKind cards_kind();          // cards.cpp
ReportKind ballot_kind();         // ballot.cpp
ReportKind minutes_kind();        // minutes.cpp
ReportKind results_kind();        // results.cpp
ReportKind slides_kind();         // slides.cpp
ReportKind journal_kind();        // journal.cpp
ReportKind standards_kind();      // standards.cpp
ReportKind structure_kind();      // structure.cpp
ReportKind votes_kind();          // votes.cpp

namespace detail {

// A column labelled "<section>.columns.<key>"; with `values`, its codes print
// as the words of the labels table "values.<values>".
Column column(const Labels& l, const std::string& section, const std::string& key, ColumnType type,
              double width, const std::string& values = {});

// A percent as core formats it ("37.50") as a number cell; "" → no value.
Value percent_cell(const std::string& percent);

// A birth date as a cell: a date cell, a year alone as its text "1968"
// (never a made-up 1 January), none when unknown.
Value birth_cell(const registry::BirthDate& b);

// A source for a small table built up front.
RowSource rows_of(std::vector<Row> rows);

// The value of a parameter that must be a known election, or a usage error.
election::Election require_election(const Context& ctx, const std::string& param = "ID");

// The count of the election named by the ID parameter: a live tally while it
// is open; once closed, the recount of its ballots, refused (exit 4) when it
// differs from the result stored at close — a printed result must be the
// stored one.
election::Tally checked_tally(const Context& ctx);

// The day an election's papers are dated: the --date parameter when given
// (YYYY-MM-DD, a usage error otherwise), else the day its count was closed
// (local time), else the congress's date, else today — never the day of
// printing when the workspace knows better.
text::Date count_date(const Context& ctx, const election::Election& e);
// The place and date line of the heading for that day ("Tân Lập, ngày …").
std::string count_date_line(const Context& ctx, const election::Election& e);

// The congress as the left heading names it under the organization
// ("Đại hội đại biểu lần thứ XV": the labels' congress_kind and the ordinal
// its name writes), the minutes' and the ballot paper's.
std::string congress_line(const Labels& l, const registry::Congress& c);

// The words for the places an election fills ("ủy viên", "đại biểu chính
// thức") and for its reserves, by its body.
std::string seat_noun(const Labels& l, const election::Election& e);
std::string reserve_noun(const Labels& l, const election::Election& e);
// "đã kết thúc kiểm phiếu"
std::string status_words(const Labels& l, election::Phase p);
// How the base of the majority rule was counted, in the labels' words.
std::string base_words(const Context& ctx, const election::Tally& t);

// Who signs a paper: `who` names a [signature.<who>] section of the labels
// (title, role, hint: "T/M BAN KIỂM PHIẾU", "TRƯỞNG BAN", "(Ký, ghi rõ họ
// tên)"); `name` is printed under the room to sign when the workspace knows it.
struct Signer {
    std::string who;
    std::string name;
};

// The closing lines of a signed paper, the one signature block of every
// report: a blank line, the title (a \n in the labels starts a new line, so
// a long body's name breaks between phrases, never inside one), the role,
// the hint, room to sign and the name — in the right block; with `left`,
// another signer in the left block, line for line (the clerk, the members).
std::vector<Line> signature(const Labels& l, const Signer& right, const Signer* left = nullptr);

// Numbers in running text, in the style of the labels' language: "44,0"
// and "1.234" in Vietnamese, "44.0" and "1,234" in English (common.
// decimal_mark, common.thousands_mark). Cells stay numbers; CSV and JSON
// keep the dot.
std::string decimal(const Labels& l, std::string_view dot_decimal);
std::string whole(const Labels& l, std::int64_t n);

}  // namespace detail
}  // namespace daihoi::report
