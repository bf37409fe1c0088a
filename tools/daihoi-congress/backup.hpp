// The congress tool's backup and restore commands.
#pragma once

#include "core/cli/cli.hpp"

#include <vector>

namespace daihoi::congress_tool {

std::vector<cli::Command> backup_commands();

}  // namespace daihoi::congress_tool
