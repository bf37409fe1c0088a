// The schema, as the ordered list of migrations: migration i brings a
// workspace from user_version i to i + 1. Never edit a released migration;
// append a new one.
#pragma once

#include <string_view>
#include <vector>

namespace daihoi::db {

const std::vector<std::string_view>& migrations();

}  // namespace daihoi::db
