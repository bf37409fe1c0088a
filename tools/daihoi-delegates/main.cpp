// daihoi-delegates — units and apportionment, the list of delegates convened,
// replacements, attendance, quorum and the majority base, credentials.
#include "commands.hpp"

#include "core/delegates/delegates.hpp"

using namespace daihoi;

namespace {

// The delegate codes of the workspace for CODE, OLD and NEW (read only:
// completing never creates or migrates a workspace).
std::vector<std::string> complete(const cli::Common& common, std::string_view metavar) {
    if (metavar == "CODE" || metavar == "OLD" || metavar == "NEW") return delegates::delegate_codes(common.db_path());
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<cli::Command> commands = delegates_tool::unit_commands();
    for (auto* more : {&delegates_tool::list_commands, &delegates_tool::session_commands})
        for (auto& c : (*more)()) commands.push_back(std::move(c));
    return cli::main({"delegates", {{{"units"}, N_("the subordinate organizations: import, list")}}, std::move(commands),
                      complete},
                     argc, argv);
}
