// daihoi-sample: writes a deterministic synthetic congress (SPEC §9) into a
// folder, for the demo, the tests and the benchmarks. A tool of one command;
// the rules are in core/sample.
#include "core/cli/cli.hpp"
#include "core/sample/sample.hpp"

#include <algorithm>
#include <cstdio>

using namespace daihoi;

namespace {

struct SampleOptions {
    std::string dir;
    // Signed, so that a negative count is refused rather than wrapped around.
    long long members = static_cast<long long>(sample::Options{}.members);
    long long units = static_cast<long long>(sample::Options{}.units);
    std::uint64_t seed = sample::Options{}.seed;
};

void declare(CLI::App& app, SampleOptions& o) {
    app.add_option("DIR", o.dir, _("the folder to write (created if missing)"))->required();
    app.add_option("--members", o.members, _("number of members"))
        ->type_name("N")
        ->capture_default_str();
    app.add_option("--units", o.units, _("number of subordinate party organizations"))
        ->type_name("N")
        ->capture_default_str();
    app.add_option("--seed", o.seed, _("seed: the same seed gives the same files"))
        ->type_name("N")
        ->check(cli::natural_number())
        ->capture_default_str();
}

void run(const cli::Common& common, const SampleOptions& o) {
    sample::Options opt;
    opt.members = static_cast<std::size_t>(std::max(o.members, 0LL));
    opt.units = static_cast<std::size_t>(std::max(o.units, 0LL));
    opt.seed = o.seed;
    const sample::Congress congress = sample::generate(opt);
    const auto files = sample::write(congress, o.dir);
    if (common.json) {
        cli::Json j;
        j["dir"] = o.dir;
        j["seed"] = opt.seed;
        j["files"] = cli::Json::object();
        for (const auto& f : files) j["files"][f.name] = f.rows;
        cli::print_json(j);
        std::fflush(stdout);  // before the notes on stderr, in a shared transcript
    }
    cli::note(common,
              _f("wrote a sample congress to {} (seed {}); rows per file:", o.dir, opt.seed));
    for (const auto& f : files) cli::note(common, "  {:<16} {:>9}", f.name, f.rows);
}

}  // namespace

int main(int argc, char** argv) {
    return cli::main({"sample",
                      {},
                      {cli::command<SampleOptions>(
                          {}, N_("write a deterministic synthetic congress as CSV files into DIR"),
                          cli::Effect::Reads, declare, run)},
                      {}},
                     argc, argv);
}
