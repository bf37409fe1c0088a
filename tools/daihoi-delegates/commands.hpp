// The commands of daihoi-delegates, by file: units and apportionment
// (units.cpp), the list of delegates (list.cpp), sessions, quorum and the
// credentials review (sessions.cpp); check-in at the doors by a code
// reader or by name (door.cpp).
#pragma once

#include "core/base/choice.hpp"
#include "core/cli/cli.hpp"

#include <vector>

namespace daihoi::delegates_tool {

std::vector<cli::Command> unit_commands();     // units import, units list, apportion
std::vector<cli::Command> list_commands();     // import, list, add, replace, disqualify, absent
std::vector<cli::Command> session_commands();  // checkin, checkout, attendance, quorum, credentials

// checkin --scan and --find: a code reader's lines or a name, answered one by one.
struct DoorOptions {
    std::string session;
    std::string station;
    bool scan = false;
    std::string find;
};
void declare_door(CLI::App& app, DoorOptions& o);
void run_door(const cli::Common& common, const DoorOptions& o);

}  // namespace daihoi::delegates_tool
