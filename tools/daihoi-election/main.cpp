// daihoi-election — candidate lists, ballot entry, the count, close and seal.
#include "commands.hpp"

using namespace daihoi;

int main(int argc, char** argv) {
    std::vector<cli::Command> commands;
    for (auto part : {election_tool::setup_commands(), election_tool::candidate_commands(),
                      election_tool::opening_commands(), election_tool::ballot_commands(),
                      election_tool::reconcile_commands(), std::vector<cli::Command>{election_tool::enter_command()},
                      election_tool::result_commands()})
        for (auto& c : part) commands.push_back(std::move(c));
    auto complete = [](const cli::Common& common, std::string_view metavar) -> std::vector<std::string> {
        if (metavar == "ID") return election::election_ids(common.db_path());
        return {};
    };
    return cli::main({"election",
                      {{{"candidates"}, N_("the candidate list: add, remove, import, list, from")},
                       {{"ballots"}, N_("ballot entry: import, enter, remove, list, reconcile")}},
                      std::move(commands),
                      complete},
                     argc, argv);
}
