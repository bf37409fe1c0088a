// The former way of building a tool (one CLI11 setup function with static
// option storage). Kept only while the tools move to cli::Tool; removed
// when the last one has.
#pragma once

#include "core/cli/cli.hpp"

namespace daihoi::cli {

int run(const std::string& tool, const std::string& description, int argc, char** argv,
        const std::function<void(CLI::App&, Common&)>& setup);
CLI::App* subcommand(CLI::App& parent, const std::string& name, const std::string& description);

}  // namespace daihoi::cli
