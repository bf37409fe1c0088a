// daihoi-standards — candidate standards (tiêu chuẩn) and structure targets
// (cơ cấu): list, show and add standard sets, check people, measure a list.
#include "core/standards/standard_set.hpp"
#include "tools/daihoi-standards/standards.hpp"

#include "core/election/election.hpp"

#include <algorithm>

using namespace daihoi;
using namespace daihoi::tool;
using cli::Effect;

namespace {

const char* kName = N_("the set's name, or a path to a .toml file");

void declare_show(CLI::App& app, ShowOptions& o) {
    app.add_option("NAME", o.name, _(kName))->required();
}

void declare_add(CLI::App& app, AddOptions& o) {
    app.add_option("FILE", o.file, _("the set (.toml)"))->required();
    app.add_flag("--replace", o.replace, _("replace a set of the same name added before"));
}

void declare_check(CLI::App& app, CheckOptions& o) {
    app.add_option("NAME", o.name, _(kName))->required();
    app.add_option("CODE", o.codes, _("members to check"));
    app.add_option("--election", o.election, _("check an election's candidates"))->type_name("ID");
    app.add_flag("--all", o.all, _("check every member of the registry"));
    app.add_option(
           "--as-of", o.as_of,
           _("the date ages and years are counted to (default: the set's, else the congress date)"))
        ->type_name("DATE");
    app.add_option("--flags", o.flags,
                   _("flags file for 'flag' criteria: code, then one column per flag"))
        ->type_name("FILE");
    app.add_flag("--strict", o.strict, _("exit 1 when anyone does not pass"));
}

void declare_structure(CLI::App& app, StructureOptions& o) {
    app.add_option("NAME", o.name, _(kName))->required();
    app.add_option("--election", o.election, _("the election"))->type_name("ID")->required();
    app.add_flag("--elected", o.elected, _("only those elected (the election must be closed)"));
    app.add_option("--as-of", o.as_of,
                   _("the date ages are counted to (default: the set's, else the congress date)"))
        ->type_name("DATE");
}

// Election IDs from the workspace, read only (completion never creates or
// migrates a workspace), and the names of the standard sets.
std::vector<std::string> complete(const cli::Common& common, std::string_view metavar) {
    std::vector<std::string> out;
    if (metavar == "ID") {
        out = election::election_ids(common.db_path());
    } else if (metavar == "NAME") {
        out = standards::usable_set_names(common.db_path());
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    return cli::main(
        {"standards",
         {},
         {cli::command<NoOptions>(
              {"list"}, N_("the standard sets: added to this workspace, then shipped"),
              Effect::Reads, [](CLI::App&, NoOptions&) {}, run_list),
          cli::command<ShowOptions>({"show"}, N_("a set's criteria and structure targets"),
                                    Effect::Reads, declare_show, run_show),
          cli::command<AddOptions>({"add"}, N_("validate a set and add it to this workspace"),
                                   Effect::Changes, declare_add, run_add),
          cli::command<CheckOptions>(
              {"check"}, N_("check people against a set: pass, fail or unknown per criterion"),
              Effect::Reads, declare_check, run_check),
          cli::command<StructureOptions>(
              {"structure"}, N_("structure of an election's list against a set's targets"),
              Effect::Reads, declare_structure, run_structure)},
         complete},
        argc, argv);
}
