// The commands of daihoi-members, by file: what reads the registry
// (read.cpp) and what changes it (change.cpp).
#pragma once

#include "core/base/choice.hpp"
#include "core/cli/cli.hpp"

#include <vector>

namespace daihoi::members_tool {

std::vector<cli::Command> read_commands();    // list, show
std::vector<cli::Command> change_commands();  // import, add, edit, remove, evaluations import, discipline import

// An option whose value must name one of `choices` (its code or its words):
// otherwise the one "unknown value" message, listing the accepted values.
template <class E>
CLI::Validator choice_of(const Choices<E>& choices) {
    return CLI::Validator(
        [&choices](std::string& v) { return choices.parse(v) ? std::string() : choices.unknown(v); }, "");
}

}  // namespace daihoi::members_tool
