// The criteria's rules, who is checked, and the check of a list of people
// straight from the registry (the whole registry: check_all.cpp).
#include "core/standards/check.hpp"

#include "core/base/i18n.hpp"
#include "core/election/election.hpp"
#include "core/error.hpp"
#include "core/registry/congress.hpp"
#include "core/standards/check_detail.hpp"
#include "core/standards/retirement.hpp"
#include "core/text/names.hpp"
#include "core/text/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <set>

namespace daihoi::standards {

using registry::Member;

bool PersonCheck::passes() const {
    return std::all_of(results.begin(), results.end(),
                       [](const Outcome& o) { return o.result == Result::Pass; });
}

bool PersonCheck::fails() const {
    return std::any_of(results.begin(), results.end(),
                       [](const Outcome& o) { return o.result == Result::Fail; });
}

// ---- who, and when --------------------------------------------------------------------

std::optional<text::Date> parse_as_of(std::string_view given) {
    if (given.empty()) return std::nullopt;
    return text::parse_date_option("--as-of", given);
}

text::Date as_of_date(SQLite::Database& db, const StandardSet& set,
                      const std::optional<text::Date>& override) {
    if (override) return *override;
    if (set.as_of) return *set.as_of;
    return registry::require_congress(db).date;
}

Selection Selection::of(std::vector<std::string> codes, const std::string& election, bool all) {
    const int ways = (codes.empty() ? 0 : 1) + (election.empty() ? 0 : 1) + (all ? 1 : 0);
    if (ways != 1)
        throw UsageError(_("give member codes, --election ID or --all (exactly one of them)"));
    Selection s;
    s.codes = std::move(codes);
    if (!election.empty()) s.election = election;
    s.all = all;
    return s;
}

void CheckCounts::add(const PersonCheck& p) {
    ++people;
    if (p.fails())
        ++failing;
    else if (!p.passes())
        ++unknown;
}

void require_all_pass(const CheckCounts& c, const StandardSet& set) {
    const std::size_t not_passing = c.failing + c.unknown;
    if (not_passing == 0) return;
    throw Refused(_fn("{} of {} does not pass {} ({} fail, {} with data missing)",
                      "{} of {} do not pass {} ({} fail, {} with data missing)", not_passing,
                      not_passing, c.people, set.name, c.failing, c.unknown));
}

// ---- the rules ---------------------------------------------------------------------

namespace {

// Each rule writes its result into an Outcome reused from person to person
// (--all evaluates seven million): no text, only the reason and its facts.
struct Evaluator {
    const Member& m;
    const Records& records;
    const text::Date& as_of;
    const Flags* flags;

    static Outcome& set(Outcome& o, Result r, Reason why) {
        o.result = r;
        o.reason = why;
        o.count = o.needs = o.value = o.first = o.last = 0;
        o.incumbent = false;
        o.date = o.until = {};
        o.text.clear();
        o.grades.clear();
        return o;
    }
    static Result judge(bool ok) { return ok ? Result::Pass : Result::Fail; }

    void operator()(const RetirementMonths& r, Outcome& o) const {
        if (!m.birth_date.known()) {
            set(o, Result::Unknown, Reason::NoBirthDate);
            return;
        }
        const int need = m.incumbent ? r.incumbent_min : r.first_time_min;
        const int now = as_of.year * 12 + (as_of.month - 1);
        const YearMonth when = retirement_month(m.birth_date.earliest(), m.gender);
        const int months = when.index() - now;  // months_to_retirement
        if (m.birth_date.is_year_only()) return year_only(need, now, when, months, o);
        Outcome& out = months < 0 ? set(o, Result::Fail, Reason::Retired)
                                  : set(o, judge(months >= need), Reason::ToRetirement);
        out.count = std::max(months, 0);
        out.date = {when.year, when.month, 1};
        out.needs = need;
        out.incumbent = m.incumbent;
    }

    // Born on 1 January or on 31 December of the year: the retirement month
    // only grows with the birth date, so when both ends pass (or both fail)
    // every day between does too, and the answer is exact; otherwise it is
    // unknown — never a made-up 1 January.
    void year_only(int need, int now, YearMonth first, int months_first, Outcome& o) const {
        const YearMonth last = retirement_month(m.birth_date.latest(), m.gender);
        const int months_last = last.index() - now;
        const bool pass_first = months_first >= need, pass_last = months_last >= need;
        Outcome& out = pass_first != pass_last
                           ? set(o, Result::Unknown, Reason::BirthYearOnly)
                           : set(o, judge(pass_first), Reason::ToRetirementYear);
        out.first = m.birth_date.year();
        out.count = std::max(months_first, 0);
        out.last = std::max(months_last, 0);
        out.date = {first.year, first.month, 1};
        out.until = {last.year, last.month, 1};
        out.needs = need;
        out.incumbent = m.incumbent;
    }

    void operator()(const PartyYearsMin& r, Outcome& o) const {
        if (!m.party_join_date) {
            set(o, Result::Unknown, Reason::NoJoinDate);
            return;
        }
        const text::Date& d = *m.party_join_date;
        if (d > as_of) {
            set(o, Result::Fail, Reason::JoinedAfter).date = d;
            return;
        }
        const int years = text::full_years_between(d, as_of);
        Outcome& out = set(o, judge(years >= r.min), Reason::PartyYears);
        out.count = years;
        out.date = d;
        out.needs = r.min;
    }

    void operator()(const FullMember&, Outcome& o) const {
        if (!m.official_date)
            set(o, Result::Fail, Reason::Probationary);
        else if (*m.official_date > as_of)
            set(o, Result::Fail, Reason::OfficialLater).date = *m.official_date;
        else
            set(o, Result::Pass, Reason::Official).date = *m.official_date;
    }

    template <class E>
    void at_least(const std::optional<E>& v, E min, Reason none, Reason ok, Reason low,
                  Outcome& o) const {
        if (!v) {
            set(o, Result::Unknown, none);
            return;
        }
        Outcome& out = *v >= min ? set(o, Result::Pass, ok) : set(o, Result::Fail, low);
        out.value = static_cast<int>(*v);
        out.needs = static_cast<int>(min);
    }
    void operator()(const DegreeMin& r, Outcome& o) const {
        at_least(m.degree, r.min, Reason::NoDegree, Reason::DegreeOk, Reason::DegreeLow, o);
    }
    void operator()(const TheoryMin& r, Outcome& o) const {
        at_least(m.theory, r.min, Reason::NoTheory, Reason::TheoryOk, Reason::TheoryLow, o);
    }

    // Each of the `years` calendar years before the as-of year. A low grade
    // fails whatever else is missing; otherwise a missing year is unknown.
    void operator()(const GradeMin& r, Outcome& o) const {
        const int first = as_of.year - r.years, last = as_of.year - 1;
        YearGrade low[20];
        int lows = 0, missing = 0;
        for (int y = first; y <= last; ++y) {
            auto it = std::find_if(records.evaluations.begin(), records.evaluations.end(),
                                   [&](const registry::Evaluation& e) { return e.year == y; });
            if (it == records.evaluations.end())
                ++missing;
            else if (it->grade < r.min && lows < 20)
                low[lows++] = {it->year, it->grade};
        }
        if (lows) {
            Outcome& out = set(o, Result::Fail, Reason::GradesLow);
            out.grades.assign(low, low + lows);
            out.needs = static_cast<int>(r.min);
        } else if (missing) {
            Outcome& out = set(o, Result::Unknown, Reason::NoGrade);
            for (int y = first; y <= last; ++y)
                if (std::none_of(records.evaluations.begin(), records.evaluations.end(),
                                 [&](const registry::Evaluation& e) { return e.year == y; }))
                    out.grades.push_back({y, {}});
        } else {
            Outcome& out = set(o, Result::Pass, Reason::GradesOk);
            out.first = first;
            out.last = last;
            out.needs = static_cast<int>(r.min);
        }
    }

    // A record dated less than `years` full years before the as-of date
    // fails, as does one still in effect; records after the as-of date did
    // not exist then. The latest such record is named.
    void operator()(const NoDiscipline& r, Outcome& o) const {
        const registry::DisciplineRecord* within = nullptr;
        const registry::DisciplineRecord* in_effect = nullptr;
        for (const auto& d : records.discipline) {
            if (d.date > as_of) continue;
            if (text::full_years_between(d.date, as_of) < r.years) {
                if (!within || d.date >= within->date) within = &d;
            } else if (d.until && *d.until > as_of) {
                if (!in_effect || d.date >= in_effect->date) in_effect = &d;
            }
        }
        if (within) {
            Outcome& out = set(o, Result::Fail, Reason::DisciplineWithin);
            out.text = within->form;
            out.date = within->date;
            out.count = r.years;
        } else if (in_effect) {
            Outcome& out = set(o, Result::Fail, Reason::DisciplineInEffect);
            out.text = in_effect->form;
            out.date = in_effect->date;
            out.until = *in_effect->until;
        } else {
            set(o, Result::Pass, Reason::NoDiscipline).count = r.years;
        }
    }

    void operator()(const Flag& r, Outcome& o) const {
        std::optional<bool> v = flags ? flags->get(m.code, r.name) : std::nullopt;
        Outcome& out =
            v ? set(o, judge(*v), Reason::Flag) : set(o, Result::Unknown, Reason::NoFlag);
        out.text = r.name;
        out.value = v.value_or(false) ? 1 : 0;
    }
};

}  // namespace

namespace detail {

void evaluate_into(const StandardSet& set, const Member& m, const Records& records,
                   const text::Date& as_of, const Flags* flags, std::vector<Outcome>& out) {
    Evaluator ev{m, records, as_of, flags};
    out.resize(set.criteria.size());
    for (std::size_t k = 0; k < out.size(); ++k)
        std::visit([&](const auto& rule) { ev(rule, out[k]); }, set.criteria[k].rule);
}

bool needs_grades(const StandardSet& set, int* max_years) {
    *max_years = 0;
    for (const auto& c : set.criteria)
        if (const auto* g = std::get_if<GradeMin>(&c.rule))
            *max_years = std::max(*max_years, g->years);
    return *max_years > 0;
}

bool needs_discipline(const StandardSet& set) {
    return std::any_of(set.criteria.begin(), set.criteria.end(), [](const Criterion& c) {
        return std::holds_alternative<NoDiscipline>(c.rule);
    });
}

}  // namespace detail

std::vector<Outcome> evaluate(const StandardSet& set, const Member& m, const Records& records,
                              const text::Date& as_of, const Flags* flags) {
    std::vector<Outcome> out;
    detail::evaluate_into(set, m, records, as_of, flags, out);
    return out;
}

// ---- JSON ---------------------------------------------------------------------------

JsonWriter::JsonWriter(const StandardSet& set) {
    const std::string i0 = "  ", i1 = "    ", i2 = "      ";
    indent_ = "        ";
    open_ = fmt::format("{}{{\n{}\"code\": ", i0, i1);
    name_ = fmt::format(",\n{}\"full_name\": ", i1);
    passes_ = fmt::format(",\n{}\"passes\": ", i1);
    results_ = fmt::format(",\n{}\"results\": ", i1);
    close_ = fmt::format("\n{}}}", i0);
    for (const auto& c : set.criteria) {
        std::string s = fmt::format("{}{{\n{}\"criterion\": ", i2, indent_);
        append_json_string(s, c.id);
        s += fmt::format(",\n{}\"result\": \"", indent_);
        criterion_.push_back(std::move(s));
    }
    next_ = fmt::format("\n{}}},\n", i2);
    last_ = fmt::format("\n{}}}\n{}]", i2, i1);
}

void JsonWriter::append(std::string& out, const PersonCheck& p) const {
    out += open_;
    append_json_string(out, p.code);
    out += name_;
    append_json_string(out, p.full_name);
    out += passes_;
    out += p.passes() ? std::string_view("true") : std::string_view("false");
    out += results_;
    out += p.results.empty() ? "[]" : "[\n";
    for (std::size_t k = 0; k < p.results.size(); ++k) {
        const Outcome& o = p.results[k];
        out += criterion_[k];
        out += code(o.result);
        out += '"';
        append_reason_json(out, o, indent_);
        out += k + 1 < p.results.size() ? next_ : last_;
    }
    out += close_;
}

// ---- the check ------------------------------------------------------------------------

namespace {

void check_list(SQLite::Database& db, const StandardSet& set, std::vector<Member> people,
                const CheckOptions& opt, CheckSink& sink) {
    struct Keyed {
        std::string key;
        Member m;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(people.size());
    for (auto& m : people) {
        std::string key = text::person_sort_key(m.full_name);
        keyed.push_back({std::move(key), std::move(m)});
    }
    std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
        if (int c = a.key.compare(b.key)) return c < 0;
        if (a.m.birth_date != b.m.birth_date) return a.m.birth_date < b.m.birth_date;
        return a.m.code < b.m.code;
    });
    int years = 0;
    const bool grades = detail::needs_grades(set, &years),
               discipline = detail::needs_discipline(set);
    std::size_t cw = 0, nw = 0;
    for (const auto& k : keyed) {
        cw = std::max(cw, text::display_width(k.m.code));
        nw = std::max(nw, text::display_width(k.m.full_name));
    }
    sink.begin(keyed.size(), cw, nw);
    for (const auto& k : keyed) {
        Records r;
        if (grades) r.evaluations = registry::evaluations_of(db, k.m.code);
        if (discipline) r.discipline = registry::discipline_of(db, k.m.code);
        PersonCheck p{k.m.code, k.m.full_name, evaluate(set, k.m, r, opt.as_of, opt.flags)};
        sink.person(p);
    }
}

}  // namespace

void check(SQLite::Database& db, const StandardSet& set, const Selection& sel,
           const CheckOptions& opt, CheckSink& sink) {
    if (sel.all) return detail::check_all(db, set, opt, sink);
    std::vector<Member> people;
    if (sel.election) {
        for (auto& c : election::candidates(db, *sel.election))
            people.push_back(std::move(c.member));
    }
    std::vector<std::string> unknown;
    std::set<std::string> seen;
    for (const auto& p : people) seen.insert(p.code);
    for (const auto& code : sel.codes) {
        if (!seen.insert(code).second) continue;
        if (auto m = registry::find_member(db, code))
            people.push_back(std::move(*m));
        else
            unknown.push_back(code);
    }
    if (!unknown.empty()) registry::throw_unknown_members(unknown);
    check_list(db, set, std::move(people), opt, sink);
}

}  // namespace daihoi::standards
