// Delegates (SPEC §4): the subordinate units, the list of delegates convened,
// replacements by reserves, absences, attendance, and the majority base every
// election's tally takes from this list (SPEC §5.4, RULES.md "Majority").
#pragma once

#include "core/base/choice.hpp"
#include "core/db/import.hpp"
#include "core/db/workspace.hpp"
#include "core/delegates/apportion.hpp"
#include "core/registry/members.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace daihoi::delegates {

// Đại biểu bầu / đương nhiên (the convening committee) / chỉ định / dự khuyết;
// at a members' congress every member convened is a Member (đảng viên).
enum class Kind { Elected, ExOfficio, Appointed, Reserve, Member };

// What became of a delegate: convened (được triệu tập), absent for part of
// the congress (vắng mặt), absent for the whole congress (vắng mặt suốt đại
// hội), disqualified (không được công nhận tư cách). One vocabulary: the
// codes of `delegates list --json` and of the delegates report.
enum class Status { Convened, Absent, AbsentWholeCongress, Disqualified };

// elected, ex-officio, appointed, reserve, member (also bầu, đương nhiên,
// chỉ định, dự khuyết, đảng viên, with or without "đại biểu").
const Choices<Kind>& kinds();
// convened, absent, absent_whole_congress, disqualified.
const Choices<Status>& statuses();
inline std::optional<Kind> parse_kind(std::string_view s) { return kinds().parse(s); }
inline std::string_view code(Kind k) { return kinds().code(k); }
inline std::string_view code(Status s) { return statuses().code(s); }
bool is_official(Kind k);  // every kind but Reserve

struct Unit {
    std::string code;
    std::string name;
    std::int64_t members = 0;
    std::optional<std::int64_t> min_seats;
};

struct Delegate {
    std::string code;
    Kind kind = Kind::Elected;
    std::string unit;
    // As convened: false for the probationary and those not counted (e.g.
    // attached elsewhere). Whether the person votes is votes(), not this.
    bool voting = true;
    Status status = Status::Convened;
    std::string reason;
    std::string replaced_by;  // the reserve who took this place
    std::string replaces;     // for a reserve: whose place it took
    registry::Member member;  // from the registry

    // Sits at the congress as a delegate: not disqualified nor absent for the
    // whole congress, and, for a reserve, having taken an official's place.
    bool seated() const;
    // Has a vote: convened with one and, for a reserve (đại biểu dự khuyết),
    // having taken an official delegate's place; a reserve who has replaced
    // no one has none. The one rule read by the list, the JSON, the reports
    // and the majority base.
    bool votes() const;
};


// ---- units -------------------------------------------------------------------------
// code,name,members[,min_seats]; upsert by code, all or nothing.
// The columns of the units and delegates imports: fields and aliases.
const std::vector<io::ColumnSpec>& unit_columns();
const std::vector<io::ColumnSpec>& delegate_columns();

db::ImportSummary import_units(db::Workspace& ws, const std::string& path, const registry::ImportOptions& opt);
std::vector<Unit> list_units(SQLite::Database& db);

// ---- apportionment ------------------------------------------------------------------
Apportionment apportion_units(SQLite::Database& db, const ApportionRequest& r);
void save_apportionment(db::Workspace& ws, const ApportionRequest& r, const Apportionment& a);
std::optional<Apportionment> saved_apportionment(SQLite::Database& db);
nlohmann::ordered_json to_json(const Apportionment& a);

// ---- the list of delegates convened --------------------------------------------------
// code,kind[,unit][,voting]; each must be in the registry; probationary
// members are imported with voting = 0. Upsert by code, all or nothing.
db::ImportSummary import_delegates(db::Workspace& ws, const std::string& path, const registry::ImportOptions& opt);
void add_delegate(db::Workspace& ws, const std::string& code, Kind kind, const std::string& unit);
// A reserve takes an official delegate's place; the delegate is recorded
// absent for the whole congress with `reason` unless already absent or
// disqualified. Both records are kept.
void replace_delegate(db::Workspace& ws, const std::string& old_code, const std::string& reserve_code,
                      const std::string& reason);
void disqualify(db::Workspace& ws, const std::string& code, const std::string& reason);
void mark_absent(db::Workspace& ws, const std::string& code, bool whole_congress, const std::string& reason);

// Every delegate record, by unit then Vietnamese name order.
std::vector<Delegate> list_delegates(SQLite::Database& db);
std::optional<Delegate> find_delegate(SQLite::Database& db, const std::string& code);
// {code, full_name, kind, unit, voting (votes()), status, reason, replaced_by, replaces, seated}
nlohmann::ordered_json to_json(const Delegate& d);

// The one answer to codes that are not on the list of delegates, in every
// command: bad input (exit 3), "X is not on the list of delegates", one line per code.
std::string unknown_delegate_message(const std::string& code);
[[noreturn]] void throw_unknown_delegates(const std::vector<std::string>& codes);
// find_delegate, or throw_unknown_delegates({code}).
Delegate require_delegate(SQLite::Database& db, const std::string& code);

// The codes on the list, for shell completion: reads the workspace at `path`
// through a read-only connection, so completing never creates or migrates a
// file; empty when there is no readable workspace there.
std::vector<std::string> delegate_codes(const std::string& path);

// ---- attendance ----------------------------------------------------------------------
inline constexpr const char* kDefaultSession = "1";
struct CheckResult {
    std::size_t changed = 0, already = 0;
    // Named, for the staff at the door: delegates checked in who were
    // already in (or checked out who were already out), each with the time
    // of the record that stands, and codes given twice on one command.
    struct Already {
        std::string code, full_name, since;  // since: ISO time of the standing record
    };
    std::vector<Already> already_named;
    std::vector<std::string> repeated;
};
CheckResult checkin(db::Workspace& ws, const std::vector<std::string>& codes, const std::string& session);
// Why a delegate who is not seated() does not sit ("DV10 does not sit at the
// congress (a reserve who has not taken a place)"), the one sentence of
// checkin and of the doors' readers (door.hpp).
std::string not_seated(const Delegate& d);
CheckResult checkout(db::Workspace& ws, const std::vector<std::string>& codes, const std::string& session);
// Codes present at `session` (checked in, not checked out).
std::vector<std::string> present_at(SQLite::Database& db, const std::string& session);
// The session under way: the one of the latest check-in ("" when nobody
// has ever checked in).
std::string current_session(SQLite::Database& db);
// How many delegates with a vote (Delegate::votes, seated) are present at
// `session` ("" = current_session): the "delegates present" that the
// ballots issued, a nomination from the floor (QĐ 190-QĐ/TW Art. 14) and a
// show of hands are measured against; nullopt when nobody checked in at
// that session, i.e. the check-in is not used.
struct VotingPresence {
    std::string session;
    std::int64_t present = 0;
};
std::optional<VotingPresence> voting_presence(SQLite::Database& db, const std::string& session = "");

// ---- the majority base and quorum -----------------------------------------------------
// "Quá một nửa so với tổng số đại biểu chính thức được triệu tập trừ số cấp ủy
// viên cấp triệu tập đại hội vắng mặt suốt thời gian đại hội, đại biểu chính
// thức vắng mặt suốt thời gian đại hội không có đại biểu dự khuyết thay thế."
struct MajorityBase {
    std::int64_t official_voting = 0;           // official delegates (or full members) convened with a vote
    std::int64_t absent_unreplaced = 0;         // of them, absent for the whole congress, not replaced
    std::int64_t ex_officio_absent = 0;         // convening-committee members absent for the whole congress
    std::int64_t disqualified_unreplaced = 0;   // credentials not accepted, not replaced
    std::int64_t replaced = 0;                  // places taken by reserves (the reserve counts instead)
    std::int64_t count = 0;                     // the base
    bool members_congress = false;              // full members convened, not delegates (the wording)
    std::int64_t needed() const { return count / 2 + 1; }  // more than half
    std::string explanation() const;
};
// The one computation of the Party's base; the election tally calls it.
MajorityBase convened_base(SQLite::Database& db);

struct Quorum {
    std::string session;
    std::int64_t convened = 0;  // official delegates convened (all kinds but reserve)
    std::int64_t seated = 0;    // sitting at the congress (Delegate::seated)
    std::int64_t present = 0, absent = 0;  // of the seated, at this session
    MajorityBase base;
    std::vector<Delegate> not_checked_in;  // the seated who are not present, by unit, then Vietnamese name order
    // With the congress setting quorum = two-thirds: how many must be present
    // (3 × present ≥ 2 × convened, integer arithmetic), and whether they are.
    std::optional<std::int64_t> two_thirds_needed;
    bool two_thirds_met() const { return two_thirds_needed && present >= *two_thirds_needed; }
};
Quorum quorum(SQLite::Database& db, const std::string& session);
nlohmann::ordered_json to_json(const MajorityBase& b);

}  // namespace daihoi::delegates
