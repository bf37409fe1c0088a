// Elections (SPEC §5): setup, the candidate list and ballot positions, ballot
// entry (files and one at a time), double-entry reconciliation, the board's
// counts, the tally against the base, close, seal, and the next round.
#pragma once

#include "core/base/progress.hpp"
#include "core/db/import.hpp"
#include "core/db/workspace.hpp"
#include "core/delegates/delegates.hpp"
#include "core/election/tally.hpp"
#include "core/registry/members.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace daihoi::election {

// The passes a ballot may be entered in: each an independent entry of the
// same stack (three computers is common practice; pass 1 is the reference).
inline constexpr int kMaxPass = 9;
// Ballot serials run 1 … kMaxSerial: far above any congress's ballots, far
// below the overflow of the numbers they are stored as (docs/limits.md).
inline constexpr std::int64_t kMaxSerial = 999'999'999;
// A line typed at `ballots enter`, in bytes: a ballot of 200 names all
// crossed out is under 800.
inline constexpr std::size_t kMaxEntryLine = 4096;
// The problems of one typed line shown; the rest are counted.
inline constexpr std::size_t kEntryProblemsShown = 10;

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
    Form form = Form::Cross;  // the ballot paper: names crossed out, or agree/disagree boxes
    std::string closed_at;    // when the count was closed (UTC, ISO 8601); empty before, or unknown
};

struct CreateRequest {
    std::string id, title;
    int seats = 0, reserves = 0;
    std::string body = "committee";
    std::string base = "convened";  // convened | valid | NUMBER
    std::string form = "cross";     // cross | agree (or the words of forms())
};

// Checks every field (all problems listed at once, a usage error, exit 2)
// and creates the election; an ID in use is refused (exit 1). --body,
// --base and --form take codes or Vietnamese words (bodies(), base_kinds(),
// forms()).
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
    // A nomination from the floor or a self-nomination: how many delegates
    // present agreed, of how many present (none for the committee's list).
    std::optional<std::int64_t> endorsed, present;
};

// Nominations from the floor and self-nominations (QĐ 190-QĐ/TW Art. 14):
// the name stands only with the agreement of more than 30 % of the delegates
// present, 10 × endorsed > 3 × present in integers.
bool endorsement_stands(std::int64_t endorsed, std::int64_t present);
// The fewest delegates whose agreement is enough: 3 × present / 10 + 1.
std::int64_t endorsement_needed(std::int64_t present);
// Why an endorsement does not stand ("" when it does): more agreed than
// present, or 30 % not passed — with the numbers.
std::string endorsement_problem(std::int64_t endorsed, std::int64_t present);

// How many agreed to a nomination from the floor, and of how many present:
// `present` when given, else the voting delegates checked in at `session`
// (delegates::voting_presence; "" = the session of the latest check-in).
struct Endorsement {
    std::optional<std::int64_t> endorsed, present;
    std::string session;
};

// Refused (exit 3, nothing added) for codes not in the registry (the one
// answer of registry::throw_unknown_members), probationary members (they
// cannot stand: Charter Art. 3) and people already on the list. `source`: a
// code or word of sources(). A nomination from the floor or by the
// candidate (congress, self) needs `e.endorsed` (refused without it, or
// when it does not pass 30 % of those present, exit 1); an endorsement
// given with the committee's source is a usage error. With several codes
// the same count is recorded for each.
void add_candidates(db::Workspace& ws, const std::string& id, const std::vector<std::string>& codes,
                    const std::string& source, const Endorsement& e = {});
// A code not on the list is bad input (exit 3).
void remove_candidate(db::Workspace& ws, const std::string& id, const std::string& code, const std::string& reason);
// The columns of the candidates and ballots imports: fields and aliases.
const std::vector<io::ColumnSpec>& candidate_columns();
const std::vector<io::ColumnSpec>& ballot_columns();

// A file of code[,source][,endorsed][,present]: each row from the floor
// under the same rule as add_candidates, every bad row listed (exit 3); an
// empty `present` is `presence.present`, else the check-in at
// `presence.session` (`presence.endorsed` is not used).
db::ImportSummary import_candidates(db::Workspace& ws, const std::string& id, const std::string& path,
                                    const registry::ImportOptions& opt = {}, const Endorsement& presence = {});
// In ballot order once open, else in Vietnamese name order.
std::vector<Candidate> candidates(SQLite::Database& db, const std::string& id);

// What open says about the list: the surplus always (C − places, and its
// percent of the places, display only), and the warnings of the rules
// (never errors: the congress decides, SPEC §5.1):
//   surplus_over_30             more than 30 % over the places: hold a
//                               consultative ballot first (--body consultation)
//   committee_surplus_over_one  a committee (body committee or inspection) of
//                               3–5 seats with a surplus of more than one
// A consultative ballot has neither warning: its list is the one to reduce.
struct OpenWarning {
    std::string code, message;
};
struct OpenResult {
    int candidates = 0, places = 0;
    int surplus = 0;                // candidates − places
    std::string surplus_percent;    // of the places, "30.00" (number::percent)
    bool surplus_over_30 = false;   // 10 × surplus > 3 × places
    bool consultation = false;
    std::vector<OpenWarning> warnings;
};
// Refused (exit 1) when the list has fewer names than places, and for an
// agree/disagree election when it has more (that ballot is only for a list
// without surplus, SPEC §5.1).
OpenResult open(db::Workspace& ws, const std::string& id);
// The surplus and its warnings for `candidates` names on election `e` (what
// open reports; pure).
OpenResult surplus_of(const Election& e, int candidates);

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
    Election election;  // its form says how a line reads (parse_entry, entry_help)
    int pass = 1;
    int candidates = 0;         // names on the ballot
    int places = 0;             // seats + reserves
    std::int64_t entered = 0;   // ballots already in this pass (an earlier session may have stopped mid-way)
};
EntrySession start_entry(SQLite::Database& db, const std::string& id, int pass);
// How to type a ballot of this form, for the terminal's start and its help
// (the syntax parse_entry reads).
std::string entry_help(Form form = Form::Cross);

// One ballot typed at a terminal, optionally "N:" first to give its serial,
// then "!reason" (flagged) or the marks. Cross form: "3 7" the positions
// crossed out, "-" none. Agree form: "2 5" the rows marked "Không đồng ý"
// (every other row "Đồng ý"), "b3" row 3 marked in both boxes, "o3" in
// neither, "-" every row "Đồng ý". Positions are separated by spaces, ','
// or ';'. Parses against the open list; throws InputError with the reason
// and how to type it when bad.
struct EntryLine {
    std::optional<std::int64_t> serial;
    std::vector<int> crossed;  // cross form
    std::string flag;
    Form form = Form::Cross;
    std::vector<int> disagree, both, neither;  // agree form: rows marked "Không đồng ý" alone, both boxes, neither
};
EntryLine parse_entry(const std::string& line, int candidates, Form form = Form::Cross);

// What became of a ballot entered: its serial and the verdict of SPEC §5.3.
struct Verdict {
    std::int64_t serial = 0;
    std::string reason;  // "" when valid; else over_vote, all_crossed or the board's flag
    int kept = 0;        // names kept (agree form: marked "Đồng ý" alone); none on a flagged ballot
    Form form = Form::Cross;
    int disagree = 0, no_vote = 0;  // agree form: rows marked "Không đồng ý" alone; both boxes or neither
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

// One ballot as a pass holds it: the positions kept (agree form: the rows
// marked "Đồng ý"), or the board's flag.
struct PassBallot {
    std::vector<int> kept;
    std::string flag;
    std::vector<int> disagree;  // agree form: the rows marked "Không đồng ý"; empty on a cross ballot
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
    Form form = Form::Cross;                   // the election's: which marks a ballot has
    std::vector<int> passes;                   // 1, then every other pass holding a ballot, in order
    std::map<int, std::int64_t> ballots;       // per pass, its ballots
    std::vector<Difference> differences;       // by pass, then serial
    // Per pass other than 1: whether it holds the same ballots as pass 1 as a
    // collection, whatever their serials (two teams numbered the stack
    // differently): the same (kept, flag) the same number of times.
    std::map<int, bool> as_collections;
    // Per pass: read by a scanner (scanned.hpp), whose serials are the order
    // the pages were fed in, held pages last — not the stack's numbers.
    std::map<int, bool> scanned;
    // Pass `pass` agrees with pass 1: ballot by ballot, or, when either of
    // the two was read by a scanner, as a collection of ballots (all a count
    // depends on).
    bool agrees(int pass) const;
    // Every pass agrees with pass 1 (close requires it).
    bool agree() const;
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

// The ballots of every pass of election `id`, and of each station in it
// (the counting room's screen): by pass, then station. A station named by
// no one is "". Nothing here says what a ballot holds.
struct StationCount {
    std::string station;
    std::int64_t ballots = 0;
};
struct PassCount {
    int pass = 1;
    std::int64_t ballots = 0;
    std::vector<StationCount> stations;
};
std::vector<PassCount> count_by_station(SQLite::Database& db, const std::string& id);

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
// When the first ballot of election `id` was entered (ISO 8601 UTC, its
// journal's first entry); empty when none was. One row read, not the journal.
std::string count_began(SQLite::Database& db, const std::string& id);

// The counting board's counts (SPEC §5.2). Refused (exit 1, nothing
// recorded, the numbers given): more ballots collected than issued, and,
// once the check-in is used, more issued than delegates with a vote present
// at `session` ("" = the session of the latest check-in). Negative counts
// are a usage error. Counts that do not fit the base, or below the ballots
// a pass already holds, are recorded and returned as warnings naming them.
struct CountWarning {
    std::string code;     // collected_over_base, entered_over_collected
    std::string message;  // for people
    int pass = 0;         // entered_over_collected: the pass
};
struct CountResult {
    std::vector<CountWarning> warnings;
    std::optional<delegates::VotingPresence> presence;  // what issued was checked against
};
CountResult record_counts(db::Workspace& ws, const std::string& id, std::int64_t issued, std::int64_t collected,
                          const std::string& session = "");

// ---- the counting board (ban kiểm phiếu) -------------------------------------------
// The board counts the ballots and signs the minutes: delegates elected by
// the congress, not on the ballot they count. The minutes name them.

// The board of election `id`, the head first; empty when never set.
std::vector<std::string> counting_board(SQLite::Database& db, const std::string& id);

// Sets the board of election `id`, the head first, replacing the one before;
// allowed in every phase (the board is not part of the sealed record). Names
// are cleaned (valid UTF-8, NFC, trimmed); none at all, an empty name or a
// name twice is a usage error (exit 2). Returns a warning for each name that
// is also on this election's ballot (a board member should not count their
// own ballot; a namesake is possible, so it is not refused).
std::vector<std::string> set_counting_board(db::Workspace& ws, const std::string& id,
                                            const std::vector<std::string>& names);

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
    // retally_differs, pass_differs (a sealed election); paper_differs (--record)
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
// `papers`: elections whose record hash was read off their signed minutes
// (`audit verify --record ID=HASH`). The record rebuilt now must hash to
// it: a workspace rewritten consistently from end to end, chain and seal
// included, still differs from the paper (problem paper_differs). An ID
// that names no election is bad input (exit 3).
struct PaperRecord {
    std::string election, hash;  // hash: 64 hexadecimal digits, any case
};
VerifyReport verify(SQLite::Database& db, const std::vector<PaperRecord>& papers = {});
nlohmann::ordered_json to_json(const VerifyReport& r);

// A further round for the seats left unfilled: candidates `codes`, or by
// default the tied candidates, or when there is no tie every not-elected one.
// Returns where its candidates come from: named (by the congress), tied,
// not_elected; round_source_label gives the words people read.
// Refused for a consultative ballot, which elects nobody.
std::string next_round(db::Workspace& ws, const std::string& id, const std::string& new_id,
                       const std::vector<std::string>& codes);

// `candidates from CONSULT_ID --into ID --top N`: the N names with the most
// votes in the closed consultative ballot `consultation` are put on the list
// of election `id` (in setup), each keeping the source and endorsement it
// had on the consultation's list. Refused (exit 1) unless `consultation` is
// a closed or sealed consultative ballot, for N outside 1…its candidates,
// and when the Nth and the next name have as many votes: the tied names are
// listed and the congress decides (never broken here). Returns the codes
// added, highest first.
std::vector<std::string> candidates_from(db::Workspace& ws, const std::string& consultation, const std::string& id,
                                         int top);
const char* round_source_label(std::string_view code);

}  // namespace daihoi::election
