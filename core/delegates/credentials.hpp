// The credentials review statistics (thẩm tra tư cách đại biểu, RULES.md
// "Credentials review report") over the delegates seated at the congress,
// with ages and years in the party measured at the congress's opening date.
#pragma once

#include "core/text/date.hpp"

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace daihoi::delegates {

// Delegates by kind. In `convened_by_kind` the reserve count stays 0 (reserves
// are not convened as officials); in `seated_by_kind` it counts the reserves
// who took a place (dự khuyết thay thế).
struct KindCounts {
    std::int64_t elected = 0, ex_officio = 0, appointed = 0, reserve_substituting = 0, member = 0;
};

// One person at an extreme: the oldest and youngest (date = birth date,
// years = age), most and least years in the party (date = admission date).
// When only the year of birth is known, `year_only` is set, date is its
// 1 January (the order of the registry: the earliest possible birth date)
// and the age is between years and years_max.
struct Extreme {
    std::string code, name;
    text::Date date;
    int years = 0;
    int years_max = 0;
    bool year_only = false;
};

// One row of a breakdown by a free-text value (ethnicity, religion, education).
struct ValueCount {
    std::string value;
    std::int64_t count = 0;
};

struct Credentials {
    text::Date as_of;     // the congress's opening date
    std::string session;  // the session `present` is counted at

    // ---- totals --------------------------------------------------------------
    std::int64_t convened = 0;  // official delegate records (every kind but reserve)
    std::int64_t seated = 0;    // Delegate::seated(): the base of every share below
    std::int64_t present = 0;   // seated and present at `session`
    KindCounts convened_by_kind, seated_by_kind;
    std::int64_t reserves = 0;               // reserve records on the list, substituting or not
    std::int64_t disqualified = 0;           // official delegates whose credentials were not accepted
    std::int64_t absent_whole_congress = 0;  // official delegates absent for the whole congress (replaced or not)
    std::int64_t replaced = 0;               // official delegates whose place a reserve took
    // Identity: seated = convened - disqualified - absent_whole_congress + seated_by_kind.reserve_substituting.

    // ---- the seated delegates ---------------------------------------------------
    std::int64_t probationary = 0;  // dự bị: may attend, may not vote (Charter Art. 3)
    std::int64_t non_voting = 0;    // delegate records without a vote (probationary or otherwise)
    std::int64_t men = 0, women = 0;

    // Full years at `as_of`; a person whose birthday is on `as_of` has the new age.
    // A person of whom only the year of birth is known is counted where every
    // day of that year puts them, else under the `unknown` count of that
    // measure (age_unknown for the bands); never as born on 1 January.
    std::int64_t age_under_30 = 0, age_30_39 = 0, age_40_49 = 0, age_50_59 = 0, age_60_69 = 0, age_70_over = 0;
    std::int64_t age_unknown = 0;
    std::optional<Extreme> oldest, youngest;  // by earliest possible birth date; ties: the smaller code
    std::int64_t age_sum = 0;                 // of the exact ages
    std::int64_t age_known = 0;               // average age = age_sum / age_known
    std::int64_t under_40 = 0, under_40_unknown = 0;  // age < 40
    std::int64_t over_70 = 0, over_70_unknown = 0;    // "over 70" means 70 or older (age >= 70)

    std::int64_t kinh = 0, minorities = 0;  // dân tộc Kinh / dân tộc thiểu số
    std::vector<ValueCount> ethnicities;    // most frequent first, then Vietnamese order
    std::int64_t with_religion = 0;         // religion recorded and not "Không"/"none"
    std::vector<ValueCount> religions;
    std::vector<ValueCount> education;  // trình độ học vấn as recorded ("12/12"); "" → "unknown", listed last

    std::int64_t degree_doctor = 0, degree_master = 0, degree_bachelor = 0, degree_college = 0, degree_none = 0,
                 degree_unknown = 0;
    std::int64_t theory_cu_nhan = 0, theory_cao_cap = 0, theory_trung_cap = 0, theory_so_cap = 0, theory_none = 0,
                 theory_unknown = 0;

    // Full years since party_join_date at `as_of`; `party_unknown`: no join date.
    std::optional<Extreme> party_most, party_least;  // ties: the smaller code
    std::int64_t party_under_10 = 0, party_10_19 = 0, party_20_29 = 0, party_30_over = 0, party_unknown = 0;
};

// The statistics of the seated delegates; `present` counted at `session`.
// Refuses (exit 1) when the congress was never recorded.
Credentials credentials(SQLite::Database& db, const std::string& session = "1");

// Stable snake_case fields (documented in daihoi-delegates(1)); each share is
// {"count": N, "percent": 37.5}, percent of the seated delegates rounded half
// up to 2 decimals (a number, as in the tally); a person is {code, full_name, …}.
nlohmann::ordered_json to_json(const Credentials& c);

// ---- the layout people read -------------------------------------------------------
// The credentials review as people read it, at the terminal (`delegates
// credentials`) and in the printed report alike: sections of rows, each row a
// count and its share, with notes above and below. The terminal words come
// from the catalog, the report's from its labels; the rows are the same.

// One row: an item (a code: "seated", "men", "age_under_30", "unknown") or a
// free-text value as recorded (an ethnicity, a religion), its count, and its
// share of `of` (the seated delegates, or those convened) when it has one.
struct CredentialsRow {
    std::string item;   // a code; empty for a recorded value
    std::string value;  // the recorded value, when `item` is empty
    std::int64_t count = 0;
    std::optional<std::int64_t> of;  // none: no share (the convened themselves)
    // "37.50" (number::percent); "" without a share or with nothing to share.
    std::string percent() const;
};

enum class CredentialsNoteKind {
    SharesOf,    // shares are of the seated delegates, some rows of those convened
    Oldest,      // `who`: birth date and age
    Youngest,
    AverageAge,  // `average`
    PartyMost,   // `who`: admission date and years in the party
    PartyLeast,
};

struct CredentialsNote {
    CredentialsNoteKind kind;
    std::optional<Extreme> who;
    std::string average;  // "49.9"
    std::int64_t of = 0;  // AverageAge: the people whose age is known, when not everyone's is
};

struct CredentialsSection {
    std::string key;    // "totals", "gender", "age", …: stable (the report's table keys)
    const char* title;  // N_("…"): translated when shown
    std::vector<CredentialsNote> above;
    std::vector<CredentialsRow> rows;
    std::vector<CredentialsNote> below;
};

// The sections, in order: totals, gender, age, ethnicity, religion,
// education, degree, theory, party_years, shares. A members' congress shows
// its members instead of the kinds of delegates.
std::vector<CredentialsSection> credentials_layout(const Credentials& c);
// The words for an item code, in the reader's language ("seated" → "delegates
// seated"); nullopt for a code that is not an item.
std::optional<std::string> credentials_item_label(std::string_view item);
// A row's first cell as people read it: the item's words or the recorded value.
std::string credentials_row_label(const CredentialsRow& r);
// A note as a sentence in the reader's language.
std::string credentials_note(const CredentialsNote& n);

}  // namespace daihoi::delegates
