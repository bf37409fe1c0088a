// The words of the check's details ("52 months to retirement (07/2029),
// needs 60"). English is built in: it is the text of `standards check` and
// of its JSON, stable for scripts. A report in another language overrides
// the messages and the value words from its labels ([standards.detail]).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace daihoi::standards {

// Every message of a detail; the slots each takes are in wording.cpp.
enum class Msg : std::uint8_t {
    NoBirthDate, Retired, ToRetirement, Incumbent,
    NoJoinDate, JoinedAfter, PartyYears,
    Probationary, OfficialLater, Official,
    NoDegree, Degree, DegreeLow, NoTheory, Theory, TheoryLow,
    GradeLow, GradeItem, NoGrade, GradeOk, GradeOkRange,
    DisciplineWithin, DisciplineInEffect, NoDiscipline,
    NoFlag, Flag, Yes, No, ListSeparator,
    Count_
};

// A message split once into literal runs, each followed by a slot (an index
// into the message's arguments, -1 for none): writing it parses nothing.
struct Pattern {
    std::vector<std::pair<std::string, int>> pieces;
};

class Wording {
public:
    Wording();  // English

    // Overrides from a labels table: message keys ("to_retirement") take a
    // pattern with the message's {slots}; keys under "values." take the
    // word for a degree, theory or grade code ("values.bachelor").
    // An unknown key or slot → std::invalid_argument naming it.
    void override_with(const std::unordered_map<std::string, std::string>& table);

    const Pattern& operator[](Msg m) const { return patterns_[static_cast<std::size_t>(m)]; }
    // The word for a value's code (the code itself unless overridden).
    std::string_view value(std::string_view code) const;

    static const Wording& english();

private:
    std::array<Pattern, static_cast<std::size_t>(Msg::Count_)> patterns_;
    std::unordered_map<std::string, std::string> values_;
};

}  // namespace daihoi::standards
