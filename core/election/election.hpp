// Elections (SPEC §5): setup, the candidate list and ballot positions, ballot
// entry (files and one at a time), double-entry reconciliation, the board's
// counts, the tally against the base, close, seal, and the next round.
#pragma once

#include "core/base/progress.hpp"
#include "core/db/import.hpp"
#include "core/db/workspace.hpp"
#include "core/election/tally.hpp"
#include "core/registry/members.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace daihoi::election {

// The passes a ballot may be entered in: each an independent entry of the
// same stack (three computers is common practice; pass 1 is the reference).
inline constexpr int kMaxPass = 9;

struct Election {
    std::string id, title;
    int seats = 0, reserves = 0;
    std::string body = "committee";  // committee | delegation | inspection | other
    BaseKind base_kind = BaseKind::Convened;
    std::int64_t base_fixed = 0;
    int round = 1;
    std::string parent;  // the round before, for a further round
    Phase phase = Phase::Setup;
    std::optional<std::int64_t> issued, collected;  // the board's counts
    std::optional<std::int64_t> closed_base;
    std::string result_json, record_hash;
};

struct CreateRequest {
    std::string id, title;
    int seats = 0, reserves = 0;
    std::string body = "committee";
    std::string base = "convened";  // convened | valid | NUMBER
};

// Checks every field (all problems listed at once, a usage error, exit 2)
// and creates the election; an ID in use is refused (exit 1). --body and
// --base take codes or Vietnamese words (bodies(), base_kinds()).
void create(db::Workspace& ws, const CreateRequest& r);

// The election `id`; an ID that names no election is bad input (exit 3)
// with the one message of unknown_election_message, in every command.
Election require(SQLite::Database& db, const std::string& id);
std::string unknown_election_message(const std::string& id);
[[noreturn]] void throw_unknown_election(const std::string& id);
// The IDs of the elections of the workspace at `path`, read without
// creating, migrating or locking it; empty when there is no such file
// (shell completion).
std::vector<std::string> election_ids(const std::string& path);
std::vector<Election> list(SQLite::Database& db);

// ---- candidates -----------------------------------------------------------------
struct Candidate {
    std::string code, name, source;  // name: the member's full name; source: a code of sources()
    int position = 0;  // 0 until the list is opened
    registry::Member member;
};
// Refused (exit 3, nothing added) for codes not in the registry (the one
// answer of registry::throw_unknown_members), probationary members (they
// cannot stand: Charter Art. 3) and people already on the list. `source`: a
// code or word of sources().
void add_candidates(db::Workspace& ws, const std::string& id, const std::vector<std::string>& codes,
                    const std::string& source);
// A code not on the list is bad input (exit 3).
void remove_candidate(db::Workspace& ws, const std::string& id, const std::string& code, const std::string& reason);
// The columns of the candidates and ballots imports: fields and aliases.
const std::vector<io::ColumnSpec>& candidate_columns();
const std::vector<io::ColumnSpec>& ballot_columns();

db::ImportSummary import_candidates(db::Workspace& ws, const std::string& id, const std::string& path,
                                    const registry::ImportOptions& opt = {});
// In ballot order once open, else in Vietnamese name order.
std::vector<Candidate> candidates(SQLite::Database& db, const std::string& id);

struct OpenResult {
    int candidates = 0, places = 0;
    bool surplus_over_30 = false;  // more than 30 % over seats + reserves: a warning
};
OpenResult open(db::Workspace& ws, const std::string& id);

// ---- ballots ----------------------------------------------------------------------
struct ImportBallots {
    int pass = 1;
    std::string station;
    Progress* progress = nullptr;  // null: none shown
    db::ImportFile file = {};      // sheet, dry run, header row, mapping, encoding
};
db::ImportSummary import_ballots(db::Workspace& ws, const std::string& id, const std::string& path,
                                 const ImportBallots& o);

// ---- interactive entry (ballots enter) --------------------------------------------
// What a terminal needs to start entering: refused (exit 1) unless the
// election is open, a usage error for a pass out of 1…kMaxPass.
struct EntrySession {
    Election election;
    int pass = 1;
    int candidates = 0;         // names on the ballot
    int places = 0;             // seats + reserves
    std::int64_t entered = 0;   // ballots already in this pass (an earlier session may have stopped mid-way)
};
EntrySession start_entry(SQLite::Database& db, const std::string& id, int pass);
// How to type a ballot, for the terminal's help (the syntax parse_entry reads).
std::string entry_help();

// One ballot typed at a terminal: "3 7" (positions crossed), "-" (none),
// "!reason" (flagged), optionally "N:" first to give its serial. Parses
// against the open list; throws InputError with the reason when bad.
struct EntryLine {
    std::optional<std::int64_t> serial;
    std::vector<int> crossed;
    std::string flag;
};
EntryLine parse_entry(const std::string& line, int candidates);

// What became of a ballot entered: its serial and the verdict of SPEC §5.3.
struct Verdict {
    std::int64_t serial = 0;
    std::string reason;  // "" when valid; else over_vote, all_crossed or the board's flag
    int kept = 0;        // names kept (none on a flagged ballot)
    bool valid() const { return reason.empty(); }
};
// Commits one ballot in its own transaction (refused unless the election is
// open) and returns its verdict; the serial is the next free one when not
// given. Safe with several terminals at once.
Verdict enter_ballot(db::Workspace& ws, const std::string& id, int pass, const std::string& station,
                     const EntryLine& e);
// Removes the ballot `serial` (undo at the terminal, or a correction found by
// reconcile, then re-entered with its number); refused once closed; a
// serial not in the pass is bad input (exit 3). The ballot-entry journal
// records it as undone when `reason` is empty (the terminal's undo, at
// `station`), else as removed for that reason.
void delete_ballot(db::Workspace& ws, const std::string& id, int pass, std::int64_t serial, const std::string& reason = "",
                   const std::string& station = "");

// The running totals of a pass, by the validity rules alone (no base needed).
struct PassTotals {
    std::int64_t entered = 0, valid = 0, invalid = 0;
};
PassTotals pass_totals(SQLite::Database& db, const std::string& id, int pass);

// One ballot as a pass holds it: the positions kept, or the board's flag.
struct PassBallot {
    std::vector<int> kept;
    std::string flag;
    bool operator==(const PassBallot&) const = default;
    auto operator<=>(const PassBallot&) const = default;
};
// One ballot on which pass `pass` differs from pass 1.
struct Difference {
    int pass = 2;  // the pass compared with pass 1
    std::int64_t serial = 0;
    std::string kind;  // only_in_pass1, only_in_pass (only in pass `pass`), differs
    std::string what;  // for people: "only in pass 1, not in pass 3", "pass 1 keeps 1 3, pass 2 keeps 1 4", …
    std::optional<PassBallot> in_pass1, in_pass;  // as pass 1 and pass `pass` hold the ballot, when they do
};
// Every pass present compared with pass 1, ballot by ballot (SPEC §5.2).
struct Reconciliation {
    std::vector<int> passes;                   // 1, then every other pass holding a ballot, in order
    std::map<int, std::int64_t> ballots;       // per pass, its ballots
    std::vector<Difference> differences;       // by pass, then serial
    // Per pass other than 1: whether it holds the same ballots as pass 1 as a
    // collection, whatever their serials (two teams numbered the stack
    // differently): the same (kept, flag) the same number of times.
    std::map<int, bool> as_collections;
    bool agree() const { return differences.empty(); }
    // The differences of one pass.
    std::vector<Difference> of_pass(int pass) const;
};
Reconciliation reconcile(SQLite::Database& db, const std::string& id);

// The ballots of one pass as entered (SPEC §5.2 `ballots list`), by serial.
// On a cross ballot `crossed` is every position not kept; on an agree
// ballot `kept` holds the rows marked Đồng ý and `disagree` those marked
// Không đồng ý. A flagged ballot's marks are not kept: all empty.
struct ListedBallot {
    int pass = 1;
    std::int64_t serial = 0;
    std::vector<int> kept, crossed, disagree;
    std::string flag, station;
    std::string reason;  // "" when valid; else over_vote, all_crossed or the board's flag
    bool valid() const { return reason.empty(); }
};
struct BallotList {
    std::string form = "cross";  // cross | agree: which columns the pass has
    std::vector<ListedBallot> ballots;
};
BallotList list_ballots(SQLite::Database& db, const std::string& id, int pass);

std::int64_t count_ballots(SQLite::Database& db, const std::string& id, int pass);

// ---- the ballot-entry journal (nhật ký nhập phiếu) --------------------------------
// Each ballot entered at a terminal, each import (one line: a printed log is
// read by people, and the file itself is kept), each removal with its reason
// and each undo, written in the same transaction as the change. Nothing in
// it refers to a delegate.
struct JournalEntry {
    std::int64_t seq = 0;
    int pass = 1;
    std::optional<std::int64_t> serial;  // none for an import
    std::string action;                  // entered, imported, removed, undone
    std::string at;                      // ISO 8601 UTC, as the audit trail
    std::string station;
    std::string reason;                  // removed: why
    // imported: the file as named, its ballots and their lowest and highest serial
    std::string file;
    std::int64_t ballots = 0, first = 0, last = 0;
};
std::vector<JournalEntry> journal(SQLite::Database& db, const std::string& id);

// The counting board's counts (SPEC §5.2). Negative counts are a usage
// error; counts that close would refuse or that do not fit the base are
// recorded and returned as warnings for the board to check.
struct CountWarning {
    std::string code;     // collected_over_issued, collected_over_base, entered_over_collected
    std::string message;  // for people
};
std::vector<CountWarning> record_counts(db::Workspace& ws, const std::string& id, std::int64_t issued,
                                        std::int64_t collected);

// ---- tally, close, seal -----------------------------------------------------------------
struct Tally {
    Election election;
    TallyResult result;
    // Where the base comes from: fixed_at_close, delegate_list, fixed_at_create, valid_ballots.
    std::string base_source;
    std::string base_explanation;  // the same for people (translated)
};
// Computes the result now (changes nothing): a live count during entry.
Tally tally(SQLite::Database& db, const std::string& id, int pass = 1);
nlohmann::ordered_json to_json(const Tally& t);

// Stores the result. Refused (exit 1, with the reason) when ballots entered
// differ from ballots collected, collected exceed issued, the counts are
// missing, or any other pass differs from pass 1 (reconcile).
Tally close(db::Workspace& ws, const std::string& id);
// After close: immutable; the hash of the full record enters the audit chain.
std::string seal(db::Workspace& ws, const std::string& id);

// The full record of one election (SPEC §6 export): enough to recompute it.
// Format 2 names each person's name `full_name`; format 1 (`name`) is the
// record of elections sealed before, rebuilt to check their seal.
inline constexpr int kRecordFormat = 2;
nlohmann::ordered_json record(SQLite::Database& db, const std::string& id, int format = kRecordFormat);
std::string record_hash(const nlohmann::ordered_json& record);

// `audit export`: the record, its hash, the hash sealed (for a sealed
// election the record is rebuilt in the format it was sealed in, so the
// two hashes agree) and how to verify it.
nlohmann::ordered_json export_record(SQLite::Database& db, const std::string& id);

// ---- audit verify --------------------------------------------------------------------
struct IntegrityProblem {
    // entry_missing, entry_unlinked, entry_altered (the chain); sealed_twice,
    // seal_lost, seal_status, no_seal, record_changed, record_hash_changed,
    // retally_differs, pass_differs (a sealed election)
    std::string code;
    std::string election;              // "" for the chain
    std::vector<std::int64_t> entries;  // the audit entries concerned
    std::vector<std::string> changed;   // record_changed: the parts; seal_status: the status now;
                                        // pass_differs: the serials that differ
    std::string message;               // for people
    int pass = 0;                      // pass_differs: the pass that no longer agrees with pass 1
};
struct VerifyReport {
    bool ok = true;
    std::size_t entries = 0;           // audit entries
    std::size_t sealed_elections = 0;
    std::string head;                  // the last entry's hash ("" when none)
    std::vector<IntegrityProblem> problems;
};
// The whole of `audit verify` (SPEC §6): the hash chain recomputed, and
// every sealed election (or one marked so) found in the chain, rebuilt,
// re-hashed and re-tallied against its stored result.
VerifyReport verify(SQLite::Database& db);
nlohmann::ordered_json to_json(const VerifyReport& r);

// A further round for the seats left unfilled: candidates `codes`, or by
// default the tied candidates, or when there is no tie every not-elected one.
// Returns where its candidates come from: named (by the congress), tied,
// not_elected; round_source_label gives the words people read.
std::string next_round(db::Workspace& ws, const std::string& id, const std::string& new_id,
                       const std::vector<std::string>& codes);
const char* round_source_label(std::string_view code);

}  // namespace daihoi::election
