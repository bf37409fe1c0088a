// daihoi-scan — counting by scanner: the ballots daihoi prints, read back.
#include "commands.hpp"

using namespace daihoi;

int main(int argc, char** argv) {
    std::vector<cli::Command> commands = scan_tool::read_commands();
    commands.push_back(scan_tool::show_command());
    commands.push_back(scan_tool::deck_command());
    commands.push_back(scan_tool::review_command());
    auto complete = [](const cli::Common& common, std::string_view metavar) -> std::vector<std::string> {
        if (metavar == "ID") return election::election_ids(common.db_path());
        return {};
    };
    return cli::main({"scan", {}, std::move(commands), complete}, argc, argv);
}
