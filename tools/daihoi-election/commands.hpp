// The commands of daihoi-election, declared by file: setup.cpp (the
// election, its counting board, open), candidates.cpp (its list), ballots.cpp
// (entry from files, correction, listing), reconcile.cpp (reconcile, count),
// enter.cpp (interactive entry), result.cpp (tally, close, seal, further
// rounds). main.cpp joins them in the order below, that of --help.
#pragma once

#include "core/base/choice.hpp"
#include "core/cli/cli.hpp"
#include "core/election/election.hpp"
#include "core/error.hpp"

#include <vector>

namespace daihoi::election_tool {

std::vector<cli::Command> setup_commands();      // create, list
std::vector<cli::Command> candidate_commands();  // candidates …
std::vector<cli::Command> opening_commands();    // board, open
std::vector<cli::Command> ballot_commands();     // ballots import, remove, list
std::vector<cli::Command> reconcile_commands();  // ballots reconcile, count
cli::Command enter_command();
std::vector<cli::Command> result_commands();

// The positional ID of an election, on every command that takes one.
inline void add_id(CLI::App& app, std::string& id, const char* help = nullptr) {
    app.add_option("ID", id, help ? help : _("the election's identifier"))->required();
}

}  // namespace daihoi::election_tool
