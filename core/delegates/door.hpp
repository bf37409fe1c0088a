// Check-in at the doors of the hall (delegates checkin --scan, --find): a
// reader at each door types the code of a delegate's card (the QR code of
// `report cards`) and Enter; each code is checked in at once, in a
// transaction of its own, and answered in plain words for the staff. Several
// doors check in at once on the one workspace: a card read twice, at the same
// door or another, is answered with who, when and where it was first read,
// and counted once.
#pragma once

#include "core/db/workspace.hpp"
#include "core/delegates/delegates.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace daihoi::delegates {

struct DoorAnswer {
    enum class Status {
        CheckedIn,    // present now
        Already,      // checked in before: `since` and `station` say when and where
        NotSeated,    // on the list but does not sit (`why`): a reserve who took no place, disqualified…
        NotConvened,  // a party member of the registry, not on the list of delegates
        Unknown,      // no such code
    };
    Status status = Status::Unknown;
    std::string code, full_name, unit;  // unit: its name, or "" when none
    std::string why;
    std::string since, station;
    // The running count after this code: seated delegates present at the
    // session, and seated delegates.
    std::size_t present = 0, seated = 0;
};
const char* code(DoorAnswer::Status s);  // checked_in, already, not_seated, not_convened, unknown

// Checks in the delegate whose card reads `code` (trimmed) at `session`,
// read at `station`.
DoorAnswer check_in_at_door(db::Workspace& ws, const std::string& code, const std::string& session,
                            const std::string& station);

// The running count at `session`: seated delegates present, and seated
// delegates (what each door's answer carries).
struct HallCount {
    std::size_t present = 0, seated = 0;
};
HallCount hall_count(SQLite::Database& db, const std::string& session);

// The seated delegates not present at `session`, by unit then name.
std::vector<Delegate> missing_at(SQLite::Database& db, const std::string& session);

// The delegates whose full name holds `text`: as typed, marks and all
// ("Hùng" is not "Hưng"), case aside; when none does, without the marks
// ("Hung" finds both). In list order.
std::vector<Delegate> find_by_name(SQLite::Database& db, const std::string& text);

}  // namespace daihoi::delegates
