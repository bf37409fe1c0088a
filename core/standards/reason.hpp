// Why a criterion passes, fails or lacks data: one code per reason with its
// facts (the numbers, dates and values it rests on). Scripts read the code
// and the facts (`standards check --json`); people read the reason as one
// translated sentence, the same at the terminal and in the report.
#pragma once

#include "core/registry/member.hpp"
#include "core/text/date.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace daihoi::standards {

enum class Result : std::uint8_t { Pass, Fail, Unknown };
std::string_view code(Result r);  // "pass", "fail", "unknown"

// The facts each reason sets are listed beside it (the fields of Outcome),
// with their JSON keys in brackets.
enum class Reason : std::uint8_t {
    NoBirthDate,    // -
    Retired,        // date = retirement month [retires], needs [needs], incumbent [incumbent]
    ToRetirement,   // count = months left [months], date [retires], needs, incumbent
    NoJoinDate,     // -
    JoinedAfter,    // date = joined [joined]
    PartyYears,     // count = full years [years], date = joined [joined], needs [needs]
    Probationary,   // -
    OfficialLater,  // date = official [official]
    Official,       // date [official]
    NoDegree,       // -
    DegreeOk,       // value = the degree [degree]
    DegreeLow,      // value [degree], needs = the minimum degree [needs]
    NoTheory,       // -
    TheoryOk,       // value = the theory [theory]
    TheoryLow,      // value [theory], needs [needs]
    GradesLow,  // grades = the low ones [grades: {year, grade}], needs = the minimum grade [needs]
    NoGrade,    // grades = the years without one (grade unused) [years]
    GradesOk,   // first, last = the years looked at [first, last], needs [needs]
    DisciplineWithin,    // text = form [form], date [date], count = the window's years [years]
    DisciplineInEffect,  // text [form], date [date], until [until]
    NoDiscipline,        // count [years]
    NoFlag,              // text = the flag's name [flag]
    Flag,                // text [flag], value = 1 set, 0 not set [value: true/false]
    // Only the year of birth is known (first = the year [birth_year]): the
    // retirement month lies between date and until [retires_from,
    // retires_to], count to last months from the as-of date (0 when already
    // reached) [months_from, months_to]; needs, incumbent. ToRetirementYear
    // when every day of the year gives the same answer, BirthYearOnly
    // (unknown) when it does not.
    ToRetirementYear,
    BirthYearOnly,
};
std::string_view code(Reason r);  // "to_retirement", "grades_low", …

struct YearGrade {
    int year = 0;
    registry::Grade grade = registry::Grade::HoanThanh;
};

// One person against one criterion.
struct Outcome {
    Outcome() = default;
    Outcome(Result r, Reason why = Reason::NoBirthDate)
        : result(r), reason(why) {}  // NOLINT: {Result::Pass}

    Result result = Result::Unknown;
    Reason reason = Reason::NoBirthDate;
    int count = 0;
    int needs =
        0;  // months or years; for degree, theory and grade rules the minimum (as its enum value)
    int value = 0;
    int first = 0, last = 0;
    bool incumbent = false;
    text::Date date, until;  // a retirement month is its first day
    std::string text;
    std::vector<YearGrade> grades;
};

// The reason as one sentence in the language in force:
// "59 months to retirement (08/2030), needs 60".
std::string describe(const Outcome& o);
// The same, appended to `out` (--all writes a million of them).
void describe_to(std::string& out, const Outcome& o);

// The words people read for a registry value, in the language in force
// ("bachelor", "trung-cap", "tot" in English; "đại học", … in Vietnamese).
std::string value_word(registry::Degree d);
std::string value_word(registry::Theory t);
std::string value_word(registry::Grade g);

// Appends the reason's code and facts as JSON members to an object being
// written by hand at `indent` spaces (see JsonWriter): `,\n<indent>"reason": …`.
void append_reason_json(std::string& out, const Outcome& o, std::string_view indent);

// As nlohmann::json::dump writes a string (ensure_ascii off).
void append_json_string(std::string& out, std::string_view s);

}  // namespace daihoi::standards
