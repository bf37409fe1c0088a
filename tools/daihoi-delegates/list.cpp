// daihoi-delegates import, list, add, replace, disqualify, absent: the list
// of delegates convened and what becomes of each.
#include "commands.hpp"

#include "core/cli/table.hpp"
#include "core/delegates/delegates.hpp"

namespace daihoi::delegates_tool {

namespace {

namespace dl = delegates;
using cli::Effect;

struct ImportOptions {
    std::string file;
    db::ImportFile how;
};

void declare_import(CLI::App& app, ImportOptions& o) {
    app.add_option("FILE", o.file, _("the file (.csv or .xlsx)"))->required();
    cli::declare_import_file(app, o.how);
}

void run_import(const cli::Common& common, const ImportOptions& o) {
    auto ws = common.open();
    cli::print_import(common, dl::import_delegates(ws, o.file, {o.how, common.progress()}));
}

// The status as people read it, with the replacement when there is one.
std::string status_text(const dl::Delegate& d) {
    std::string status = dl::statuses().label(d.status);
    if (!d.replaced_by.empty()) return _f("{}, replaced by {}", status, d.replaced_by);
    if (!d.replaces.empty()) return _f("{}, replaces {}", status, d.replaces);
    return status;
}

struct NoOptions {};

void run_list(const cli::Common& common, const NoOptions&) {
    auto ws = common.open();
    auto list = dl::list_delegates(ws.db());
    if (common.json) {
        cli::Json j = cli::Json::array();
        for (const auto& d : list) j.push_back(dl::to_json(d));
        return cli::print_json(j);
    }
    cli::TextTable t({"#", _("code"), _("full name"), _("kind"), _("unit"), _("vote"), _("status")},
                     {cli::TextTable::Align::Right});
    for (const auto& d : list)
        t.add({std::to_string(t.rows() + 1), d.code, d.member.full_name, dl::kinds().label(d.kind), d.unit,
               i18n::yes_no(d.votes()), status_text(d)});
    t.print();
}

struct AddOptions {
    std::string code, kind, unit;
};

void declare_add(CLI::App& app, AddOptions& o) {
    app.add_option("MEMBER", o.code, _("the member's code in the registry"))->required();
    app.add_option("--kind", o.kind, _f("the kind of delegate: {}", dl::kinds().accepted_list()))
        ->type_name("KIND")
        ->required()
        ->check(cli::one_of(dl::kinds()));
    app.add_option("--unit", o.unit, _("the unit the delegate comes from (its code)"))->type_name("UNIT");
}

void run_add(const cli::Common& common, const AddOptions& o) {
    auto ws = common.open();
    dl::add_delegate(ws, o.code, *dl::kinds().parse(o.kind), o.unit);
    cli::note(common, _f("added {}", o.code));
}

struct ReplaceOptions {
    std::string old_code, reserve, reason;
};

void declare_replace(CLI::App& app, ReplaceOptions& o) {
    app.add_option("OLD", o.old_code, _("the official delegate whose place is taken"))->required();
    app.add_option("NEW", o.reserve, _("the reserve delegate who takes it"))->required();
    app.add_option("--reason", o.reason, _("why (required unless OLD is already absent or disqualified)"))
        ->type_name("TEXT");
}

void run_replace(const cli::Common& common, const ReplaceOptions& o) {
    auto ws = common.open();
    dl::replace_delegate(ws, o.old_code, o.reserve, o.reason);
    cli::note(common, _f("{} replaces {}", o.reserve, o.old_code));
}

struct MarkOptions {
    std::string code, reason;
    bool whole = false;
};

void declare_disqualify(CLI::App& app, MarkOptions& o) {
    app.add_option("CODE", o.code, _("the delegate"))->required();
    app.add_option("--reason", o.reason, _("why the credentials are not accepted"))->type_name("TEXT")->required();
}

void run_disqualify(const cli::Common& common, const MarkOptions& o) {
    auto ws = common.open();
    dl::disqualify(ws, o.code, o.reason);
    cli::note(common, _f("{} disqualified", o.code));
}

void declare_absent(CLI::App& app, MarkOptions& o) {
    app.add_option("CODE", o.code, _("the delegate"))->required();
    app.add_flag("--whole-congress", o.whole, _("absent for the whole congress (changes the majority base)"));
    app.add_option("--reason", o.reason, _("why"))->type_name("TEXT")->required();
}

void run_absent(const cli::Common& common, const MarkOptions& o) {
    auto ws = common.open();
    dl::mark_absent(ws, o.code, o.whole, o.reason);
    cli::note(common, o.whole ? _f("{} absent for the whole congress", o.code) : _f("{} absent", o.code));
}

}  // namespace

std::vector<cli::Command> list_commands() {
    return {
        cli::backed_up(cli::command<ImportOptions>({"import"}, N_("import the delegates convened: code, kind[, unit][, voting]"),
                                    Effect::Changes, declare_import, run_import)),
        cli::command<NoOptions>({"list"}, N_("list the delegates by unit, in Vietnamese name order"), Effect::Reads,
                                [](CLI::App&, NoOptions&) {}, run_list),
        cli::command<AddOptions>({"add"}, N_("add one delegate"), Effect::Changes, declare_add, run_add),
        cli::command<ReplaceOptions>({"replace"}, N_("a reserve takes an official delegate's place"),
                                     Effect::Changes, declare_replace, run_replace),
        cli::command<MarkOptions>({"disqualify"}, N_("the credentials board does not accept a delegate"),
                                  Effect::Changes, declare_disqualify, run_disqualify),
        cli::command<MarkOptions>({"absent"}, N_("record a delegate's absence"), Effect::Changes, declare_absent,
                                  run_absent),
    };
}

}  // namespace daihoi::delegates_tool
