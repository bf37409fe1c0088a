// Minimums are honoured the usual way: apportion among all units; any unit
// below its minimum is fixed at the minimum and left out; repeat with the
// seats left until every unit has at least its minimum.
#include "core/delegates/apportion.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <numeric>

namespace daihoi::delegates {

namespace {

using i128 = __int128;

std::string no_units() { return _("no units to apportion seats to: import them with 'daihoi delegates units import'"); }

// Who wins a tied seat: the larger membership, then the smaller unit code.
bool ahead_on_tie(const UnitSize& a, const UnitSize& b) {
    if (a.members != b.members) return a.members > b.members;
    return a.code < b.code;
}

std::int64_t gcd_or_one(std::int64_t a, std::int64_t b) { return std::max<std::int64_t>(1, std::gcd(a, b)); }

// The tie among `tied` (already in tie-break order) for `seats` seats, whose
// equal value is num/den. Broken only when the committee chose a rule:
// then the first `seats` units win.
Tie make_tie(const std::vector<const UnitSize*>& tied, std::int64_t seats, TieOn on, std::int64_t num,
             std::int64_t den, std::optional<TieBreak> tie_break) {
    Tie t;
    t.on = on;
    t.seats = seats;
    std::int64_t g = gcd_or_one(num, den);
    t.value_num = num / g;
    t.value_den = den / g;
    t.broken_by = tie_break;
    for (std::size_t i = 0; i < tied.size(); ++i) {
        t.units.push_back(tied[i]->code);
        if (tie_break && static_cast<std::int64_t>(i) < seats) t.won_by.push_back(tied[i]->code);
    }
    return t;
}

// Hamilton among `free` units for `seats` seats: floor of each quota, then
// the largest remainders. Remainders share the denominator `total`, so
// comparing numerators is exact.
std::vector<std::int64_t> hamilton(const std::vector<const UnitSize*>& free, std::int64_t seats,
                                   std::optional<TieBreak> tie_break, std::vector<Tie>& ties) {
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
        out[i] = static_cast<std::int64_t>(num / total);
        rem[i] = num % total;
        given += out[i];
    }
    auto left = static_cast<std::size_t>(seats - given);
    std::vector<std::size_t> order(free.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (rem[a] != rem[b]) return rem[a] > rem[b];
        return ahead_on_tie(*free[a], *free[b]);
    });
    std::size_t sure = left;  // seats given by a remainder larger than the rest
    if (left > 0 && left < order.size() && rem[order[left - 1]] == rem[order[left]]) {
        // The cut falls inside a group of equal remainders.
        i128 r = rem[order[left]];
        std::vector<const UnitSize*> tied;
        sure = 0;
        for (std::size_t k = 0; k < order.size(); ++k) {
            if (rem[order[k]] == r) tied.push_back(free[order[k]]);
            else if (rem[order[k]] > r) ++sure;
        }
        ties.push_back(make_tie(tied, static_cast<std::int64_t>(left - sure), TieOn::Remainder,
                                static_cast<std::int64_t>(r), static_cast<std::int64_t>(total), tie_break));
        if (tie_break) sure = left;
    }
    for (std::size_t k = 0; k < sure; ++k) ++out[order[k]];
    return out;
}

// Divisor methods: seat by seat to the highest quotient members / d(s), where
// d(s) = s + 1 (D'Hondt) or 2s + 1 (Sainte-Laguë). Quotients compare exactly
// by cross-multiplication.
std::vector<std::int64_t> divisor(const std::vector<const UnitSize*>& free, std::int64_t seats, Method m,
                                  std::optional<TieBreak> tie_break, std::vector<Tie>& ties) {
    auto d = [m](std::int64_t s) -> std::int64_t { return m == Method::DHondt ? s + 1 : 2 * s + 1; };
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
        // A tie matters only if the tied units cannot all be served by the
        // seats left; each can then take at most one, its quotient falling after it.
        std::vector<std::size_t> tied;
        for (std::size_t i = 0; i < free.size(); ++i)
            if (cmp(i, best) == 0) tied.push_back(i);
        if (tied.size() > 1 && static_cast<std::int64_t>(tied.size()) > seats - seat) {
            std::sort(tied.begin(), tied.end(), [&](std::size_t a, std::size_t b) { return ahead_on_tie(*free[a], *free[b]); });
            std::vector<const UnitSize*> units;
            for (auto i : tied) units.push_back(free[i]);
            ties.push_back(make_tie(units, seats - seat, TieOn::Quotient, free[best]->members, d(out[best]), tie_break));
            if (tie_break)
                for (std::int64_t k = 0; k < seats - seat; ++k) ++out[tied[static_cast<std::size_t>(k)]];
            break;
        }
        ++out[best];
    }
    return out;
}

}  // namespace

const Choices<Method>& methods() {
    static const Choices<Method> c{
        {Method::Hamilton, "hamilton", N_("largest remainder (Hamilton)"), {"largest remainder", "số dư lớn nhất"}},
        {Method::DHondt, "dhondt", N_("D'Hondt"), {"jefferson"}},
        {Method::SainteLague, "sainte-lague", N_("Sainte-Laguë"), {"webster"}},
        {Method::Formula, "formula", N_("fixed formula"), {"công thức"}},
    };
    return c;
}

const Choices<TieBreak>& tie_breaks() {
    static const Choices<TieBreak> c{
        {TieBreak::Membership, "membership", N_("larger membership, then unit code"), {"đảng viên", "số đảng viên"}},
    };
    return c;
}

std::string_view code(TieOn on) { return on == TieOn::Remainder ? "remainder" : "quotient"; }

std::string value_text(const Tie& t) {
    return t.value_den == 1 ? std::to_string(t.value_num) : fmt::format("{}/{}", t.value_num, t.value_den);
}

bool Apportionment::settled() const {
    return std::all_of(ties.begin(), ties.end(), [](const Tie& t) { return t.broken_by.has_value(); });
}

ApportionRequest apportion_request(const ApportionArguments& a) {
    std::optional<Method> method;
    if (a.method) {
        method = parse_method(*a.method);
        if (!method) throw UsageError(fmt::format("--method: {}", methods().unknown(*a.method)));
    }
    std::optional<TieBreak> tie_break;
    if (a.tie_break) {
        tie_break = tie_breaks().parse(*a.tie_break);
        if (!tie_break) throw UsageError(fmt::format("--tie-break: {}", tie_breaks().unknown(*a.tie_break)));
    }
    bool numbers = a.base || a.per || a.remainder;
    bool formula = numbers || method == Method::Formula;
    ApportionRequest r;
    if (!formula) {
        if (!a.seats) throw UsageError(_("--seats is required (or the formula's --base, --per and --remainder)"));
        r.method = method.value_or(Method::Hamilton);
        r.seats = *a.seats;
        r.min_seats = a.min_seats.value_or(1);
        r.tie_break = tie_break;
        return r;
    }
    if (a.seats) throw UsageError(_("give either --seats or the formula's --base, --per and --remainder, not both"));
    if (method && method != Method::Formula)
        throw UsageError(_("--method chooses how --seats are shared; the formula is given by --base, --per and --remainder"));
    if (a.min_seats) throw UsageError(_("--min applies to --seats, not to the formula"));
    if (tie_break) throw UsageError(_("--tie-break applies to --seats: the formula gives each unit its seats alone and cannot tie"));
    if (!a.base || !a.per || !a.remainder) throw UsageError(_("the formula needs all three of --base, --per and --remainder"));
    r.method = Method::Formula;
    r.base = *a.base;
    r.per = *a.per;
    r.remainder = *a.remainder;
    return r;
}

std::string describe(const Tie& t, const Apportionment& a) {
    std::vector<std::string> units;
    for (const auto& code : t.units) {
        std::int64_t n = 0;
        for (const auto& u : a.units)
            if (u.code == code) n = u.members;
        units.push_back(_fn("{} ({} member)", "{} ({} members)", static_cast<unsigned long>(n), code, n));
    }
    auto n = static_cast<unsigned long>(t.seats);
    std::string list = fmt::format("{}", fmt::join(units, ", "));
    std::string tied = t.on == TieOn::Remainder
        ? _fn("{0} tie on the remainder {1} for {2} seat", "{0} tie on the remainder {1} for {2} seats", n, list,
              value_text(t), t.seats)
        : _fn("{0} tie on the quotient {1} for {2} seat", "{0} tie on the quotient {1} for {2} seats", n, list,
              value_text(t), t.seats);
    if (!t.broken_by)
        return _f("{}: the committee must settle it (or give --tie-break membership: larger membership, then unit code)",
                  tied);
    return _f("{}; broken by {} (--tie-break {}): given to {}", tied, tie_breaks().label(*t.broken_by),
              tie_breaks().code(*t.broken_by), fmt::join(t.won_by, ", "));
}

Apportionment apportion(const std::vector<UnitSize>& units, std::int64_t seats, Method method,
                        std::int64_t min_seats, std::optional<TieBreak> tie_break) {
    DiagnosticList errors;
    if (units.empty()) errors.add({"", 0, 0, no_units()});
    if (seats <= 0) errors.add({"", 0, 0, _f("{} is not a positive number of seats", seats), "--seats"});
    if (min_seats < 0) errors.add({"", 0, 0, _f("{} is negative", min_seats), "--min"});
    std::int64_t minimum_total = 0, members_total = 0;
    for (const auto& u : units) members_total += std::max<std::int64_t>(0, u.members);
    if (!units.empty() && members_total == 0)
        errors.add({"", 0, 0, _("the units have no members: seats are apportioned by membership")});
    for (const auto& u : units) {
        if (u.members < 0) errors.add({"", 0, 0, _f("unit {}: negative membership", u.code)});
        minimum_total += u.min_seats >= 0 ? u.min_seats : min_seats;
    }
    if (!units.empty() && seats > 0 && minimum_total > seats)
        errors.add({"", 0, 0, _f("{} seats cannot give {} units their minimums ({} seats needed)", seats,
                                 units.size(), minimum_total)});
    errors.throw_if_any();

    Apportionment a;
    a.method = method;
    a.seats = seats;
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
        auto share = method == Method::Hamilton ? hamilton(free, left, tie_break, ties)
                                                : divisor(free, left, method, tie_break, ties);
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
            for (const auto& t : a.ties)
                if (!t.broken_by && std::find(t.units.begin(), t.units.end(), s.code) != t.units.end())
                    s.undecided = true;
            if (!fixed[i] && method == Method::Hamilton && total > 0) {
                std::int64_t num = left * units[i].members, den = static_cast<std::int64_t>(total);
                std::int64_t g = gcd_or_one(num, den);
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
    if (units.empty()) errors.add({"", 0, 0, no_units()});
    if (base < 0) errors.add({"", 0, 0, _f("{} is negative", base), "--base"});
    if (per <= 0) errors.add({"", 0, 0, _f("{} is not a positive number of members", per), "--per"});
    if (remainder < 1 || (per > 0 && remainder > per))
        errors.add({"", 0, 0, _f("{} must be between 1 and --per", remainder), "--remainder"});
    errors.throw_if_any();
    Apportionment a;
    a.method = Method::Formula;
    for (const auto& u : units) {
        std::int64_t s = base + u.members / per + (u.members % per >= remainder ? 1 : 0);
        a.units.push_back({u.code, u.members, s, 0, 1, false});
        a.seats += s;
    }
    return a;
}

}  // namespace daihoi::delegates
