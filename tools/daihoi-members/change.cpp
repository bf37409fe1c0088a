// daihoi-members import, add, edit, remove, evaluations import, discipline
// import: every change to the registry, each one transaction in core.
#include "commands.hpp"

#include "core/registry/members.hpp"

#include <fmt/ranges.h>

#include <algorithm>
#include <map>

namespace daihoi::members_tool {

namespace {

using cli::Effect;

struct ImportOptions {
    std::string file;
    db::ImportFile how;
};

void declare_import(CLI::App& app, ImportOptions& o) {
    app.add_option("FILE", o.file, _("the file (.csv or .xlsx)"))->required();
    cli::declare_import_file(app, o.how);
}

// One run function per import: members, evaluations, discipline.
using ImportFn = db::ImportSummary (*)(db::Workspace&, const std::string&, const registry::ImportOptions&);
template <ImportFn import>
void run_import(const cli::Common& common, const ImportOptions& o) {
    auto ws = common.open();
    cli::print_import(common, import(ws, o.file, {o.how, common.progress()}));
}

// --code, --full-name, … one option per member column, as in an import file.
struct FieldOptions {
    std::string code;  // edit's CODE
    std::map<std::string, std::string> values;
};

struct Field {
    const char* column;
    const char* metavar;
    const char* help;  // N_(); for a value set, a pattern taking the accepted values
};
constexpr Field kFields[] = {
    {"code", "CODE", N_("the member's code, e.g. the party card number")},
    {"full_name", "TEXT", N_("full name, family name first")},
    {"gender", "GENDER", N_("gender: {}")},
    {"birth_date", "DATE", N_("date of birth (DD/MM/YYYY or YYYY-MM-DD), or the year alone (YYYY)")},
    {"ethnicity", "TEXT", N_("ethnicity (default Kinh)")},
    {"religion", "TEXT", N_("religion")},
    {"party_join_date", "DATE", N_("date admitted to the party")},
    {"official_date", "DATE", N_("date of becoming a full member; empty: probationary")},
    {"education", "TEXT", N_("general education, e.g. 12/12")},
    {"degree", "DEGREE", N_("degree: {}")},
    {"theory", "THEORY", N_("political theory: {}")},
    {"position", "TEXT", N_("current position")},
    {"unit", "UNIT", N_("code of the subordinate party organization")},
    {"incumbent", "1|0", N_("1 if on the outgoing committee, else 0")},
};

// A value-set option: any value of the set, or (where the field is optional) empty.
template <class E>
void values_of(CLI::Option* opt, const Field& f, const Choices<E>& choices, bool may_be_empty) {
    opt->description(_f(f.help, choices.accepted_list()));
    opt->check(CLI::Validator(
        [&choices, may_be_empty](std::string& v) {
            return (v.empty() && may_be_empty) || choices.parse(v) ? std::string() : choices.unknown(v);
        },
        ""));
}

void add_field_options(CLI::App& app, FieldOptions& o, bool with_code) {
    for (const auto& f : kFields) {
        std::string col = f.column;
        if (col == "code" && !with_code) continue;
        std::string flag = "--" + col;
        std::replace(flag.begin(), flag.end(), '_', '-');
        auto* opt = app.add_option_function<std::string>(
            flag, [&o, col](const std::string& v) { o.values[col] = v; }, _(f.help));
        opt->type_name(f.metavar);
        if (col == "gender") values_of(opt, f, registry::genders(), false);
        if (col == "degree") values_of(opt, f, registry::degrees(), true);
        if (col == "theory") values_of(opt, f, registry::theories(), true);
        if (with_code && (col == "code" || col == "full_name" || col == "gender" || col == "birth_date"))
            opt->required();
    }
}

registry::FieldValues fields_of(const FieldOptions& o) { return {o.values.begin(), o.values.end()}; }

void run_add(const cli::Common& common, const FieldOptions& o) {
    auto ws = common.open();
    registry::add_member(ws, fields_of(o));
    cli::note(common, _f("added {}", o.values.at("code")));
}

void declare_edit(CLI::App& app, FieldOptions& o) {
    app.add_option("CODE", o.code, _("the member's code"))->required();
    add_field_options(app, o, false);
}

void run_edit(const cli::Common& common, const FieldOptions& o) {
    auto ws = common.open();
    registry::edit_member(ws, o.code, fields_of(o));
    cli::note(common, _f("edited {}", o.code));
}

struct RemoveOptions {
    std::vector<std::string> codes;
};

void run_remove(const cli::Common& common, const RemoveOptions& o) {
    auto ws = common.open();
    const auto removed = registry::remove_members(ws, o.codes);
    if (common.json) return cli::print_json(cli::Json{{"removed", removed}});
    cli::note(common, _f("removed {}", fmt::format("{}", fmt::join(removed, ", "))));
}

}  // namespace

std::vector<cli::Command> change_commands() {
    return {
        cli::backed_up(cli::command<ImportOptions>({"import"}, N_("import members from .csv or .xlsx (upsert by code, all or nothing)"),
                                    Effect::Changes, declare_import, run_import<registry::import_members>)),
        cli::command<FieldOptions>({"add"}, N_("add one member (--code, --full-name, --gender, --birth-date required)"),
                                   Effect::Changes,
                                   [](CLI::App& app, FieldOptions& o) { add_field_options(app, o, true); }, run_add),
        cli::command<FieldOptions>({"edit"}, N_("change fields of one member: edit CODE --FIELD VALUE…"),
                                   Effect::Changes, declare_edit, run_edit),
        cli::command<RemoveOptions>({"remove"},
                                    N_("remove members, all or none (refused while a delegate or a candidate)"),
                                    Effect::Changes,
                                    [](CLI::App& app, RemoveOptions& o) {
                                        app.add_option("CODE", o.codes, _("the codes of the members to remove"))->required();
                                    },
                                    run_remove),
        cli::backed_up(cli::command<ImportOptions>({"evaluations", "import"}, N_("import yearly grades: code, year, grade"),
                                    Effect::Changes, declare_import, run_import<registry::import_evaluations>)),
        cli::backed_up(cli::command<ImportOptions>({"discipline", "import"}, N_("import discipline records: code, date, form, until"),
                                    Effect::Changes, declare_import, run_import<registry::import_discipline>)),
    };
}

}  // namespace daihoi::members_tool
