// The commands of daihoi-election, declared by file: setup.cpp (the
// election and its list), ballots.cpp (entry, reconcile, count), enter.cpp
// (interactive entry), result.cpp (tally, close, seal, further rounds).
#pragma once

#include "core/base/choice.hpp"
#include "core/cli/cli.hpp"
#include "core/election/election.hpp"
#include "core/error.hpp"

#include <vector>

namespace daihoi::election_tool {

std::vector<cli::Command> setup_commands();
std::vector<cli::Command> ballot_commands();
cli::Command enter_command();
std::vector<cli::Command> result_commands();

// The positional ID of an election, on every command that takes one.
inline void add_id(CLI::App& app, std::string& id, const char* help = nullptr) {
    app.add_option("ID", id, help ? help : _("the election's identifier"))->required();
}

}  // namespace daihoi::election_tool
