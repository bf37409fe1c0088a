// What every daihoi tool shares at its edge (SPEC §2): --db/--json/--quiet,
// CLI11 usage errors mapped to exit 2, `tool: error: …` messages, every bad
// input row listed, and the exit codes of daihoi::Exit.
#pragma once

#include "core/db/workspace.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace daihoi::cli {

using Json = nlohmann::ordered_json;

struct Common {
    std::optional<std::string> db;
    bool json = false;
    bool quiet = false;

    db::Workspace open() const { return db::Workspace::open(db::resolve_path(db)); }
};

// Builds the tool's CLI11 app with the common options, lets `setup` add the
// subcommands (each with a callback doing the work), parses and runs, and
// turns any exception into its message and exit code. Subcommands accept the
// common options after their own (CLI11 fallthrough).
int run(const std::string& tool, const std::string& description, int argc, char** argv,
        const std::function<void(CLI::App&, Common&)>& setup);

// Adds a subcommand that inherits the common options.
CLI::App* subcommand(CLI::App& parent, const std::string& name, const std::string& description);

// A note on stderr (silenced by --quiet).
template <class... Args>
void note(const Common& c, fmt::format_string<Args...> f, Args&&... args) {
    if (!c.quiet) fmt::print(stderr, "{}\n", fmt::format(f, std::forward<Args>(args)...));
}

// A warning on stderr: `tool: warning: …` (never silenced).
void warn(const std::string& message);

// One JSON document on stdout.
void print_json(const Json& j);

// The name of the running tool, e.g. "daihoi-members".
const std::string& tool_name();

}  // namespace daihoi::cli
