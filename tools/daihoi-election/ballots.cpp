// Ballots from files, their correction and reconciliation, and the board's counts.
#include "commands.hpp"

namespace daihoi::election_tool {

namespace el = daihoi::election;
using cli::Effect;

namespace {

void add_pass(CLI::App& app, int& pass, const char* help) {
    app.add_option("--pass", pass, help)->type_name("N")->check(cli::in_range(1, el::kMaxPass));
}

struct ImportOptions {
    std::string id, file, station;
    int pass = 1;
    db::ImportFile how;
};

void declare_import(CLI::App& app, ImportOptions& o) {
    add_id(app, o.id);
    app.add_option("FILE", o.file, _("the file (.csv or .xlsx, '-' for standard input): serial,crossed|kept,flag"))
        ->required();
    add_pass(app, o.pass, _("the pass: 1 (default) or 2, the second entry of the same ballots"));
    app.add_option("--station", o.station, _("the entry desk, kept with each ballot"))->type_name("NAME");
    cli::declare_import_file(app, o.how);
}

void run_import(const cli::Common& common, const ImportOptions& o) {
    auto ws = common.open();
    cli::print_import(common, el::import_ballots(ws, o.id, o.file, {o.pass, o.station, common.progress(), o.how}));
}

struct RemoveOptions {
    std::string id, reason;
    std::int64_t serial = 0;
    int pass = 1;
};

void declare_remove(CLI::App& app, RemoveOptions& o) {
    add_id(app, o.id);
    app.add_option("SERIAL", o.serial, _("the ballot's number"))->required();
    add_pass(app, o.pass, _("the pass: 1 (default) or 2"));
    app.add_option("--reason", o.reason, _("why, kept in the audit trail"))->type_name("TEXT")->required();
}

void run_remove(const cli::Common& common, const RemoveOptions& o) {
    auto ws = common.open();
    el::delete_ballot(ws, o.id, o.pass, o.serial, o.reason);
    cli::note(common, _f("ballot {} removed from pass {} of {}", o.serial, o.pass, o.id));
}

struct IdOptions {
    std::string id;
};

cli::Json to_json(const std::optional<el::PassBallot>& b) {
    if (!b) return nullptr;
    return {{"kept", b->kept}, {"flag", b->flag}};
}

void run_reconcile(const cli::Common& common, const IdOptions& o) {
    auto ws = common.open();
    auto diffs = el::reconcile(ws.db(), o.id);
    auto n1 = el::count_ballots(ws.db(), o.id, 1), n2 = el::count_ballots(ws.db(), o.id, 2);
    if (common.json) {
        cli::Json j = cli::Json::array();
        for (const auto& d : diffs)
            j.push_back({{"serial", d.serial}, {"difference", d.kind}, {"pass1", to_json(d.pass1)},
                         {"pass2", to_json(d.pass2)}});
        cli::print_json({{"election", o.id}, {"pass1", n1}, {"pass2", n2}, {"identical", diffs.empty()},
                         {"differences", j}});
    } else {
        for (const auto& d : diffs) fmt::print("{}\n", _f("ballot {}: {}", d.serial, d.what));
        if (diffs.empty()) fmt::print("{}\n", _f("pass 1 ({} ballots) and pass 2 ({} ballots) are identical", n1, n2));
    }
    if (!diffs.empty())
        throw Refused(_fn("{} ballot differs between pass 1 and pass 2", "{} ballots differ between pass 1 and pass 2",
                          diffs.size(), diffs.size()));
}

struct CountOptions {
    std::string id;
    std::int64_t issued = 0, collected = 0;
    std::string session;
};

void declare_count(CLI::App& app, CountOptions& o) {
    add_id(app, o.id);
    app.add_option("--issued", o.issued, _("ballots issued (phát ra)"))
        ->type_name("N")
        ->required()
        ->check(cli::in_range(0, 1'000'000'000));
    app.add_option("--collected", o.collected, _("ballots collected (thu vào)"))
        ->type_name("N")
        ->required()
        ->check(cli::in_range(0, 1'000'000'000));
    app.add_option("--session", o.session,
                   _("the session whose check-in bounds the ballots issued (default: the latest check-in's)"))
        ->type_name("SESSION");
}

void run_count(const cli::Common& common, const CountOptions& o) {
    auto ws = common.open();
    auto r = el::record_counts(ws, o.id, o.issued, o.collected, o.session);
    for (const auto& w : r.warnings) cli::warn(w.message);
    if (common.json) {
        cli::Json codes = cli::Json::array();
        for (const auto& w : r.warnings) codes.push_back(w.code);
        cli::Json present = r.presence ? cli::Json{{"session", r.presence->session}, {"voting", r.presence->present}}
                                       : cli::Json(nullptr);
        return cli::print_json({{"election", o.id}, {"issued", o.issued}, {"collected", o.collected},
                                {"present", present}, {"warnings", codes}});
    }
    if (r.presence)
        cli::note(common, _f("election {}: {} issued, {} collected; {} delegates with a vote checked in at session {}",
                             o.id, o.issued, o.collected, r.presence->present, r.presence->session));
    else
        cli::note(common, _f("election {}: {} issued, {} collected", o.id, o.issued, o.collected));
}

}  // namespace

std::vector<cli::Command> ballot_commands() {
    return {
        cli::command<ImportOptions>({"ballots", "import"}, N_("read ballots from a file into a pass"), Effect::Changes,
                                    declare_import, run_import),
        cli::command<RemoveOptions>({"ballots", "remove"},
                                    N_("remove a mistyped ballot (then enter it again as 'N: …')"), Effect::Changes,
                                    declare_remove, run_remove),
        cli::command<IdOptions>({"ballots", "reconcile"}, N_("compare pass 1 with pass 2, ballot by ballot"),
                                Effect::Reads, [](CLI::App& app, IdOptions& o) { add_id(app, o.id); },
                                run_reconcile),
        cli::command<CountOptions>({"count"},
                                   N_("record the counting board's counts of ballots issued and collected"),
                                   Effect::Changes, declare_count, run_count),
    };
}

}  // namespace daihoi::election_tool
