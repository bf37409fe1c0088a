// Show-of-hands votes (biểu quyết giơ tay): what the congress decides
// without a ballot — the presidium, the secretariat, the counting and
// credentials boards, the number to elect, the election list, each
// withdrawal (RULES: QĐ 190-QĐ/TW; no public text gives their majority, so
// the base is the congress setting motion_base, shown on every result).
// Each vote is one append-only row of the table motions and one audit entry.
#pragma once

#include "core/base/choice.hpp"
#include "core/db/workspace.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace daihoi::election {

// Đoàn Chủ tịch, Đoàn Thư ký, Ban Kiểm phiếu, Ban Thẩm tra tư cách đại biểu,
// số lượng bầu, danh sách bầu cử, rút tên, khác.
enum class Subject { Presidium, Secretariat, CountingBoard, CredentialsBoard, Seats, List, Withdrawal, Other };
const Choices<Subject>& subjects();

struct MotionRequest {
    std::string subject;   // a code or word of subjects()
    std::string text;      // what was put to the vote
    std::string election;  // "" or the election it concerns
    std::int64_t votes_for = 0, against = 0, abstain = 0;
    // The delegates present: as given, else the voting delegates checked in
    // at `session` (delegates::voting_presence; "" = the latest check-in's).
    std::optional<std::int64_t> present;
    std::string session;
    // A withdrawal that passes removes this candidate from `election` (in
    // setup) in the same transaction; "" removes nobody.
    std::string withdraw;
};

struct Motion {
    std::int64_t seq = 0;
    std::string at;  // ISO 8601 UTC
    std::string subject, text, election;
    std::int64_t votes_for = 0, against = 0, abstain = 0;
    std::string base_kind;  // present | convened (registry::motion_bases)
    std::int64_t base = 0;
    bool passed = false;
    std::int64_t needed() const { return base / 2 + 1; }  // more than half
};

// Passed: more than half of the base, 2 × for > base.
bool motion_passes(std::int64_t votes_for, std::int64_t base);

// Records one vote. Usage error (exit 2) for an unknown subject, an empty
// text, negative counts, --withdraw without subject withdrawal and an
// election. Refused (exit 1, with the numbers) when the base cannot be
// known (no --present and nobody checked in, or no delegates convened), and
// when for + against + abstain exceed the delegates present (or, with the
// base convened and no presence known, the base). An unknown election or
// candidate is bad input (exit 3).
Motion record_motion(db::Workspace& ws, const MotionRequest& r);
std::vector<Motion> motions(SQLite::Database& db);
nlohmann::ordered_json to_json(const Motion& m);
// "passed: 40 of 50 delegates present, more than half needed: 26", for people.
std::string motion_outcome(const Motion& m);

}  // namespace daihoi::election
