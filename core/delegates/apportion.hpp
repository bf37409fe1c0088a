// Apportioning delegate seats to subordinate party organizations (SPEC §4):
// largest remainder (Hamilton), D'Hondt, Sainte-Laguë, each with a minimum
// per unit, and the fixed formula of the national congress. Exact integer
// arithmetic throughout; ties are broken deterministically and reported.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace daihoi::delegates {

enum class Method { Hamilton, DHondt, SainteLague, Formula };

std::optional<Method> parse_method(std::string_view s);
std::string_view code(Method m);  // "hamilton", "dhondt", "sainte-lague", "formula"

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
};

// A seat decided by the tie-break (larger membership, then unit code).
struct Tie {
    std::string won_by;
    std::vector<std::string> tied_with;
    std::string description;
};

struct Apportionment {
    Method method = Method::Hamilton;
    std::int64_t seats = 0;
    // The rule's numbers, as saved (for the report): the formula's base, per
    // and remainder, or the proportional methods' minimum per unit.
    std::int64_t base = 0, per = 0, remainder = 0, min_seats = 0;
    std::vector<UnitSeats> units;  // in the order given
    std::vector<Tie> ties;
};

// Proportional methods: `seats` among `units` by membership, each unit at
// least `min_seats` (or its own minimum). Throws InputError when the seats
// cannot cover the minimums, or a unit has no members and no minimum.
Apportionment apportion(const std::vector<UnitSize>& units, std::int64_t seats, Method method,
                        std::int64_t min_seats);

// The national formula: each unit `base` seats, plus one per `per` members,
// plus one more when the remainder is at least `remainder` (13, 12000, 6001).
Apportionment apportion_formula(const std::vector<UnitSize>& units, std::int64_t base, std::int64_t per,
                                std::int64_t remainder);

}  // namespace daihoi::delegates
