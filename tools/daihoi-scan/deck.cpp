// `scan deck`: a test deck, the election's ballot as scanned pages with
// strokes of known truth.
#include "commands.hpp"

#include "core/scan/deck.hpp"
#include "core/scan/scan.hpp"

#include <fmt/ranges.h>

#include <map>
#include <ranges>

namespace daihoi::scan_tool {

namespace el = daihoi::election;
namespace sc = daihoi::scan;
using cli::Effect;

namespace {

struct DeckOptions {
    std::string id, dir;
    int dpi = 200;
    sc::DeckOptions deck;
};

void declare_deck(CLI::App& app, DeckOptions& o) {
    add_id(app, o.id);
    app.add_option("DIR", o.dir, _("the folder to write the deck into (new or empty)"))->required();
    app.add_option("--count", o.deck.count, _("pages (default 100)"))->type_name("N")->check(cli::in_range(1, 1000000));
    app.add_option("--seed", o.deck.seed, _("the seed of the random choices (default 1): the same seed, the same deck"))
        ->type_name("S");
    app.add_option("--dpi", o.dpi, _("the resolution of the pages (default 200)"))
        ->type_name("DPI")
        ->check(cli::in_range(100, 600));
    app.add_option("--faults", o.deck.faults, _("percent of pages with faults of paper and scanner (default 40)"))
        ->type_name("P")
        ->check(cli::in_range(0, 100));
    app.add_option("--odd", o.deck.odd, _("percent of odd ballots a person must decide (default 10)"))
        ->type_name("P")
        ->check(cli::in_range(0, 100));
    app.add_option("--blank", o.deck.blank, _("percent of blank backs (default 3)"))
        ->type_name("P")
        ->check(cli::in_range(0, 100));
    app.add_option("--scan", o.deck.scan,
                   _("the Nth scan of the same stack: the same ballots and strokes, the scanner's faults anew "
                     "(default 1)"))
        ->type_name("N")
        ->check(cli::in_range(1, 99));
}

void run_deck(const cli::Common& common, const DeckOptions& o) {
    if (o.deck.faults + o.deck.odd + o.deck.blank > 100)
        throw UsageError(_("--faults, --odd and --blank add up to more than 100 %"));
    auto ws = common.open();
    sc::DeckOptions d = o.deck;
    d.dpi = o.dpi;
    const auto e = el::require(ws.db(), o.id);
    if (e.form == el::Form::Cross) d.places = e.seats + e.reserves;
    const auto pages = sc::make_deck(sc::paper_of(ws.db(), o.id), o.dir, d);
    std::map<std::string, int> kinds;
    for (const auto& p : pages) ++kinds[p.kind];
    if (common.json) {
        nlohmann::ordered_json k = nlohmann::ordered_json::object();
        for (const auto& [kind, n] : kinds) k[kind] = n;
        cli::print_json({{"dir", o.dir}, {"pages", pages.size()}, {"kinds", k}, {"truth", o.dir + "/truth.csv"}});
        return;
    }
    fmt::print("{}\n", _f("{}: {} pages ({}), truth in {}/truth.csv", o.dir, pages.size(),
                          fmt::join(kinds | std::views::transform([](const auto& kv) {
                                        return fmt::format("{} {}", kv.second, kv.first);
                                    }),
                                    ", "),
                          o.dir));
}

}  // namespace

cli::Command deck_command() {
    return cli::command<DeckOptions>(
        {"deck"}, N_("a test deck: the ballot as scanned pages with strokes of known truth"),
        Effect::Reads, declare_deck, run_deck);
}

}  // namespace daihoi::scan_tool
