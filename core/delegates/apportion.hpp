// Apportioning delegate seats to subordinate party organizations (SPEC §4):
// largest remainder (Hamilton), D'Hondt, Sainte-Laguë, each with a minimum
// per unit, and the fixed formula of the national congress. Exact integer
// arithmetic throughout. Units tied for the last seats are reported for the
// committee to settle; a tie is broken only when asked (--tie-break).
#pragma once

#include "core/base/choice.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace daihoi::delegates {

enum class Method { Hamilton, DHondt, SainteLague, Formula };

// hamilton (số dư lớn nhất), dhondt, sainte-lague, formula (công thức).
const Choices<Method>& methods();
inline std::optional<Method> parse_method(std::string_view s) { return methods().parse(s); }
inline std::string_view code(Method m) { return methods().code(m); }

// How the committee breaks a tie for the last seats, when it chooses to let
// the program do it: membership (larger membership, then the smaller unit
// code; also "đảng viên", "số đảng viên").
enum class TieBreak { Membership };
const Choices<TieBreak>& tie_breaks();

// What `delegates apportion` asks for: a proportional method with its seats
// and minimum, or the formula with its three numbers.
struct ApportionRequest {
    Method method = Method::Hamilton;
    std::int64_t seats = 0, min_seats = 1;        // proportional methods
    std::int64_t base = 0, per = 0, remainder = 0;  // the formula
    std::optional<TieBreak> tie_break;              // none: ties are left to the committee
};

// The options as given on the command line (absent when not given).
struct ApportionArguments {
    std::optional<std::int64_t> seats, min_seats, base, per, remainder;
    std::optional<std::string> method, tie_break;
};

// The one reading of the apportion options: either --seats (with --method
// and --min, default hamilton and 1) or the formula's --base, --per and
// --remainder, all three (or --method formula with them). Anything else is
// a usage error (exit 2) saying what to give. --tie-break goes with --seats
// (the formula gives each unit its seats alone: it cannot tie).
ApportionRequest apportion_request(const ApportionArguments& args);

struct UnitSize {
    std::string code;
    std::int64_t members = 0;
    std::int64_t min_seats = -1;  // per-unit minimum; -1: the general minimum
};

struct UnitSeats {
    std::string code;
    std::int64_t members = 0;
    std::int64_t seats = 0;
    // The unit's exact share of the seats it competed for, as a fraction
    // (Hamilton quota); 0/1 for a unit held at its minimum and for divisor methods.
    std::int64_t quota_num = 0, quota_den = 1;
    bool at_minimum = false;  // its seats are its minimum, not its share
    bool undecided = false;   // in an unsettled tie: `seats` is sure, one more may be its
};

// What tied units had equal: the remainder (Hamilton) or the quotient (divisor methods).
enum class TieOn { Remainder, Quotient };
std::string_view code(TieOn on);  // "remainder", "quotient"

// Units with an equal remainder (or quotient) straddling the cut: more units
// than the seats left for them. Unsettled unless the tie-break was asked for.
struct Tie {
    std::vector<std::string> units;  // the tied units, larger membership then code first
    std::int64_t seats = 1;          // the seats among them (fewer than the units)
    TieOn on = TieOn::Remainder;
    std::int64_t value_num = 0, value_den = 1;  // the equal remainder (of a seat) or quotient
    std::optional<TieBreak> broken_by;          // how it was broken; none: the committee's to settle
    std::vector<std::string> won_by;            // when broken: the units given the seats
};
std::string value_text(const Tie& t);  // the value as an exact fraction: "1/2", "25"

struct Apportionment {
    Method method = Method::Hamilton;
    std::int64_t seats = 0;
    // The rule's numbers, as saved (for the report): the formula's base, per
    // and remainder, or the proportional methods' minimum per unit.
    std::int64_t base = 0, per = 0, remainder = 0, min_seats = 0;
    std::vector<UnitSeats> units;  // in the order given
    std::vector<Tie> ties;
    // No tie is left for the committee to settle: every seat is given.
    bool settled() const;
};

// Proportional methods: `seats` among `units` by membership, each unit at
// least `min_seats` (or its own minimum). Throws InputError when the seats
// cannot cover the minimums, or a unit has no members and no minimum.
// A tie for the last seats is left unsettled (its units `undecided`, at the
// seats they are sure of) unless `tie_break` is given.
Apportionment apportion(const std::vector<UnitSize>& units, std::int64_t seats, Method method,
                        std::int64_t min_seats, std::optional<TieBreak> tie_break = std::nullopt);

// The national formula: each unit `base` seats, plus one per `per` members,
// plus one more when the remainder is at least `remainder` (13, 12000, 6001).
Apportionment apportion_formula(const std::vector<UnitSize>& units, std::int64_t base, std::int64_t per,
                                std::int64_t remainder);

// The tie as a sentence people read (units with their membership, what they
// tied on and its value, for how many seats, and either that the committee
// must settle it or how it was broken and who got the seats), in the reader's language.
std::string describe(const Tie& t, const Apportionment& a);

}  // namespace daihoi::delegates
