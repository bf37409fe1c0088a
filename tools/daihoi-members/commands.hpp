// The commands of daihoi-members, by file: what reads the registry
// (read.cpp) and what changes it (change.cpp).
#pragma once

#include "core/base/choice.hpp"
#include "core/cli/cli.hpp"

#include <vector>

namespace daihoi::members_tool {

std::vector<cli::Command> read_commands();    // list, show
std::vector<cli::Command> change_commands();  // import, add, edit, remove, evaluations import, discipline import

}  // namespace daihoi::members_tool
