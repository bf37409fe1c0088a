// daihoi-members — the registry of party members: import, list, show, add,
// edit, remove, and the evaluation and discipline records.
#include "commands.hpp"

using namespace daihoi;

int main(int argc, char** argv) {
    std::vector<cli::Command> commands = members_tool::read_commands();
    for (auto& c : members_tool::change_commands()) commands.push_back(std::move(c));
    return cli::main({"members",
                      {{{"evaluations"}, N_("the yearly quality grades of the members")},
                       {{"discipline"}, N_("the discipline records of the members")}},
                      std::move(commands),
                      {}},
                     argc, argv);
}
