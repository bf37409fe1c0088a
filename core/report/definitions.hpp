// The report kinds of SPEC §8 beside `members` (members.hpp), one file each,
// and what they share: columns from the labels, percent cells, and the
// count of an election checked against its stored result. Internal to
// core/report: kinds.cpp lists the kinds.
#pragma once

#include "core/election/election.hpp"
#include "core/report/kinds.hpp"

namespace daihoi::report {

ReportKind delegates_kind();      // delegates.cpp
ReportKind apportionment_kind();  // apportionment.cpp
ReportKind credentials_kind();    // credentials.cpp
ReportKind ballot_kind();         // ballot.cpp
ReportKind minutes_kind();        // minutes.cpp
ReportKind results_kind();        // results.cpp
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

// The words for the places an election fills ("ủy viên", "đại biểu chính
// thức") and for its reserves, by its body.
std::string seat_noun(const Labels& l, const election::Election& e);
std::string reserve_noun(const Labels& l, const election::Election& e);
// "đã kết thúc kiểm phiếu"
std::string status_words(const Labels& l, election::Phase p);
// How the base of the majority rule was counted, in the labels' words.
std::string base_words(const Context& ctx, const election::Tally& t);

}  // namespace detail
}  // namespace daihoi::report
