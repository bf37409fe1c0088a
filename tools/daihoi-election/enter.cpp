// Interactive entry: one line per ballot, each committed at once. The rules
// (the phase, the line's syntax, the verdict) are core's; this reads lines,
// keeps this terminal's ballots for undo, and prints.
#include "commands.hpp"

#include "core/cli/line_input.hpp"
#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace daihoi::election_tool {

namespace el = daihoi::election;

namespace {

struct EnterOptions {
    std::string id, station;
    int pass = 1;
};

void declare_enter(CLI::App& app, EnterOptions& o) {
    add_id(app, o.id);
    app.add_option("--pass", o.pass, _("the pass, 1 to 9 (default 1): each independent entry of the same ballots is a pass"))
        ->type_name("N")
        ->check(cli::in_range(1, el::kMaxPass));
    app.add_option("--station", o.station, _("the entry desk, kept with each ballot"))->type_name("NAME");
}

using cli::read_line;

std::string verdict_line(const el::Verdict& v) {
    if (v.valid() && v.form == el::Form::Agree)
        return _f("ballot {}: valid: {} agree, {} disagree, {} no vote", v.serial, v.kept, v.disagree, v.no_vote);
    if (v.valid()) return _fn("ballot {}: valid, {} name kept", "ballot {}: valid, {} names kept", v.kept, v.serial, v.kept);
    return _f("ballot {}: invalid ({})", v.serial, el::reason_label(v.reason));
}

// The messages of a refusal, one per line.
std::vector<std::string> messages(const Error& err) {
    std::vector<std::string> out;
    if (const auto* in = dynamic_cast<const InputError*>(&err))
        for (const auto& d : in->diagnostics()) out.push_back(d.message);
    if (out.empty()) out.push_back(err.what());
    return out;
}

void run_enter(const cli::Common& common, const EnterOptions& o) {
    auto ws = common.open();
    const el::EntrySession s = el::start_entry(ws.db(), o.id, o.pass);
    const bool tty = isatty(STDIN_FILENO);
    const el::Form form = s.election.form;
    // What a line means for this election's ballot paper, before the first line.
    if (!common.quiet) {
        fmt::print("{}\n", o.station.empty()
                               ? _f("{} — {}: {} names, {} places; ballot: {}. Pass {}.", o.id, s.election.title,
                                    s.candidates, s.places, el::forms().label(form), o.pass)
                               : _f("{} — {}: {} names, {} places; ballot: {}. Pass {}, station {}.", o.id,
                                    s.election.title, s.candidates, s.places, el::forms().label(form), o.pass,
                                    o.station));
        fmt::print("{}\n", el::entry_help(form));
    }
    if (!common.quiet)
        fmt::print("{}\n", s.entered == 0 ? _f("pass {} has no ballot yet", o.pass)
                                          : _fn("pass {} has {} ballot so far; check the last one before typing on, "
                                                "in case an earlier session stopped mid-way",
                                                "pass {} has {} ballots so far; check the last one before typing on, "
                                                "in case an earlier session stopped mid-way",
                                                s.entered, o.pass, s.entered));
    std::vector<std::int64_t> mine;  // this terminal's ballots, for undo
    const std::string prompt = _f("{} pass {}> ", o.id, o.pass);
    while (auto line = read_line(tty, prompt)) {
        if (line->empty() || line->front() == '#') continue;
        if (*line == "quit" || *line == "q" || *line == "exit") break;
        if (*line == "help" || *line == "?") {
            fmt::print("{}\n", el::entry_help(form));
            continue;
        }
        const bool undo = *line == "undo";
        try {
            if (undo) {
                if (mine.empty()) {
                    fmt::print("{}\n", _("nothing to undo"));
                    continue;
                }
                el::delete_ballot(ws, o.id, o.pass, mine.back(), "", o.station);
                fmt::print("{}\n", _f("ballot {} removed", mine.back()));
                mine.pop_back();
            } else {
                el::EntryLine entry;
                try {
                    entry = el::parse_entry(*line, s.candidates, form);
                } catch (const InputError& err) {
                    for (const auto& m : messages(err)) fmt::print("  {}\n", _f("not entered: {}", m));
                    fmt::print("  {}\n", _("type the ballot again ('help' shows how)"));
                    std::fflush(stdout);
                    continue;
                }
                auto verdict = el::enter_ballot(ws, o.id, o.pass, o.station, entry);
                mine.push_back(verdict.serial);
                fmt::print("{}\n", verdict_line(verdict));
            }
            auto t = el::pass_totals(ws.db(), o.id, o.pass);
            fmt::print("  {}\n", _f("totals pass {}: {} entered, {} valid, {} invalid", o.pass, t.entered, t.valid,
                                    t.invalid));
        } catch (const Error& err) {
            for (const auto& m : messages(err))
                fmt::print("  {}\n", undo ? _f("not removed: {}", m) : _f("not entered: {}", m));
        }
        std::fflush(stdout);
    }
}

}  // namespace

cli::Command enter_command() {
    return cli::command<EnterOptions>({"ballots", "enter"}, N_("type ballots at the terminal, one line each"),
                                      cli::Effect::Changes, declare_enter, run_enter);
}

}  // namespace daihoi::election_tool
