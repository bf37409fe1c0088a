// daihoi-standards structure: an election's list against a set's targets.
#include "core/standards/structure.hpp"
#include "core/base/number.hpp"
#include "core/cli/table.hpp"
#include "core/standards/check.hpp"
#include "tools/daihoi-standards/standards.hpp"

namespace daihoi::tool {

namespace st = standards;
using Align = cli::TextTable::Align;

namespace {

std::string heading(const st::StructureReport& r) {
    const auto n = static_cast<unsigned long>(r.total);
    if (r.elected_only)
        return _fn(
            "structure of the people elected at election {} ({} person) against {}, ages at {}",
            "structure of the people elected at election {} ({} people) against {}, ages at {}", n,
            r.election, r.total, r.set, r.as_of.vn());
    return _fn("structure of the candidates of election {} ({} person) against {}, ages at {}",
               "structure of the candidates of election {} ({} people) against {}, ages at {}", n,
               r.election, r.total, r.set, r.as_of.vn());
}

}  // namespace

void run_structure(const cli::Common& common, const StructureOptions& o) {
    const auto when = st::parse_as_of(o.as_of);
    auto ws = common.open();
    const auto set = st::find_set(ws.path(), o.name);
    if (!set.has_structure) cli::note(common, _f("note: {} sets no structure targets", set.name));
    const auto r =
        st::structure(ws.db(), set, o.election, o.elected, st::as_of_date(ws.db(), set, when));
    if (common.json) return cli::print_json(st::to_json(r));
    fmt::print("{}\n", heading(r));
    cli::TextTable t({_("measure"), _("count"), _("share"), _("target"), _("met")},
                     {Align::Left, Align::Right, Align::Right, Align::Right, Align::Left});
    for (const auto& m : r.measures) {
        const std::string share =
            r.total > 0 ? i18n::decimal(number::percent(m.count, r.total)) + " %" : "-";
        const std::string target =
            m.target ? "≥ " + i18n::decimal(number::percent(*m.target, 10000)) + " %" : "-";
        const std::string met = !m.target ? "-" : m.met_unknown ? _("unknown") : i18n::yes_no(m.met);
        t.add({m.label, std::to_string(m.count), share, target, met});
    }
    t.print();
    for (const auto& m : r.measures)
        if (m.unknown > 0)
            cli::note(common, _fn("note: {} person not counted under '{}': only the year of birth is known",
                                  "note: {} people not counted under '{}': only the year of birth is known",
                                  static_cast<unsigned long>(m.unknown), m.unknown, m.label));
}

}  // namespace daihoi::tool
