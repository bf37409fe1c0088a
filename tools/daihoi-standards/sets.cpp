// daihoi-standards list, show, add: the standard sets.
#include "core/base/number.hpp"
#include "core/cli/table.hpp"
#include "core/standards/standard_set.hpp"
#include "core/standards/structure.hpp"
#include "tools/daihoi-standards/standards.hpp"

#include <algorithm>
#include <filesystem>

namespace daihoi::tool {

namespace st = standards;
using Align = cli::TextTable::Align;

namespace {

// Where a set lives, for people: shipped sets under templates/, others
// relative to the current folder.
std::string where(const std::filesystem::path& file, st::Origin origin) {
    if (origin == st::Origin::Shipped)
        return (std::filesystem::path("templates/standards") / file.filename()).string();
    return std::filesystem::proximate(file).string();
}

const char* origin_word(st::Origin o) {
    switch (o) {
        case st::Origin::Workspace:
            return _("added");
        case st::Origin::Shipped:
            return _("shipped");
        case st::Origin::File:
            return _("file");
    }
    return "";
}

std::string target(const std::optional<int>& v) {
    return v ? i18n::decimal(number::percent(*v, 10000)) + " %" : "-";
}

}  // namespace

void run_list(const cli::Common& common, const NoOptions&) {
    auto sets = st::list_sets(common.db_path());
    for (const auto& e : sets)
        if (!e.problem.empty()) cli::warn(e.problem);
    if (common.json) {
        cli::Json j = cli::Json::array();
        for (const auto& e : sets)
            j.push_back({{"name", e.name},
                         {"title", e.title},
                         {"origin", st::code(e.origin)},
                         {"file", e.path.string()},
                         {"shadowed", e.shadowed}});
        return cli::print_json(j);
    }
    cli::TextTable t({_("name"), _("origin"), _("title")});
    for (const auto& e : sets)
        t.add({e.name, e.shadowed ? _("shipped (hidden by the added set)") : origin_word(e.origin),
               e.problem.empty() ? e.title : _("(does not load)")});
    t.print();
}

void run_show(const cli::Common& common, const ShowOptions& o) {
    st::Origin origin;
    const auto s = st::find_set(common.db_path(), o.name, &origin);
    if (common.json) return cli::print_json(st::to_json(s, origin));
    fmt::print("{} — {}\n", s.name, s.title);
    fmt::print("{}\n", _f("origin: {} ({})", origin_word(origin), where(s.file, origin)));
    if (!s.source.empty()) fmt::print("{}\n", _f("source: {}", s.source));
    fmt::print("{}\n", s.as_of ? _f("as of: {}", s.as_of->vn())
                               : std::string(_("as of: the congress's opening date")));
    if (!s.criteria.empty()) {
        const bool labels = std::any_of(s.criteria.begin(), s.criteria.end(),
                                        [](const auto& c) { return !c.label.empty(); });
        std::vector<std::string> head = {_("criterion"), _("kind"), _("rule")};
        if (labels) head.push_back(_("label"));
        cli::TextTable table(head);
        for (const auto& c : s.criteria) {
            std::vector<std::string> row = {c.id, std::string(st::kind_code(c.rule)),
                                            st::describe(c)};
            if (labels) row.push_back(c.label);
            table.add(row);
        }
        fmt::print("\n");
        table.print();
    }
    if (s.has_structure) {
        const auto& t = s.structure;
        fmt::print("\n{}\n", _("structure targets (share of the list, at least):"));
        cli::TextTable table({_("measure"), _("target")}, {Align::Left, Align::Right});
        table.add({st::measure_label("women", t.young_age), target(t.women_min)});
        table.add({st::measure_label("young", t.young_age), target(t.young_min)});
        table.add({st::measure_label("minority", t.young_age), target(t.minority_min)});
        table.add({st::measure_label("renewal", t.young_age), target(t.renewal_min)});
        table.print();
    }
}

void run_add(const cli::Common& common, const AddOptions& o) {
    auto ws = common.open();
    const auto r = st::add_set(ws, o.file, o.replace);
    if (r.shadows_shipped)
        cli::note(common, _("note: the added set hides the shipped set of the same name"));
    if (common.json)
        return cli::print_json({{"name", r.set.name},
                                {"file", r.path.string()},
                                {"replaced", r.replaced},
                                {"criteria", r.set.criteria.size()}});
    const auto n = r.set.criteria.size();
    const std::string in = where(r.path, st::Origin::Workspace);
    if (r.replaced)
        fmt::print("{}\n", r.set.has_structure
                               ? _fn("replaced {}: {} criterion and structure targets, in {}",
                                     "replaced {}: {} criteria and structure targets, in {}", n,
                                     r.set.name, n, in)
                               : _fn("replaced {}: {} criterion, in {}",
                                     "replaced {}: {} criteria, in {}", n, r.set.name, n, in));
    else
        fmt::print("{}\n", r.set.has_structure
                               ? _fn("added {}: {} criterion and structure targets, in {}",
                                     "added {}: {} criteria and structure targets, in {}", n,
                                     r.set.name, n, in)
                               : _fn("added {}: {} criterion, in {}",
                                     "added {}: {} criteria, in {}", n, r.set.name, n, in));
}

}  // namespace daihoi::tool
