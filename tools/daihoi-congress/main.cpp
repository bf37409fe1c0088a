// daihoi-congress — create the workspace, record the congress it serves, back it up.
#include "backup.hpp"
#include "core/cli/cli.hpp"
#include "core/registry/congress.hpp"
#include "core/text/utf8.hpp"

using namespace daihoi;
using cli::Effect;

namespace {

cli::Json to_json(const registry::Congress& c) {
    return {{"name", c.name},
            {"organization", c.organization},
            {"level", registry::code(c.level)},
            {"kind", registry::code(c.kind)},
            {"term", fmt::format("{}-{}", c.term_start, c.term_end)},
            {"date", c.date.iso()},
            {"place", c.place}};
}

struct InitOptions {
    std::string name, organization, level, kind, term, date, place;
};

void declare_init(CLI::App& app, InitOptions& o) {
    app.add_option("--name", o.name, _("full name of the congress"))->type_name("TEXT")->required();
    app.add_option("--organization", o.organization, _("the party organization holding it"))
        ->type_name("TEXT")
        ->required();
    app.add_option("--level", o.level, _f("its level: {}", registry::levels().accepted_list()))
        ->type_name("LEVEL")
        ->required();
    app.add_option("--kind", o.kind, _f("the kind of congress: {}", registry::congress_kinds().accepted_list()))
        ->type_name("KIND")
        ->required();
    app.add_option("--term", o.term, _("the term, e.g. 2025-2030"))->type_name("YYYY-YYYY")->required();
    app.add_option("--date", o.date, _("opening date (YYYY-MM-DD or DD/MM/YYYY)"))->type_name("DATE")->required();
    app.add_option("--place", o.place, _("place, printed in report headings"))->type_name("TEXT");
}

void run_init(const cli::Common& common, const InitOptions& o) {
    auto c = registry::apply_fields({}, {{"name", o.name},
                                         {"organization", o.organization},
                                         {"level", o.level},
                                         {"kind", o.kind},
                                         {"term", o.term},
                                         {"date", o.date},
                                         {"place", o.place}});
    std::string path = common.db_path();
    registry::init_congress(path, c);
    if (common.json) return cli::print_json({{"workspace", path}, {"congress", to_json(c)}});
    cli::note(common, _f("created workspace {} for {}", path, c.name));
}

struct NoOptions {};

// The settings, by code for scripts.
cli::Json settings_json(SQLite::Database& db) {
    return {{"motion_base", registry::motion_bases().code(registry::motion_base(db))},
            {"quorum", registry::quorum_rules().code(registry::quorum_rule(db))}};
}

void run_show(const cli::Common& common, const NoOptions&) {
    auto ws = common.open();
    auto c = registry::require_congress(ws.db());
    if (common.json) {
        auto j = to_json(c);
        j["settings"] = settings_json(ws.db());
        return cli::print_json(j);
    }
    const std::pair<std::string, std::string> rows[] = {
        {_("name:"), c.name},
        {_("organization:"), c.organization},
        {_("level:"), registry::levels().label(c.level)},
        {_("kind:"), registry::congress_kinds().label(c.kind)},
        {_("term:"), fmt::format("{}-{}", c.term_start, c.term_end)},
        {_("date:"), c.date.vn()},
        {_("place:"), c.place},
    };
    for (const auto& [label, value] : rows) fmt::print("{}{}\n", text::pad_right(label, 15), value);
    // The setting is shown in words with its code, the name `set` takes.
    fmt::print("{}{}\n", text::pad_right(_("show of hands:"), 15),
               _f("more than half of the {} ({})", registry::motion_bases().label(registry::motion_base(ws.db())),
                  registry::motion_bases().code(registry::motion_base(ws.db()))));
    auto quorum = registry::quorum_rule(ws.db());
    fmt::print("{}{}\n", text::pad_right(_("quorum:"), 15),
               fmt::format("{} ({})", registry::quorum_rules().label(quorum), registry::quorum_rules().code(quorum)));
}

struct SetOptions {
    std::string field, value;
};

void declare_set(CLI::App& app, SetOptions& o) {
    app.add_option("FIELD", o.field,
                   _f("the field: {}, or the setting {}", fmt::join(registry::congress_fields(), ", "),
                      fmt::join(registry::congress_settings(), ", ")))
        ->required();
    app.add_option("VALUE", o.value, _("its new value"))->required();
}

void run_set(const cli::Common& common, const SetOptions& o) {
    auto ws = common.open();
    auto c = registry::set_congress_field(ws, o.field, o.value);
    if (common.json) {
        auto j = to_json(c);
        j["settings"] = settings_json(ws.db());
        return cli::print_json(j);
    }
    cli::note(common, _f("congress {} set to '{}'", o.field, o.value));
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<cli::Command> commands = {
        cli::command<InitOptions>({"init"}, N_("create the workspace file and record the congress"), Effect::Changes,
                                  declare_init, run_init),
        cli::command<NoOptions>({"show"}, N_("print the congress record"), Effect::Reads,
                                [](CLI::App&, NoOptions&) {}, run_show),
        cli::command<SetOptions>({"set"}, N_("change one field of the congress record"), Effect::Changes, declare_set,
                                 run_set)};
    for (auto& c : congress_tool::backup_commands()) commands.push_back(std::move(c));
    return cli::main({"congress", {}, std::move(commands), {}}, argc, argv);
}
