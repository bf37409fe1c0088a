// Counting the seated delegates for the credentials review report. Every
// statistic is an integer count; shares and the average are rounded only when
// printed, with integer arithmetic, so the report never drifts by a rounding.
#include "core/delegates/credentials.hpp"

#include "core/base/i18n.hpp"
#include "core/base/number.hpp"
#include "core/delegates/delegates.hpp"
#include "core/registry/congress.hpp"
#include "core/text/names.hpp"
#include "core/text/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace daihoi::delegates {

namespace {

// Adds one to `value`'s row of a breakdown.
void tally(std::vector<ValueCount>& rows, const std::string& value) {
    for (auto& r : rows)
        if (r.value == value) {
            ++r.count;
            return;
        }
    rows.push_back({value, 1});
}

// Most frequent first, then Vietnamese order; `last` (e.g. "unknown") at the end.
void order(std::vector<ValueCount>& rows, const std::string& last = {}) {
    const auto& coll = text::VietCollator::instance();
    std::sort(rows.begin(), rows.end(), [&](const ValueCount& a, const ValueCount& b) {
        bool al = !last.empty() && a.value == last, bl = !last.empty() && b.value == last;
        if (al != bl) return bl;
        if (a.count != b.count) return a.count > b.count;
        int c = coll.compare(a.value, b.value);
        return c != 0 ? c < 0 : a.value < b.value;
    });
}

// Keeps `cand` in `slot` when it comes first: earlier date if `earliest`, else
// later; the smaller code on a tie.
void keep(std::optional<Extreme>& slot, const Extreme& cand, bool earliest) {
    if (!slot) {
        slot = cand;
        return;
    }
    if (cand.date != slot->date) {
        if ((cand.date < slot->date) == earliest) slot = cand;
    } else if (cand.code < slot->code) {
        slot = cand;
    }
}

bool is_kinh(const std::string& ethnicity) {
    std::string f = text::fold(ethnicity);
    return f.empty() || f == "kinh";
}

// "Không" (none) is how the registry often says "no religion".
bool has_religion(const std::string& religion) {
    std::string f = text::fold(religion);
    return !(f.empty() || f == "khong" || f == "none");
}

// The age band of an age: a pointer to its count.
std::int64_t* band(Credentials& c, int age) {
    return age < 30   ? &c.age_under_30
           : age < 40 ? &c.age_30_39
           : age < 50 ? &c.age_40_49
           : age < 60 ? &c.age_50_59
           : age < 70 ? &c.age_60_69
                      : &c.age_70_over;
}

// Counts one person's age: with only the year of birth, the youngest and the
// oldest they can be; where the two disagree, under the measure's unknown.
void count_age(Credentials& c, const std::string& code, const registry::Member& m) {
    const int lo = m.birth_date.min_age_at(c.as_of), hi = m.birth_date.max_age_at(c.as_of);
    if (lo == hi) {
        c.age_sum += lo;
        ++c.age_known;
    }
    std::int64_t* b = band(c, lo);
    ++*(b == band(c, hi) ? b : &c.age_unknown);
    if (hi < 40) ++c.under_40;
    else if (lo < 40) ++c.under_40_unknown;
    if (lo >= 70) ++c.over_70;
    else if (hi >= 70) ++c.over_70_unknown;
    Extreme who{code, m.full_name, m.birth_date.earliest(), lo, hi, m.birth_date.is_year_only()};
    keep(c.oldest, who, true);
    keep(c.youngest, who, false);
}

}  // namespace

Credentials credentials(SQLite::Database& db, const std::string& session) {
    Credentials c;
    c.as_of = registry::require_congress(db).date;
    c.session = session;
    auto present = present_at(db, session);  // sorted by code

    for (const auto& d : list_delegates(db)) {
        if (is_official(d.kind)) {
            ++c.convened;
            switch (d.kind) {
                case Kind::Elected: ++c.convened_by_kind.elected; break;
                case Kind::ExOfficio: ++c.convened_by_kind.ex_officio; break;
                case Kind::Appointed: ++c.convened_by_kind.appointed; break;
                case Kind::Member: ++c.convened_by_kind.member; break;
                case Kind::Reserve: break;
            }
            if (d.status == Status::Disqualified) ++c.disqualified;
            if (d.status == Status::AbsentWholeCongress) ++c.absent_whole_congress;
            if (!d.replaced_by.empty()) ++c.replaced;
        } else {
            ++c.reserves;
        }
        if (!d.seated()) continue;

        const auto& m = d.member;
        ++c.seated;
        if (std::binary_search(present.begin(), present.end(), d.code)) ++c.present;
        switch (d.kind) {
            case Kind::Elected: ++c.seated_by_kind.elected; break;
            case Kind::ExOfficio: ++c.seated_by_kind.ex_officio; break;
            case Kind::Appointed: ++c.seated_by_kind.appointed; break;
            case Kind::Reserve: ++c.seated_by_kind.reserve_substituting; break;
            case Kind::Member: ++c.seated_by_kind.member; break;
        }
        if (m.probationary()) ++c.probationary;
        if (!d.voting) ++c.non_voting;
        ++(m.gender == registry::Gender::Male ? c.men : c.women);

        count_age(c, d.code, m);

        if (is_kinh(m.ethnicity)) ++c.kinh;
        else ++c.minorities;
        tally(c.ethnicities, m.ethnicity.empty() ? std::string("Kinh") : m.ethnicity);
        if (has_religion(m.religion)) {
            ++c.with_religion;
            tally(c.religions, m.religion);
        }
        tally(c.education, m.education.empty() ? std::string("unknown") : m.education);

        if (!m.degree) ++c.degree_unknown;
        else switch (*m.degree) {
            case registry::Degree::Doctor: ++c.degree_doctor; break;
            case registry::Degree::Master: ++c.degree_master; break;
            case registry::Degree::Bachelor: ++c.degree_bachelor; break;
            case registry::Degree::College: ++c.degree_college; break;
            case registry::Degree::None: ++c.degree_none; break;
        }
        if (!m.theory) ++c.theory_unknown;
        else switch (*m.theory) {
            case registry::Theory::CuNhan: ++c.theory_cu_nhan; break;
            case registry::Theory::CaoCap: ++c.theory_cao_cap; break;
            case registry::Theory::TrungCap: ++c.theory_trung_cap; break;
            case registry::Theory::SoCap: ++c.theory_so_cap; break;
            case registry::Theory::None: ++c.theory_none; break;
        }

        if (!m.party_join_date) {
            ++c.party_unknown;
        } else {
            int years = text::full_years_between(*m.party_join_date, c.as_of);
            ++(years < 10 ? c.party_under_10 : years < 20 ? c.party_10_19 : years < 30 ? c.party_20_29 : c.party_30_over);
            Extreme member{d.code, m.full_name, *m.party_join_date, years};
            keep(c.party_most, member, true);
            keep(c.party_least, member, false);
        }
    }
    order(c.ethnicities);
    order(c.religions);
    order(c.education, "unknown");
    return c;
}

nlohmann::ordered_json to_json(const Credentials& c) {
    using J = nlohmann::ordered_json;
    // Numbers in JSON, as in the tally: the value of the exact rounded text.
    auto share = [&](std::int64_t n) { return J{{"count", n}, {"percent", number::percent_value(n, c.seated)}}; };
    auto rows = [&](const std::vector<ValueCount>& rs) {
        J a = J::array();
        for (const auto& r : rs)
            a.push_back({{"value", r.value}, {"count", r.count}, {"percent", number::percent_value(r.count, c.seated)}});
        return a;
    };
    auto extreme = [](const std::optional<Extreme>& e, const char* date, const char* years) {
        if (!e) return J(nullptr);
        if (e->year_only)  // only the year of birth: the age is a range
            return J{{"code", e->code},        {"full_name", e->name},
                     {date, std::to_string(e->date.year)}, {years, e->years == e->years_max ? J(e->years) : J(nullptr)},
                     {"age_from", e->years}, {"age_to", e->years_max}};
        return J{{"code", e->code}, {"full_name", e->name}, {date, e->date.iso()}, {years, e->years}};
    };
    auto kinds = [](const KindCounts& k, bool reserves) {
        J j{{"elected", k.elected}, {"ex_officio", k.ex_officio}, {"appointed", k.appointed}};
        if (reserves) j["reserve_substituting"] = k.reserve_substituting;
        j["member"] = k.member;
        return j;
    };

    J j;
    j["as_of"] = c.as_of.iso();
    j["session"] = c.session;
    j["totals"] = {{"convened", c.convened},
                   {"convened_by_kind", kinds(c.convened_by_kind, false)},
                   {"reserves", c.reserves},
                   {"disqualified", c.disqualified},
                   {"absent_whole_congress", c.absent_whole_congress},
                   {"replaced", c.replaced},
                   {"seated", c.seated},
                   {"seated_by_kind", kinds(c.seated_by_kind, true)},
                   {"present", c.present},
                   {"absent_at_session", c.seated - c.present}};
    j["gender"] = {{"men", share(c.men)}, {"women", share(c.women)}};
    j["age"] = {{"bands",
                 {{"under_30", share(c.age_under_30)},
                  {"30_39", share(c.age_30_39)},
                  {"40_49", share(c.age_40_49)},
                  {"50_59", share(c.age_50_59)},
                  {"60_69", share(c.age_60_69)},
                  {"70_and_over", share(c.age_70_over)},
                  {"unknown", share(c.age_unknown)}}},
                {"oldest", extreme(c.oldest, "birth_date", "age")},
                {"youngest", extreme(c.youngest, "birth_date", "age")},
                {"age_sum", c.age_sum},
                {"age_known", c.age_known},
                {"average", c.age_known ? J(std::stod(number::average_tenths(c.age_sum, c.age_known))) : J(nullptr)},
                {"under_40", share(c.under_40)},
                {"under_40_unknown", share(c.under_40_unknown)},
                {"over_70", share(c.over_70)},
                {"over_70_unknown", share(c.over_70_unknown)}};
    j["ethnicity"] = {{"kinh", share(c.kinh)}, {"minorities", share(c.minorities)}, {"breakdown", rows(c.ethnicities)}};
    j["religion"] = {{"with_religion", share(c.with_religion)}, {"breakdown", rows(c.religions)}};
    j["education"] = rows(c.education);
    j["degree"] = {{"doctor", share(c.degree_doctor)},     {"master", share(c.degree_master)},
                   {"bachelor", share(c.degree_bachelor)}, {"college", share(c.degree_college)},
                   {"none", share(c.degree_none)},         {"unknown", share(c.degree_unknown)}};
    j["theory"] = {{"cu_nhan", share(c.theory_cu_nhan)},     {"cao_cap", share(c.theory_cao_cap)},
                   {"trung_cap", share(c.theory_trung_cap)}, {"so_cap", share(c.theory_so_cap)},
                   {"none", share(c.theory_none)},           {"unknown", share(c.theory_unknown)}};
    j["party_years"] = {{"most", extreme(c.party_most, "party_join_date", "years")},
                        {"least", extreme(c.party_least, "party_join_date", "years")},
                        {"bands",
                         {{"under_10", share(c.party_under_10)},
                          {"10_19", share(c.party_10_19)},
                          {"20_29", share(c.party_20_29)},
                          {"30_and_over", share(c.party_30_over)}}},
                        {"unknown", share(c.party_unknown)}};
    j["probationary"] = share(c.probationary);
    j["non_voting"] = share(c.non_voting);
    return j;
}

// ---- the layout people read -------------------------------------------------------

std::string CredentialsRow::percent() const { return of ? number::percent(count, *of) : std::string(); }

std::vector<CredentialsSection> credentials_layout(const Credentials& c) {
    using Note = CredentialsNote;
    using K = CredentialsNoteKind;
    std::vector<CredentialsSection> out;
    auto section = [&](const char* key, const char* title) -> CredentialsSection& {
        out.push_back(CredentialsSection{key, title, {}, {}, {}});
        return out.back();
    };
    // A share of the seated delegates; `of` another base (the convened), or none.
    auto row = [&](const char* item, std::int64_t n, std::optional<std::int64_t> of) {
        out.back().rows.push_back({item, {}, n, of});
    };
    auto seated_row = [&](const char* item, std::int64_t n) { row(item, n, c.seated); };
    auto values = [&](const std::vector<ValueCount>& vs, bool skip_kinh) {
        for (const auto& v : vs) {
            if (skip_kinh && is_kinh(v.value)) continue;  // the Kinh row stands above
            if (v.value == "unknown") out.back().rows.push_back({"unknown", {}, v.count, c.seated});
            else out.back().rows.push_back({{}, v.value, v.count, c.seated});
        }
    };
    bool members_congress = c.convened_by_kind.member > 0;

    section("totals", N_("Totals")).above.push_back(Note{K::SharesOf, {}, {}});
    row("convened", c.convened, std::nullopt);
    row("seated", c.seated, c.convened);
    seated_row("present", c.present);
    const auto& k = c.seated_by_kind;
    if (members_congress) {
        seated_row("member", k.member);
    } else {
        seated_row("elected", k.elected);
        seated_row("ex_officio", k.ex_officio);
        seated_row("appointed", k.appointed);
        seated_row("reserve_substituting", k.reserve_substituting);
        row("reserves", c.reserves, std::nullopt);
    }
    row("disqualified", c.disqualified, c.convened);
    row("absent_whole_congress", c.absent_whole_congress, c.convened);
    if (!members_congress) row("replaced", c.replaced, c.convened);
    seated_row("probationary", c.probationary);

    section("gender", N_("Gender"));
    seated_row("men", c.men);
    seated_row("women", c.women);

    auto& age = section("age", N_("Age"));
    seated_row("age_under_30", c.age_under_30);
    seated_row("age_30_39", c.age_30_39);
    seated_row("age_40_49", c.age_40_49);
    seated_row("age_50_59", c.age_50_59);
    seated_row("age_60_69", c.age_60_69);
    seated_row("age_70_over", c.age_70_over);
    // Only when someone's age is not known: most congresses never see the row.
    if (c.age_unknown) seated_row("age_unknown", c.age_unknown);
    if (c.oldest) age.below.push_back(Note{K::Oldest, c.oldest, {}, 0});
    if (c.youngest) age.below.push_back(Note{K::Youngest, c.youngest, {}, 0});
    if (c.age_known > 0)
        age.below.push_back(Note{K::AverageAge, {}, number::average_tenths(c.age_sum, c.age_known),
                                 c.age_known < c.seated ? c.age_known : 0});

    section("ethnicity", N_("Ethnicity"));
    seated_row("kinh", c.kinh);
    seated_row("minorities", c.minorities);
    values(c.ethnicities, true);

    section("religion", N_("Religion"));
    seated_row("with_religion", c.with_religion);
    values(c.religions, false);

    section("education", N_("General education"));
    values(c.education, false);

    section("degree", N_("Degree"));
    seated_row("doctor", c.degree_doctor);
    seated_row("master", c.degree_master);
    seated_row("bachelor", c.degree_bachelor);
    seated_row("college", c.degree_college);
    seated_row("none", c.degree_none);
    seated_row("unknown", c.degree_unknown);

    section("theory", N_("Political theory"));
    seated_row("cu_nhan", c.theory_cu_nhan);
    seated_row("cao_cap", c.theory_cao_cap);
    seated_row("trung_cap", c.theory_trung_cap);
    seated_row("so_cap", c.theory_so_cap);
    seated_row("none", c.theory_none);
    seated_row("unknown", c.theory_unknown);

    auto& party = section("party_years", N_("Years in the party"));
    seated_row("party_under_10", c.party_under_10);
    seated_row("party_10_19", c.party_10_19);
    seated_row("party_20_29", c.party_20_29);
    seated_row("party_30_over", c.party_30_over);
    seated_row("unknown", c.party_unknown);
    if (c.party_most) party.below.push_back(Note{K::PartyMost, c.party_most, {}});
    if (c.party_least) party.below.push_back(Note{K::PartyLeast, c.party_least, {}});

    section("shares", N_("Young and old delegates"));
    seated_row("under_40", c.under_40);
    if (c.under_40_unknown) seated_row("under_40_unknown", c.under_40_unknown);
    seated_row("over_70", c.over_70);
    if (c.over_70_unknown) seated_row("over_70_unknown", c.over_70_unknown);
    return out;
}

std::optional<std::string> credentials_item_label(std::string_view item) {
    static const std::pair<std::string_view, const char*> labels[] = {
        {"convened", N_("official delegates convened")},
        {"seated", N_("delegates seated")},
        {"present", N_("present at the session")},
        {"elected", N_("elected by subordinate congresses")},
        {"ex_officio", N_("ex officio (the convening committee)")},
        {"appointed", N_("appointed")},
        {"reserve_substituting", N_("reserves taking a place")},
        {"member", N_("members (members' congress)")},
        {"reserves", N_("reserves on the list")},
        {"disqualified", N_("credentials not accepted")},
        {"absent_whole_congress", N_("absent for the whole congress")},
        {"replaced", N_("replaced by reserves")},
        {"probationary", N_("probationary members (no vote)")},
        {"men", N_("men")},
        {"women", N_("women")},
        {"age_under_30", N_("under 30")},
        {"age_30_39", N_("30 to 39")},
        {"age_40_49", N_("40 to 49")},
        {"age_50_59", N_("50 to 59")},
        {"age_60_69", N_("60 to 69")},
        {"age_70_over", N_("70 and over")},
        {"age_unknown", N_("age not known (only the year of birth)")},
        {"kinh", N_("Kinh")},
        {"minorities", N_("ethnic minorities")},
        {"with_religion", N_("with a religion")},
        {"unknown", N_("unknown")},
        {"doctor", N_("doctor")},
        {"master", N_("master")},
        {"bachelor", N_("bachelor")},
        {"college", N_("college")},
        {"none", N_("none")},
        {"cu_nhan", N_("bachelor of political theory")},
        {"cao_cap", N_("advanced political theory")},
        {"trung_cap", N_("intermediate political theory")},
        {"so_cap", N_("elementary political theory")},
        {"party_under_10", N_("under 10 years")},
        {"party_10_19", N_("10 to 19 years")},
        {"party_20_29", N_("20 to 29 years")},
        {"party_30_over", N_("30 years and over")},
        {"under_40", N_("delegates under 40")},
        {"under_40_unknown", N_("perhaps under 40 (only the year of birth)")},
        {"over_70", N_("delegates aged 70 or over")},
        {"over_70_unknown", N_("perhaps 70 or over (only the year of birth)")},
    };
    for (const auto& [code, label] : labels)
        if (code == item) return _(label);
    return std::nullopt;
}

std::string credentials_row_label(const CredentialsRow& r) {
    return r.item.empty() ? r.value : credentials_item_label(r.item).value_or(r.item);
}

std::string credentials_note(const CredentialsNote& n) {
    using K = CredentialsNoteKind;
    if (n.kind == K::SharesOf)
        return _("Shares are of the delegates seated; for the delegates seated, credentials not accepted, absent "
                 "for the whole congress and replaced by reserves, of the official delegates convened.");
    if (n.kind == K::AverageAge) {
        if (n.of)
            return _fn("average age: {} (of the {} delegate whose age is known)",
                       "average age: {} (of the {} delegates whose age is known)", static_cast<unsigned long>(n.of),
                       i18n::decimal(n.average), n.of);
        return _f("average age: {}", i18n::decimal(n.average));
    }
    if (!n.who) return {};
    const Extreme& e = *n.who;
    auto years = static_cast<unsigned long>(e.years);
    if (e.year_only && (n.kind == K::Oldest || n.kind == K::Youngest)) {
        const std::string age = e.years == e.years_max ? std::to_string(e.years)
                                                       : _f("{} or {}", e.years, e.years_max);
        if (n.kind == K::Oldest)
            return _f("oldest: {} {}, born in {}, {} years old", e.code, e.name, e.date.year, age);
        return _f("youngest: {} {}, born in {}, {} years old", e.code, e.name, e.date.year, age);
    }
    switch (n.kind) {
        case K::Oldest:
            return _fn("oldest: {} {}, born {}, {} year old", "oldest: {} {}, born {}, {} years old", years, e.code,
                       e.name, e.date.vn(), e.years);
        case K::Youngest:
            return _fn("youngest: {} {}, born {}, {} year old", "youngest: {} {}, born {}, {} years old", years, e.code,
                       e.name, e.date.vn(), e.years);
        case K::PartyMost:
            return _fn("most years in the party: {} {}, admitted {}, {} year",
                       "most years in the party: {} {}, admitted {}, {} years", years, e.code, e.name, e.date.vn(),
                       e.years);
        case K::PartyLeast:
            return _fn("fewest years in the party: {} {}, admitted {}, {} year",
                       "fewest years in the party: {} {}, admitted {}, {} years", years, e.code, e.name, e.date.vn(),
                       e.years);
        default: return {};
    }
}

}  // namespace daihoi::delegates
