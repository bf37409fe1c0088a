// The commands of daihoi-delegates, by file: units and apportionment
// (units.cpp), the list of delegates (list.cpp), sessions, quorum and the
// credentials review (sessions.cpp).
#pragma once

#include "core/base/choice.hpp"
#include "core/cli/cli.hpp"

#include <vector>

namespace daihoi::delegates_tool {

std::vector<cli::Command> unit_commands();     // units import, units list, apportion
std::vector<cli::Command> list_commands();     // import, list, add, replace, disqualify, absent
std::vector<cli::Command> session_commands();  // checkin, checkout, attendance, quorum, credentials

}  // namespace daihoi::delegates_tool
