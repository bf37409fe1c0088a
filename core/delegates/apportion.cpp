// Minimums are honoured the usual way: apportion among all units; any unit
// below its minimum is fixed at the minimum and left out; repeat with the
// seats left until every unit has at least its minimum.
#include "core/delegates/apportion.hpp"

#include "core/error.hpp"
#include "core/text/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace daihoi::delegates {

namespace {

using i128 = __int128;

// Who wins a tied seat: the larger membership, then the smaller unit code.
bool ahead_on_tie(const UnitSize& a, const UnitSize& b) {
    if (a.members != b.members) return a.members > b.members;
    return a.code < b.code;
}

Tie describe_tie(const std::vector<const UnitSize*>& tied, std::size_t winners, const char* what) {
    Tie t;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < tied.size(); ++i) {
        if (i < winners) t.won_by += (t.won_by.empty() ? "" : ", ") + tied[i]->code;
        else t.tied_with.push_back(tied[i]->code);
        names.push_back(fmt::format("{} ({} members)", tied[i]->code, tied[i]->members));
    }
    t.description = fmt::format("{} tied on {} for {} seat(s); given by larger membership, then unit code, to {}",
                                fmt::join(names, ", "), what, winners, t.won_by);
    return t;
}

// Hamilton among `free` units for `seats` seats: floor of each quota, then
// the largest remainders. Remainders share the denominator `total`, so
// comparing numerators is exact.
std::vector<std::int64_t> hamilton(const std::vector<const UnitSize*>& free, std::int64_t seats,
                                   std::vector<Tie>& ties) {
    i128 total = 0;
    for (auto* u : free) total += u->members;
    std::vector<std::int64_t> out(free.size());
    if (free.empty()) return out;
    if (total == 0) {  // only empty units left: share the seats by the tie-break order
        std::vector<std::size_t> order(free.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ahead_on_tie(*free[a], *free[b]); });
        for (std::int64_t k = 0; k < seats; ++k) ++out[order[static_cast<std::size_t>(k) % order.size()]];
        return out;
    }
    std::vector<i128> rem(free.size());
    std::int64_t given = 0;
    for (std::size_t i = 0; i < free.size(); ++i) {
        i128 num = i128(seats) * free[i]->members;
        out[i] = total ? static_cast<std::int64_t>(num / total) : 0;
        rem[i] = total ? num % total : 0;
        given += out[i];
    }
    std::int64_t left = seats - given;
    std::vector<std::size_t> order(free.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (rem[a] != rem[b]) return rem[a] > rem[b];
        return ahead_on_tie(*free[a], *free[b]);
    });
    if (left > 0 && static_cast<std::size_t>(left) < order.size() &&
        rem[order[left - 1]] == rem[order[left]]) {
        // The cut falls inside a group of equal remainders.
        i128 r = rem[order[left]];
        std::vector<const UnitSize*> tied;
        std::size_t winners = 0;
        for (std::size_t k = 0; k < order.size(); ++k)
            if (rem[order[k]] == r) {
                tied.push_back(free[order[k]]);
                if (k < static_cast<std::size_t>(left)) ++winners;
            }
        ties.push_back(describe_tie(tied, winners, "the remainder"));
    }
    for (std::int64_t k = 0; k < left; ++k) ++out[order[k]];
    return out;
}

// Divisor methods: seat by seat to the highest quotient members / d(s), where
// d(s) = s + 1 (D'Hondt) or 2s + 1 (Sainte-Laguë). Quotients compare exactly
// by cross-multiplication.
std::vector<std::int64_t> divisor(const std::vector<const UnitSize*>& free, std::int64_t seats, Method m,
                                  std::vector<Tie>& ties) {
    auto d = [m](std::int64_t s) -> i128 { return m == Method::DHondt ? s + 1 : 2 * s + 1; };
    std::vector<std::int64_t> out(free.size(), 0);
    auto cmp = [&](std::size_t a, std::size_t b) {  // >0: a's quotient higher
        i128 l = i128(free[a]->members) * d(out[b]), r = i128(free[b]->members) * d(out[a]);
        return l > r ? 1 : l < r ? -1 : 0;
    };
    for (std::int64_t seat = 0; seat < seats; ++seat) {
        std::size_t best = 0;
        for (std::size_t i = 1; i < free.size(); ++i) {
            int c = cmp(i, best);
            if (c > 0 || (c == 0 && ahead_on_tie(*free[i], *free[best]))) best = i;
        }
        // A tie matters only if the tied units cannot all be served by the seats left.
        std::vector<std::size_t> tied;
        for (std::size_t i = 0; i < free.size(); ++i)
            if (cmp(i, best) == 0) tied.push_back(i);
        if (tied.size() > 1 && static_cast<std::int64_t>(tied.size()) > seats - seat) {
            std::sort(tied.begin(), tied.end(), [&](std::size_t a, std::size_t b) { return ahead_on_tie(*free[a], *free[b]); });
            std::vector<const UnitSize*> units;
            for (auto i : tied) units.push_back(free[i]);
            ties.push_back(describe_tie(units, static_cast<std::size_t>(seats - seat), "the quotient"));
            for (std::int64_t k = 0; k < seats - seat; ++k) ++out[tied[k]];
            break;
        }
        ++out[best];
    }
    return out;
}

}  // namespace

std::optional<Method> parse_method(std::string_view s) {
    std::string f = text::fold(s);
    if (f == "hamilton" || f == "largest remainder") return Method::Hamilton;
    if (f == "dhondt" || f == "d'hondt" || f == "jefferson") return Method::DHondt;
    if (f == "sainte lague" || f == "webster") return Method::SainteLague;
    return std::nullopt;
}

std::string_view code(Method m) {
    switch (m) {
        case Method::Hamilton: return "hamilton";
        case Method::DHondt: return "dhondt";
        case Method::SainteLague: return "sainte-lague";
        case Method::Formula: return "formula";
    }
    return "";
}

Apportionment apportion(const std::vector<UnitSize>& units, std::int64_t seats, Method method,
                        std::int64_t min_seats) {
    DiagnosticList errors;
    if (units.empty()) errors.add({"", 0, 0, "no units to apportion seats to: import them with 'delegates units import'"});
    if (seats <= 0) errors.add({"", 0, 0, fmt::format("--seats: {} is not a positive number of seats", seats)});
    if (min_seats < 0) errors.add({"", 0, 0, fmt::format("--min: {} is negative", min_seats)});
    std::int64_t minimum_total = 0, members_total = 0;
    for (const auto& u : units) members_total += std::max<std::int64_t>(0, u.members);
    if (!units.empty() && members_total == 0)
        errors.add({"", 0, 0, "the units have no members: seats are apportioned by membership"});
    for (const auto& u : units) {
        if (u.members < 0) errors.add({"", 0, 0, fmt::format("unit {}: negative membership", u.code)});
        minimum_total += u.min_seats >= 0 ? u.min_seats : min_seats;
    }
    if (!units.empty() && seats > 0 && minimum_total > seats)
        errors.add({"", 0, 0, fmt::format("{} seats cannot give {} units their minimums ({} seats needed)", seats,
                                          units.size(), minimum_total)});
    errors.throw_if_any();

    Apportionment a{method, seats, {}, {}};
    std::vector<bool> fixed(units.size(), false);
    std::vector<std::int64_t> result(units.size(), 0);
    for (;;) {
        std::vector<const UnitSize*> free;
        std::vector<std::size_t> index;
        std::int64_t left = seats;
        for (std::size_t i = 0; i < units.size(); ++i) {
            if (fixed[i]) left -= result[i];
            else free.push_back(&units[i]), index.push_back(i);
        }
        std::vector<Tie> ties;
        auto share = method == Method::Hamilton ? hamilton(free, left, ties) : divisor(free, left, method, ties);
        bool changed = false;
        for (std::size_t k = 0; k < free.size(); ++k) {
            std::int64_t minimum = free[k]->min_seats >= 0 ? free[k]->min_seats : min_seats;
            if (share[k] < minimum) {
                fixed[index[k]] = true;
                result[index[k]] = minimum;
                changed = true;
            }
        }
        if (changed) continue;
        i128 total = 0;
        for (auto* u : free) total += u->members;
        for (std::size_t k = 0; k < free.size(); ++k) result[index[k]] = share[k];
        a.ties = std::move(ties);
        for (std::size_t i = 0; i < units.size(); ++i) {
            UnitSeats s{units[i].code, units[i].members, result[i], 0, 1, fixed[i]};
            if (!fixed[i] && method == Method::Hamilton && total > 0) {
                std::int64_t num = left * units[i].members, den = static_cast<std::int64_t>(total);
                std::int64_t g = std::max<std::int64_t>(1, std::gcd(num, den));
                s.quota_num = num / g;
                s.quota_den = den / g;
            }
            a.units.push_back(s);
        }
        return a;
    }
}

Apportionment apportion_formula(const std::vector<UnitSize>& units, std::int64_t base, std::int64_t per,
                                std::int64_t remainder) {
    DiagnosticList errors;
    if (units.empty()) errors.add({"", 0, 0, "no units to apportion seats to: import them with 'delegates units import'"});
    if (base < 0) errors.add({"", 0, 0, fmt::format("--base: {} is negative", base)});
    if (per <= 0) errors.add({"", 0, 0, fmt::format("--per: {} is not a positive number of members", per)});
    if (remainder < 1 || (per > 0 && remainder > per))
        errors.add({"", 0, 0, fmt::format("--remainder: {} must be between 1 and --per", remainder)});
    errors.throw_if_any();
    Apportionment a{Method::Formula, 0, {}, {}};
    for (const auto& u : units) {
        std::int64_t s = base + u.members / per + (u.members % per >= remainder ? 1 : 0);
        a.units.push_back({u.code, u.members, s, 0, 1, false});
        a.seats += s;
    }
    return a;
}

}  // namespace daihoi::delegates
