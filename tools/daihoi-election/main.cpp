// daihoi-election — candidate lists, ballot entry, the count, close and seal.
#include "core/cli/legacy.hpp"
#include "core/cli/table.hpp"
#include "core/election/election.hpp"
#include "core/error.hpp"

#include <editline/readline.h>
#include <unistd.h>

#include <iostream>

using namespace daihoi;
namespace el = daihoi::election;

namespace {

void print_tally(const cli::Common& c, const el::Tally& t) {
    if (c.json) return cli::print_json(el::to_json(t));
    const auto& e = t.election;
    const auto& r = t.result;
    fmt::print("{} — {} (round {}, {})\n", e.id, e.title, e.round, el::code(e.phase));
    fmt::print("{} seats{}; base {} ({}), more than half is {} votes\n", e.seats,
               e.reserves ? fmt::format(" + {} reserves", e.reserves) : "", r.base,
               e.base_kind == el::BaseKind::Convened ? "delegates convened" : e.base_kind == el::BaseKind::Valid ? "valid ballots" : "fixed",
               r.needed);
    auto opt = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string("-"); };
    std::string reasons;
    for (const auto& [k, v] : r.invalid_by_reason) reasons += fmt::format("{}{} {}", reasons.empty() ? " (" : ", ", v, k);
    if (!reasons.empty()) reasons += ")";
    fmt::print("ballots: issued {}, collected {}, entered {}, valid {}, invalid {}{}\n", opt(e.issued), opt(e.collected),
               r.entered, r.valid, r.invalid, reasons);
    cli::TextTable tt({"rank", "pos", "code", "full name", "votes", "%", "result"},
                      {cli::TextTable::Align::Right, cli::TextTable::Align::Right, cli::TextTable::Align::Left,
                       cli::TextTable::Align::Left, cli::TextTable::Align::Right, cli::TextTable::Align::Right});
    for (const auto& x : r.candidates)
        tt.add({std::to_string(x.rank), std::to_string(x.position), x.code, x.name, std::to_string(x.votes),
                el::percent(x.votes, r.base), std::string(el::code(x.status))});
    tt.print();
    if (r.unfilled_seats || r.unfilled_reserves)
        fmt::print("unfilled: {} seats, {} reserves — the congress may hold a further round ('daihoi election next-round')\n",
                   r.unfilled_seats, r.unfilled_reserves);
}

// Interactive entry: one line per ballot, each committed at once.
void enter_loop(db::Workspace& ws, const std::string& id, int pass, const std::string& station, bool quiet) {
    el::Election e = el::require(ws.db(), id);
    if (e.phase != el::Phase::Open)
        throw Refused(fmt::format("cannot enter ballots: election {} is {}", id, el::code(e.phase)));
    int count = static_cast<int>(el::candidates(ws.db(), id).size());
    bool tty = isatty(STDIN_FILENO);
    if (tty && !quiet) {
        fmt::print("{} — {}: {} names, {} places. Pass {}{}.\n", id, e.title, count, e.seats + e.reserves, pass,
                   station.empty() ? "" : ", station " + station);
        fmt::print("Type the positions crossed out ('3 17'), '-' if none, '!reason' for an invalid ballot,\n"
                   "'N: …' to give the ballot's number, 'undo' to remove your last ballot, 'quit' to stop.\n");
    }
    std::int64_t before = el::count_ballots(ws.db(), id, pass);
    if (!quiet)
        fmt::print("pass {} has {} ballot(s) so far{}\n", pass, before,
                   before ? "; check the last one before typing on, in case an earlier session stopped mid-way" : "");
    std::vector<std::int64_t> mine;  // this terminal's ballots, for undo
    std::string prompt = fmt::format("{} pass {}> ", id, pass);
    for (;;) {
        std::string line;
        if (tty) {
            char* raw = readline(prompt.c_str());
            if (!raw) break;
            line = raw;
            if (!line.empty()) add_history(raw);
            std::free(raw);
        } else if (!std::getline(std::cin, line)) {
            break;
        }
        auto t = line.find_first_not_of(" \t\r");
        line = t == std::string::npos ? "" : line.substr(t, line.find_last_not_of(" \t\r") - t + 1);
        if (line.empty() || line[0] == '#') continue;
        if (line == "quit" || line == "q" || line == "exit") break;
        try {
            if (line == "undo") {
                if (mine.empty()) {
                    fmt::print("nothing to undo\n");
                    continue;
                }
                el::delete_ballot(ws, id, pass, mine.back());
                fmt::print("ballot {} removed\n", mine.back());
                mine.pop_back();
            } else {
                auto entry = el::parse_entry(line, count);
                std::int64_t serial = el::enter_ballot(ws, id, pass, station, entry);
                mine.push_back(serial);
                el::Ballot b{serial, entry.flag.empty() ? el::PositionSet::all_but(count, entry.crossed) : el::PositionSet(),
                             entry.flag};
                std::string why = el::invalid_reason(b, count, e.seats + e.reserves);
                int kept = b.kept.size();
                fmt::print("ballot {}: {}\n", serial,
                           why.empty() ? fmt::format("valid, {} name{} kept", kept, kept == 1 ? "" : "s")
                                       : fmt::format("invalid ({})", why));
            }
            auto tally = el::tally(ws.db(), id, pass);
            fmt::print("  totals pass {}: {} entered, {} valid, {} invalid\n", pass, tally.result.entered, tally.result.valid,
                       tally.result.invalid);
        } catch (const InputError& err) {
            for (const auto& d : err.diagnostics()) fmt::print("  refused: {}\n", d.message);
        } catch (const Error& err) {
            fmt::print("  refused: {}\n", err.what());
        }
        std::fflush(stdout);
    }
}

}  // namespace

int main(int argc, char** argv) {
    return cli::run("daihoi-election", "Candidate lists, ballot entry, the count, close and seal", argc, argv,
                    [](CLI::App& app, cli::Common& common) {
        static std::string id, new_id, title, body = "committee", base = "convened", file, source = "committee", reason, station, code;
        static int seats = 0, reserves = 0, pass = 1;
        static std::int64_t issued = -1, collected = -1;
        static std::vector<std::string> codes;

        auto* create = cli::subcommand(app, "create", "create an election");
        create->add_option("ID", id, "a short identifier, e.g. bch")->required();
        create->add_option("--title", title, "the title, e.g. \"Bầu Ban Chấp hành Đảng bộ khóa XV\"")->required();
        create->add_option("--seats", seats, "seats to fill")->required();
        create->add_option("--reserves", reserves, "reserve places (delegate elections)");
        create->add_option("--body", body, "committee|delegation|inspection|other");
        create->add_option("--base", base, "the majority base: convened (default), valid, or a number");
        create->callback([&] {
            auto ws = common.open();
            el::create(ws, {id, title, seats, reserves, body, base});
            cli::note(common, "created election {}", id);
        });

        auto* list = cli::subcommand(app, "list", "list the elections");
        list->callback([&] {
            auto ws = common.open();
            auto es = el::list(ws.db());
            if (common.json) {
                cli::Json j = cli::Json::array();
                for (const auto& e : es)
                    j.push_back({{"id", e.id}, {"title", e.title}, {"round", e.round}, {"status", el::code(e.phase)},
                                 {"seats", e.seats}, {"reserves", e.reserves}});
                return cli::print_json(j);
            }
            cli::TextTable t({"id", "title", "round", "seats", "reserves", "status"});
            for (const auto& e : es)
                t.add({e.id, e.title, std::to_string(e.round), std::to_string(e.seats), std::to_string(e.reserves),
                       std::string(el::code(e.phase))});
            t.print();
        });

        auto* cands = cli::subcommand(app, "candidates", "the candidate list: add, remove, import, list");
        cands->require_subcommand(1);
        auto* cadd = cli::subcommand(*cands, "add", "add candidates: add ID CODE…");
        cadd->add_option("ID", id, "election")->required();
        cadd->add_option("CODE", codes, "member codes")->required();
        cadd->add_option("--source", source, "committee|congress|self: who nominated them");
        cadd->callback([&] {
            auto ws = common.open();
            el::add_candidates(ws, id, codes, source);
            cli::note(common, "{} candidate(s) added to {}", codes.size(), id);
        });
        auto* crem = cli::subcommand(*cands, "remove", "withdraw a candidate (the congress's decision)");
        crem->add_option("ID", id, "election")->required();
        crem->add_option("CODE", code, "member code")->required();
        crem->add_option("--reason", reason, "the reason, kept in the audit trail")->required();
        crem->callback([&] {
            auto ws = common.open();
            el::remove_candidate(ws, id, code, reason);
            cli::note(common, "{} withdrawn from {}", code, id);
        });
        auto* cimp = cli::subcommand(*cands, "import", "import candidates: code[,source]");
        cimp->add_option("ID", id, "election")->required();
        cimp->add_option("FILE", file, "the file (.csv or .xlsx)")->required();
        cimp->callback([&] {
            auto ws = common.open();
            cli::print_import(common, el::import_candidates(ws, id, file));
        });
        auto* clist = cli::subcommand(*cands, "list", "the list, in ballot order once open");
        clist->add_option("ID", id, "election")->required();
        clist->callback([&] {
            auto ws = common.open();
            el::require(ws.db(), id);
            auto cs = el::candidates(ws.db(), id);
            if (common.json) {
                cli::Json j = cli::Json::array();
                for (const auto& c : cs)
                    j.push_back({{"position", c.position ? cli::Json(c.position) : cli::Json(nullptr)}, {"code", c.code},
                                 {"name", c.name}, {"source", c.source}, {"birth_date", c.member.birth_date.iso()}});
                return cli::print_json(j);
            }
            cli::TextTable t({"pos", "code", "full name", "born", "source"}, {cli::TextTable::Align::Right});
            for (const auto& c : cs)
                t.add({c.position ? std::to_string(c.position) : "", c.code, c.name, c.member.birth_date.vn(), c.source});
            t.print();
        });

        auto* open = cli::subcommand(app, "open", "freeze the list and assign ballot positions (Vietnamese name order)");
        open->add_option("ID", id, "election")->required();
        open->callback([&] {
            auto ws = common.open();
            auto r = el::open(ws, id);
            if (r.surplus_over_30)
                cli::warn(fmt::format("{} candidates for {} places: the surplus is over 30 % (the Party's rules allow at most 30 %)",
                                      r.candidates, r.places));
            if (common.json) return cli::print_json({{"election", id}, {"candidates", r.candidates}, {"places", r.places}, {"surplus_over_30", r.surplus_over_30}});
            fmt::print("election {} open: {} candidates for {} places, in ballot order:\n", id, r.candidates, r.places);
            for (const auto& c : el::candidates(ws.db(), id)) fmt::print("  {:>3}. {}\n", c.position, c.name);
        });

        auto* ballots = cli::subcommand(app, "ballots", "ballot entry: import, enter, reconcile");
        ballots->require_subcommand(1);
        auto* bimp = cli::subcommand(*ballots, "import", "import ballots: serial,crossed|kept,flag");
        bimp->add_option("ID", id, "election")->required();
        bimp->add_option("FILE", file, "the file (.csv)")->required();
        bimp->add_option("--pass", pass, "1 or 2 (double entry)")->check(CLI::Range(1, 2));
        bimp->add_option("--station", station, "the entry station, kept with each ballot");
        bimp->callback([&] {
            auto ws = common.open();
            cli::print_import(common, el::import_ballots(ws, id, file, {pass, station, common.progress()}));
        });
        auto* benter = cli::subcommand(*ballots, "enter", "type ballots at the terminal, one line each");
        benter->add_option("ID", id, "election")->required();
        benter->add_option("--pass", pass, "1 or 2 (double entry)")->check(CLI::Range(1, 2));
        benter->add_option("--station", station, "the entry station");
        benter->callback([&] {
            auto ws = common.open();
            enter_loop(ws, id, pass, station, common.quiet);
        });
        static std::int64_t serial = 0;
        auto* brem = cli::subcommand(*ballots, "remove", "remove a mistyped ballot (then enter it again as 'N: …')");
        brem->add_option("ID", id, "election")->required();
        brem->add_option("SERIAL", serial, "the ballot's number")->required();
        brem->add_option("--pass", pass, "1 or 2")->check(CLI::Range(1, 2));
        brem->add_option("--reason", reason, "why, kept in the audit trail")->required();
        brem->callback([&] {
            auto ws = common.open();
            el::delete_ballot(ws, id, pass, serial, reason);
            cli::note(common, "ballot {} removed from pass {} of {}", serial, pass, id);
        });

        auto* brec = cli::subcommand(*ballots, "reconcile", "compare pass 1 with pass 2, ballot by ballot");
        brec->add_option("ID", id, "election")->required();
        brec->callback([&] {
            auto ws = common.open();
            auto diffs = el::reconcile(ws.db(), id);
            auto n1 = el::count_ballots(ws.db(), id, 1), n2 = el::count_ballots(ws.db(), id, 2);
            if (common.json) {
                cli::Json j = cli::Json::array();
                for (const auto& d : diffs) j.push_back({{"serial", d.serial}, {"difference", d.what}});
                cli::print_json({{"election", id}, {"pass1", n1}, {"pass2", n2}, {"identical", diffs.empty()}, {"differences", j}});
            } else {
                for (const auto& d : diffs) fmt::print("ballot {}: {}\n", d.serial, d.what);
                if (diffs.empty()) fmt::print("pass 1 ({} ballots) and pass 2 ({} ballots) are identical\n", n1, n2);
            }
            if (!diffs.empty()) throw Refused(fmt::format("{} ballot(s) differ between pass 1 and pass 2", diffs.size()));
        });

        auto* count = cli::subcommand(app, "count", "record the counting board's counts of ballots issued and collected");
        count->add_option("ID", id, "election")->required();
        count->add_option("--issued", issued, "ballots issued (phát ra)")->required();
        count->add_option("--collected", collected, "ballots collected (thu vào)")->required();
        count->callback([&] {
            auto ws = common.open();
            el::record_counts(ws, id, issued, collected);
            if (collected > issued) cli::warn(fmt::format("{} collected but {} issued: the election cannot be closed so", collected, issued));
            try {
                auto t = el::tally(ws.db(), id, 1);
                if (t.election.base_kind != el::BaseKind::Valid && collected > t.result.base)
                    cli::warn(fmt::format("{} ballots collected, more than the base of {}: check the delegate list", collected, t.result.base));
            } catch (const Error&) {
            }
            cli::note(common, "election {}: {} issued, {} collected", id, issued, collected);
        });

        auto* tally = cli::subcommand(app, "tally", "compute and print the result now (changes nothing)");
        tally->add_option("ID", id, "election")->required();
        tally->add_option("--pass", pass, "count pass 1 (default) or 2")->check(CLI::Range(1, 2));
        tally->callback([&] {
            auto ws = common.open();
            print_tally(common, el::tally(ws.db(), id, pass));
        });

        auto* close = cli::subcommand(app, "close", "store the result (refused unless the counts reconcile)");
        close->add_option("ID", id, "election")->required();
        close->callback([&] {
            auto ws = common.open();
            print_tally(common, el::close(ws, id));
        });

        auto* seal = cli::subcommand(app, "seal", "make a closed election immutable; its hash enters the audit chain");
        seal->add_option("ID", id, "election")->required();
        seal->callback([&] {
            auto ws = common.open();
            auto hash = el::seal(ws, id);
            if (common.json) return cli::print_json({{"election", id}, {"record_hash", hash}});
            fmt::print("election {} sealed; record hash {}\n", id, hash);
        });

        auto* next = cli::subcommand(app, "next-round", "a further round for the unfilled seats: next-round ID --id NEW [CODE…]");
        next->add_option("ID", id, "the closed election")->required();
        next->add_option("--id", new_id, "the new round's identifier")->required();
        next->add_option("CODE", codes, "candidates named by the congress (default: the tied, else those not elected)");
        next->callback([&] {
            auto ws = common.open();
            auto why = el::next_round(ws, id, new_id, codes);
            auto e = el::require(ws.db(), new_id);
            if (common.json) return cli::print_json({{"election", new_id}, {"round", e.round}, {"seats", e.seats}, {"reserves", e.reserves}, {"candidates_from", why}});
            fmt::print("election {} (round {}): {} seats, {} reserves; candidates: {}\n", new_id, e.round, e.seats, e.reserves, why);
        });
    });
}
