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

#include <optional>
#include <string>
#include <vector>

namespace daihoi::election {

enum class Phase { Setup, Open, Closed, Sealed };
std::string_view code(Phase p);

enum class BaseKind { Convened, Valid, Fixed };

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

void create(db::Workspace& ws, const CreateRequest& r);
Election require(SQLite::Database& db, const std::string& id);
std::vector<Election> list(SQLite::Database& db);

// ---- candidates -----------------------------------------------------------------
struct Candidate {
    std::string code, name, source;
    int position = 0;  // 0 until the list is opened
    registry::Member member;
};
// Refused (exit 3) for people not in the registry, probationary members
// (they cannot stand: Charter Art. 3), and people already on the list.
void add_candidates(db::Workspace& ws, const std::string& id, const std::vector<std::string>& codes,
                    const std::string& source);
void remove_candidate(db::Workspace& ws, const std::string& id, const std::string& code, const std::string& reason);
db::ImportSummary import_candidates(db::Workspace& ws, const std::string& id, const std::string& path);
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
    bool dry_run = false;               // check every ballot, write none
    std::optional<std::string> sheet = std::nullopt;  // .xlsx: the sheet to read (default: the first)
};
db::ImportSummary import_ballots(db::Workspace& ws, const std::string& id, const std::string& path,
                                 const ImportBallots& o);

// One ballot typed at a terminal: "3 7" (positions crossed), "-" (none),
// "!reason" (flagged), optionally "N:" first to give its serial. Parses
// against the open list; throws InputError with the reason when bad.
struct EntryLine {
    std::optional<std::int64_t> serial;
    std::vector<int> crossed;
    std::string flag;
};
EntryLine parse_entry(const std::string& line, int candidates);
// Commits one ballot in its own transaction and returns its serial (the next
// free one when not given). Safe with several terminals at once.
std::int64_t enter_ballot(db::Workspace& ws, const std::string& id, int pass, const std::string& station,
                          const EntryLine& e);
// Removes the ballot `serial` (undo at the terminal, or a correction found by
// reconcile, then re-entered with its number); refused once closed.
void delete_ballot(db::Workspace& ws, const std::string& id, int pass, std::int64_t serial, const std::string& reason = "");

struct Difference {
    std::int64_t serial;
    std::string what;  // "only in pass 1", "pass 1 keeps 1 3, pass 2 keeps 1 4", …
};
std::vector<Difference> reconcile(SQLite::Database& db, const std::string& id);
std::int64_t count_ballots(SQLite::Database& db, const std::string& id, int pass);

void record_counts(db::Workspace& ws, const std::string& id, std::int64_t issued, std::int64_t collected);

// ---- tally, close, seal -----------------------------------------------------------------
struct Tally {
    Election election;
    TallyResult result;
    std::string base_explanation;
};
// Computes the result now (changes nothing): a live count during entry.
Tally tally(SQLite::Database& db, const std::string& id, int pass = 1);
nlohmann::ordered_json to_json(const Tally& t);

// Stores the result. Refused (exit 1, with the reason) when ballots entered
// differ from ballots collected, collected exceed issued, the counts are
// missing, or a second pass exists and differs from the first.
Tally close(db::Workspace& ws, const std::string& id);
// After close: immutable; the hash of the full record enters the audit chain.
std::string seal(db::Workspace& ws, const std::string& id);

// The full record of one election (SPEC §6 export): enough to recompute it.
nlohmann::ordered_json record(SQLite::Database& db, const std::string& id);
std::string record_hash(const nlohmann::ordered_json& record);

// Problems found re-tallying every sealed election and re-hashing its record
// against the hash in the audit chain (empty when all is intact).
std::vector<std::string> verify_sealed(SQLite::Database& db);

// A further round for the seats left unfilled: candidates `codes`, or by
// default the tied candidates, or when there is no tie every not-elected one.
std::string next_round(db::Workspace& ws, const std::string& id, const std::string& new_id,
                       const std::vector<std::string>& codes);

}  // namespace daihoi::election
