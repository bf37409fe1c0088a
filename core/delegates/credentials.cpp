// Counting the seated delegates for the credentials review report. Every
// statistic is an integer count; shares and the average are rounded only when
// printed, with integer arithmetic, so the report never drifts by a rounding.
#include "core/delegates/credentials.hpp"

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
            if (d.status == Status::Absent && d.whole_congress) ++c.absent_whole_congress;
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

        int age = text::full_years_between(m.birth_date, c.as_of);
        c.age_sum += age;
        ++(age < 30 ? c.age_under_30
           : age < 40 ? c.age_30_39
           : age < 50 ? c.age_40_49
           : age < 60 ? c.age_50_59
           : age < 70 ? c.age_60_69
                      : c.age_70_over);
        if (age < 40) ++c.under_40;
        if (age >= 70) ++c.over_70;
        Extreme who{d.code, m.full_name, m.birth_date, age};
        keep(c.oldest, who, true);
        keep(c.youngest, who, false);

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

std::string percent(std::int64_t count, std::int64_t total) {
    if (total <= 0) return "0.00";
    std::int64_t hundredths = (count * 10000 * 2 + total) / (2 * total);
    return fmt::format("{}.{:02}", hundredths / 100, hundredths % 100);
}

std::string average_age(const Credentials& c) {
    if (c.seated <= 0) return "";
    std::int64_t tenths = (c.age_sum * 10 * 2 + c.seated) / (2 * c.seated);
    return fmt::format("{}.{}", tenths / 10, tenths % 10);
}

nlohmann::ordered_json to_json(const Credentials& c) {
    using J = nlohmann::ordered_json;
    // Numbers in JSON, as in the tally: the value of the exact rounded text.
    auto number = [](const std::string& decimal) { return J(std::stod(decimal)); };
    auto share = [&](std::int64_t n) { return J{{"count", n}, {"percent", number(percent(n, c.seated))}}; };
    auto rows = [&](const std::vector<ValueCount>& rs) {
        J a = J::array();
        for (const auto& r : rs) a.push_back({{"value", r.value}, {"count", r.count}, {"percent", number(percent(r.count, c.seated))}});
        return a;
    };
    auto extreme = [](const std::optional<Extreme>& e, const char* date, const char* years) {
        if (!e) return J(nullptr);
        return J{{"code", e->code}, {"name", e->name}, {date, e->date.iso()}, {years, e->years}};
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
                  {"70_and_over", share(c.age_70_over)}}},
                {"oldest", extreme(c.oldest, "birth_date", "age")},
                {"youngest", extreme(c.youngest, "birth_date", "age")},
                {"age_sum", c.age_sum},
                {"average", c.seated ? number(average_age(c)) : J(nullptr)},
                {"under_40", share(c.under_40)},
                {"over_70", share(c.over_70)}};
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

}  // namespace daihoi::delegates
