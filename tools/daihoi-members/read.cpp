// daihoi-members list, show: the registry as people and scripts read it.
#include "commands.hpp"

#include "core/cli/table.hpp"
#include "core/registry/members.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>

namespace daihoi::members_tool {

namespace {

using registry::Member;

struct ListOptions {
    std::string unit;
    std::string sort = "name";
};

void declare_list(CLI::App& app, ListOptions& o) {
    app.add_option("--unit", o.unit, _("only the members of this unit (its code)"))->type_name("UNIT");
    app.add_option("--sort", o.sort, _f("the order: {} (default: Vietnamese name order)",
                                        registry::member_orders().accepted_list()))
        ->type_name("ORDER")
        ->check(cli::one_of(registry::member_orders()));
}

void run_list(const cli::Common& common, const ListOptions& o) {
    auto ws = common.open();
    registry::MemberQuery q;
    if (!o.unit.empty()) q.unit = o.unit;
    q.order = *registry::member_orders().parse(o.sort);
    if (common.json) {
        // Streamed: one element at a time, so a large registry stays in constant memory.
        json::ArrayStream out;
        registry::for_each_member(ws.db(), q, [&](const Member& m) { out.add(registry::to_json(m)); });
        return out.finish();
    }
    cli::TextTable t({"#", _("code"), _("full name"), _("gender"), _("born"), _("unit"), _("position")},
                     {cli::TextTable::Align::Right});
    registry::for_each_member(ws.db(), q, [&](const Member& m) {
        t.add({std::to_string(t.rows() + 1), m.code, m.full_name, registry::genders().label(m.gender),
               m.birth_date.vn(), m.unit, m.position});
    });
    t.print();
}

struct ShowOptions {
    std::string code;
};

void declare_show(CLI::App& app, ShowOptions& o) {
    app.add_option("CODE", o.code, _("the member's code"))->required();
}

std::string vn(const std::optional<text::Date>& d) { return d ? d->vn() : ""; }

void print_member(const Member& m, const std::vector<registry::Evaluation>& evals,
                  const std::vector<registry::DisciplineRecord>& disc) {
    std::vector<std::pair<std::string, std::string>> rows = {
        {_("code:"), m.code},
        {_("full name:"), m.full_name},
        {_("gender:"), registry::genders().label(m.gender)},
        {_("born:"), m.birth_date.vn()},
        {_("ethnicity:"), m.ethnicity},
        {_("religion:"), m.religion},
        {_("joined the party:"), vn(m.party_join_date)},
        {_("full member since:"), m.probationary() ? _("no (probationary)") : vn(m.official_date)},
        {_("education:"), m.education},
        {_("degree:"), m.degree ? registry::degrees().label(*m.degree) : ""},
        {_("political theory:"), m.theory ? registry::theories().label(*m.theory) : ""},
        {_("position:"), m.position},
        {_("unit:"), m.unit},
        {_("incumbent:"), i18n::yes_no(m.incumbent)},
    };
    for (const auto& e : evals) rows.push_back({_f("grade {}:", e.year), registry::grades().label(e.grade)});
    for (const auto& d : disc)
        rows.push_back({_("discipline:"), d.until ? _f("{} {} (until {})", d.date.vn(), d.form, d.until->vn())
                                                  : fmt::format("{} {}", d.date.vn(), d.form)});
    std::size_t width = 0;
    for (const auto& r : rows) width = std::max(width, text::display_width(r.first));
    for (const auto& [label, value] : rows) fmt::print("{} {}\n", text::pad_right(label, width), value);
}

void run_show(const cli::Common& common, const ShowOptions& o) {
    auto ws = common.open();
    Member m = registry::require_member(ws.db(), o.code);
    auto evals = registry::evaluations_of(ws.db(), o.code);
    auto disc = registry::discipline_of(ws.db(), o.code);
    if (!common.json) return print_member(m, evals, disc);
    cli::Json j = registry::to_json(m);
    j["probationary"] = m.probationary();
    j["evaluations"] = cli::Json::array();
    for (const auto& e : evals) j["evaluations"].push_back({{"year", e.year}, {"grade", registry::code(e.grade)}});
    j["discipline"] = cli::Json::array();
    for (const auto& d : disc)
        j["discipline"].push_back({{"date", d.date.iso()},
                                   {"form", d.form},
                                   {"until", d.until ? cli::Json(d.until->iso()) : cli::Json(nullptr)}});
    cli::print_json(j);
}

}  // namespace

std::vector<cli::Command> read_commands() {
    return {cli::command<ListOptions>({"list"}, N_("list members (Vietnamese name order by default)"), cli::Effect::Reads,
                                      declare_list, run_list),
            cli::command<ShowOptions>({"show"}, N_("show one member with evaluations and discipline"),
                                      cli::Effect::Reads, declare_show, run_show)};
}

}  // namespace daihoi::members_tool
