// Counting the structure of a list and comparing it with the targets.
#include "core/standards/structure.hpp"

#include "core/base/i18n.hpp"
#include "core/base/number.hpp"
#include "core/election/election.hpp"
#include "core/error.hpp"
#include "core/registry/members.hpp"
#include "core/text/utf8.hpp"

#include <fmt/format.h>

namespace daihoi::standards {


std::string measure_label(std::string_view id, int young_age) {
    if (id == "women") return _("women");
    if (id == "young") return _f("under {}", young_age);
    if (id == "minority") return _("ethnic minorities");
    if (id == "renewal") return _("renewal (not incumbent)");
    return std::string(id);
}

std::vector<Measure> measure_structure(const std::vector<registry::Member>& people, const Structure& s,
                                       const text::Date& as_of) {
    std::vector<Measure> out = {
        {"women", measure_label("women", s.young_age), 0, s.women_min, false},
        {"young", measure_label("young", s.young_age), 0, s.young_min, false},
        {"minority", measure_label("minority", s.young_age), 0, s.minority_min, false},
        {"renewal", measure_label("renewal", s.young_age), 0, s.renewal_min, false},
    };
    for (const auto& m : people) {
        if (m.gender == registry::Gender::Female) ++out[0].count;
        if (m.birth_date.max_age_at(as_of) < s.young_age) ++out[1].count;
        else if (m.birth_date.min_age_at(as_of) < s.young_age) ++out[1].unknown;
        std::string ethnicity = text::fold(m.ethnicity);
        if (!ethnicity.empty() && ethnicity != "kinh") ++out[2].count;
        if (!m.incumbent) ++out[3].count;
    }
    const auto total = static_cast<std::int64_t>(people.size());
    auto meets = [&](std::int64_t n, int target) {
        return total > 0 ? n * 10000 >= static_cast<std::int64_t>(target) * total : target == 0;
    };
    for (auto& x : out) {
        if (!x.target) continue;
        x.met = meets(x.count, *x.target);
        x.met_unknown = !x.met && meets(x.count + x.unknown, *x.target);
    }
    return out;
}

StructureReport structure(SQLite::Database& db, const StandardSet& set, const std::string& id, bool elected_only,
                          const text::Date& as_of) {
    const election::Election e = election::require(db, id);
    std::vector<registry::Member> people;
    if (elected_only) {
        if (e.phase != election::Phase::Closed && e.phase != election::Phase::Sealed)
            throw Refused(_f("election {} is not closed: who is elected is known once it is closed ('daihoi "
                             "election close {}')",
                             id, id));
        auto result = nlohmann::json::parse(e.result_json, nullptr, false);
        if (result.is_discarded() || !result.contains("candidates"))
            throw IntegrityError(_f("election {}: the stored result cannot be read", id));
        for (const auto& c : result["candidates"]) {
            if (c.value("status", "") != "elected") continue;
            const std::string code = c.value("code", "");
            auto m = registry::find_member(db, code);
            if (!m) throw IntegrityError(_f("election {}: elected {} is not in the registry", id, code));
            people.push_back(std::move(*m));
        }
    } else {
        for (auto& c : election::candidates(db, id)) people.push_back(std::move(c.member));
    }
    StructureReport r;
    r.set = set.name;
    r.election = id;
    r.elected_only = elected_only;
    r.as_of = as_of;
    r.young_age = set.structure.young_age;
    r.total = static_cast<std::int64_t>(people.size());
    r.measures = measure_structure(people, set.structure, as_of);
    return r;
}

nlohmann::ordered_json to_json(const StructureReport& r) {
    using J = nlohmann::ordered_json;
    J j;
    j["set"] = r.set;
    j["election"] = r.election;
    j["people"] = r.elected_only ? "elected" : "candidates";
    j["as_of"] = r.as_of.iso();
    j["young_age"] = r.young_age;
    j["total"] = r.total;
    j["measures"] = J::array();
    for (const auto& m : r.measures)
        j["measures"].push_back({{"id", m.id},
                                 {"count", m.count},
                                 {"unknown", m.unknown},
                                 {"share", r.total > 0 ? J(number::percent_value(m.count, r.total)) : J(nullptr)},
                                 {"target", m.target ? J(number::percent_value(*m.target, 10000)) : J(nullptr)},
                                 {"met", m.target && !m.met_unknown ? J(m.met) : J(nullptr)}});
    return j;
}

}  // namespace daihoi::standards
