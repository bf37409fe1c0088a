// The commands of daihoi-scan, declared by file: read.cpp (reading a stack,
// the pages kept), show.cpp (a page shown), deck.cpp (the test deck),
// review.cpp (a person deciding the held pages at the terminal), in the order
// main.cpp gives them (that of --help). The rules are core/scan's and
// core/election's; these parse and print.
#pragma once

#include "core/cli/cli.hpp"
#include "core/election/election.hpp"
#include "core/error.hpp"

#include <vector>

namespace daihoi::scan_tool {

std::vector<cli::Command> read_commands();  // ballots, pages
cli::Command show_command();
cli::Command deck_command();
cli::Command review_command();

inline void add_id(CLI::App& app, std::string& id) {
    app.add_option("ID", id, _("the election's identifier"))->required();
}
// What became of a page, for people: accepted, held, rejected (the code is
// what --json gives).
inline std::string status_label(const std::string& status) {
    if (status == "accepted") return _("accepted");
    if (status == "held") return _("held");
    if (status == "rejected") return _("rejected");
    return status;
}

inline void add_pass(CLI::App& app, int& pass, const char* help) {
    app.add_option("--pass", pass, help)->type_name("N")->check(cli::in_range(1, election::kMaxPass));
}

}  // namespace daihoi::scan_tool
