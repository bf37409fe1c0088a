// Shared by the files of core/election only: the phase checks every change
// makes, the pass numbers every command takes, reading ballot positions,
// and feeding a pass's ballots to the counter.
#pragma once

#include "core/election/election.hpp"

#include <SQLiteCpp/Column.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace daihoi::election::detail {

// What a change would do, so that a refusal is one whole sentence.
enum class Action { ChangeCandidates, Open, EnterBallots, RemoveBallot, RecordCounts, Close, Seal };

// Refused (exit 1) unless `e` is in phase `wanted`, saying what cannot be
// done, the election's phase, and what to do instead.
void require_phase(const Election& e, Phase wanted, Action action);

// A usage error (exit 2) for a pass outside 1…kMaxPass.
void check_pass(int pass);

// A decimal integer and nothing else, or nullopt.
std::optional<std::int64_t> parse_int(std::string_view s);

// The tokens of "3 7", "3;7", "3, 7": separated by spaces, tabs, ';' or ','.
std::vector<std::string_view> position_tokens(std::string_view s);
// Positions from "3 7", "3;7", "3, 7", each 1…count and not repeated; each
// problem (without the field's name) told to `problem`.
std::vector<int> read_positions(std::string_view s, int count, const std::function<void(std::string)>& problem);
// read_positions, the problems as "field: problem" lines.
std::vector<int> parse_positions(std::string_view s, int count, std::vector<std::string>& problems, const char* field);

// Takes `code` off the list of election `id` (in setup), inside the
// caller's transaction: refused unless in setup, bad input (exit 3) for a
// code not in the registry or not on the list.
void withdraw_candidate(SQLite::Database& db, const std::string& id, const std::string& code);

// The bitset stored in a BLOB column (kept, disagree; NULL: empty).
PositionSet stored_positions(const SQLite::Column& column);

// A line of the ballot-entry journal, inside the change's transaction.
// `action`: entered, imported, removed, undone; `detail`: a removal's
// reason, an import's file and ballots (passes.cpp).
void journal(SQLite::Database& db, const std::string& id, int pass, std::optional<std::int64_t> serial,
             std::string_view action, const std::string& station, const std::string& detail = "");

// Enters one ballot in `pass` of `election` (open), inside the caller's
// transaction: the next free serial unless `e` gives one, the marks read
// against the list, a line in the journal (with `journal_detail`). What
// enter_ballot and the scanner's pages share.
Verdict insert_ballot(SQLite::Database& db, const Election& election, int pass, const std::string& station,
                      const EntryLine& e, const std::string& journal_detail = "");

// Feeds `counter` every ballot entered in `pass` of election `id`.
void count_pass(SQLite::Database& db, const std::string& id, int pass, Counter& counter);

}  // namespace daihoi::election::detail
