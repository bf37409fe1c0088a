// Checking the ballots before the close: every pass reconciled with pass 1,
// and the counting board's counts of ballots issued and collected.
#include "commands.hpp"

namespace daihoi::election_tool {

namespace el = daihoi::election;
using cli::Effect;

namespace {

struct IdOptions {
    std::string id;
};

// As `ballots list` names the marks: kept, or on an agree ballot agree and disagree.
cli::Json to_json(const std::optional<el::PassBallot>& b, el::Form form) {
    if (!b) return nullptr;
    cli::Json j;
    if (form == el::Form::Agree) j["agree"] = b->kept, j["disagree"] = b->disagree;
    else j["kept"] = b->kept;
    j["flag"] = b->flag.empty() ? cli::Json(nullptr) : cli::Json(b->flag);
    return j;
}

// A pass's agreement with pass 1, one line for people.
std::string pass_verdict(const el::Reconciliation& r, int pass) {
    const auto n = r.ballots.at(pass), n1 = r.ballots.at(1);
    const auto differ = r.of_pass(pass).size();
    if (differ == 0)
        return _fn("pass {} ({} ballot) agrees with pass 1 ({}), ballot by ballot",
                   "pass {} ({} ballots) agrees with pass 1 ({}), ballot by ballot", n, pass, n, n1);
    if (r.agrees(pass))
        return _fn("pass {} ({} ballot) agrees with pass 1 as a collection of ballots: a scanner numbers the pages in "
                   "the order it reads them",
                   "pass {} ({} ballots) agrees with pass 1 as a collection of ballots: a scanner numbers the pages in "
                   "the order it reads them",
                   n, pass, n);
    return r.as_collections.at(pass)
               ? _fn("pass {} ({} ballots): {} ballot differs from pass 1 by number, but the two passes hold the same "
                     "ballots in another order: check how the stack was numbered",
                     "pass {} ({} ballots): {} ballots differ from pass 1 by number, but the two passes hold the same "
                     "ballots in another order: check how the stack was numbered",
                     differ, pass, n, differ)
               : _fn("pass {} ({} ballots): {} ballot differs from pass 1 ({} ballots); the passes differ as "
                     "collections of ballots too",
                     "pass {} ({} ballots): {} ballots differ from pass 1 ({} ballots); the passes differ as "
                     "collections of ballots too",
                     differ, pass, n, differ, n1);
}

void run_reconcile(const cli::Common& common, const IdOptions& o) {
    auto ws = common.open();
    const auto r = el::reconcile(ws.db(), o.id);
    if (common.json) {
        cli::Json passes = cli::Json::array(), ballots = cli::Json::object(), diffs = cli::Json::array(),
                  collections = cli::Json::object();
        for (int p : r.passes) {
            passes.push_back(p);
            ballots[std::to_string(p)] = r.ballots.at(p);
            if (p != 1) collections[std::to_string(p)] = r.as_collections.at(p);
        }
        for (const auto& d : r.differences)
            diffs.push_back({{"pass", d.pass}, {"serial", d.serial}, {"kind", d.kind},
                             {"in_pass1", to_json(d.in_pass1, r.form)}, {"in_pass", to_json(d.in_pass, r.form)}});
        cli::Json scanned = cli::Json::object();
        for (int p : r.passes) scanned[std::to_string(p)] = r.scanned.count(p) && r.scanned.at(p);
        cli::print_json({{"election", o.id}, {"passes", passes}, {"ballots", ballots}, {"agree", r.agree()},
                         {"differences", diffs}, {"as_collections", collections}, {"scanned", scanned}});
    } else {
        for (const auto& d : r.differences)
            if (!r.agrees(d.pass)) fmt::print("{}\n", _f("pass {}, ballot {}: {}", d.pass, d.serial, d.what));
        if (r.passes.size() == 1)
            fmt::print("{}\n", _fn("only pass 1 is entered ({} ballot): there is no other pass to compare it with",
                                   "only pass 1 is entered ({} ballots): there is no other pass to compare it with",
                                   r.ballots.at(1), r.ballots.at(1)));
        for (int p : r.passes)
            if (p != 1) fmt::print("{}\n", pass_verdict(r, p));
    }
    std::size_t differing = 0;
    for (const auto& d : r.differences) differing += !r.agrees(d.pass);
    if (!r.agree())
        throw Refused(_fn("{} ballot differs from pass 1; correct it ('ballots remove … --reason', then enter it again) "
                          "before closing",
                          "{} ballots differ from pass 1; correct them ('ballots remove … --reason', then enter them "
                          "again) before closing",
                          differing, differing));
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

std::vector<cli::Command> reconcile_commands() {
    return {
        cli::command<IdOptions>({"ballots", "reconcile"}, N_("compare every pass with pass 1, ballot by ballot"),
                                Effect::Reads, [](CLI::App& app, IdOptions& o) { add_id(app, o.id); },
                                run_reconcile),
        cli::command<CountOptions>({"count"},
                                   N_("record the counting board's counts of ballots issued and collected"),
                                   Effect::Changes, declare_count, run_count),
    };
}

}  // namespace daihoi::election_tool
