// daihoi-sample: writes a deterministic synthetic congress (SPEC §9) into a
// folder, for the demo, the tests and the benchmarks. The rules are in core/sample.
#include "core/cli/legacy.hpp"
#include "core/error.hpp"
#include "core/sample/sample.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>

using namespace daihoi;

namespace {

const char* const kTool = "daihoi-sample";

int error(const std::string& message, Exit code) {
    fmt::print(stderr, "{}: error: {}\n", kTool, message);
    if (code == Exit::Usage) fmt::print(stderr, "Run '{} --help' for usage.\n", kTool);
    return static_cast<int>(code);
}

}  // namespace

int main(int argc, char** argv) {
    // A single command: no subcommand, so not cli::run, but its conventions
    // (usage errors exit 2, `daihoi-sample: error: …`, --json, --quiet).
    CLI::App app(
        "Write a deterministic synthetic congress (members, units, evaluations, discipline, "
        "delegates, elections, candidates, ballots) "
        "as CSV files into DIR.",
        kTool);
    std::string dir;
    sample::Options opt;
    cli::Common common;
    app.set_version_flag("--version", std::string(kTool) + " " DAIHOI_VERSION);
    app.add_option("DIR", dir, "folder to write (created if missing)")->required();
    // Signed, so that a negative count is refused rather than wrapped around.
    long long members = static_cast<long long>(opt.members),
              units = static_cast<long long>(opt.units);
    app.add_option("--members", members, "number of members")->capture_default_str();
    app.add_option("--units", units, "number of subordinate party organizations")
        ->capture_default_str();
    app.add_option("--seed", opt.seed, "seed: the same seed gives the same files")
        ->capture_default_str();
    app.add_flag("--json", common.json, "print one JSON document on stdout");
    app.add_flag("-q,--quiet", common.quiet, "no notes on stderr");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return error(e.what(), Exit::Usage);
    }

    try {
        opt.members = static_cast<std::size_t>(std::max(members, 0LL));
        opt.units = static_cast<std::size_t>(std::max(units, 0LL));
        const sample::Congress congress = sample::generate(opt);
        const auto files = sample::write(congress, dir);
        if (common.json) {
            cli::Json j;
            j["dir"] = dir;
            j["seed"] = opt.seed;
            j["files"] = cli::Json::object();
            for (const auto& f : files) j["files"][f.name] = f.rows;
            cli::print_json(j);
            std::fflush(stdout);  // before the notes on stderr, in a shared transcript
        }
        cli::note(common, "wrote a sample congress to {} (seed {}); rows per file:", dir, opt.seed);
        for (const auto& f : files) cli::note(common, "  {:<16} {:>9}", f.name, f.rows);
        return 0;
    } catch (const Error& e) {
        return error(e.what(), e.code());
    } catch (const std::exception& e) {
        return error(e.what(), Exit::Refused);
    }
}
