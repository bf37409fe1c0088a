// The result: tally (a live count), close, seal, and the further round.
#include "commands.hpp"

#include "core/base/number.hpp"
#include "core/cli/table.hpp"

namespace daihoi::election_tool {

namespace el = daihoi::election;
using cli::Effect;

namespace {

std::string count_or_dash(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "-"; }

void print_tally(const cli::Common& c, const el::Tally& t) {
    if (c.json) return cli::print_json(el::to_json(t));
    const auto& e = t.election;
    const auto& r = t.result;
    fmt::print("{}\n", _f("{} — {} (round {}, {})", e.id, e.title, e.round, el::phases().label(e.phase)));
    if (e.form == el::Form::Agree)
        fmt::print("{}\n", _("agree/disagree ballot: a vote is a row marked 'Đồng ý' and not 'Không đồng ý'; a row "
                              "marked in both boxes or neither is no vote"));
    const char* base = el::base_kinds().label(e.base_kind);
    fmt::print("{}\n", e.reserves ? _fn("{} seat + {} reserves; base {} ({}), more than half is {} votes",
                                        "{} seats + {} reserves; base {} ({}), more than half is {} votes", e.seats,
                                        e.seats, e.reserves, r.base, base, r.needed)
                                  : _fn("{} seat; base {} ({}), more than half is {} votes",
                                        "{} seats; base {} ({}), more than half is {} votes", e.seats, e.seats, r.base,
                                        base, r.needed));
    if (t.base_source == "delegate_list") fmt::print("{}\n", t.base_explanation);
    std::string reasons;
    for (const auto& [reason, n] : r.invalid_by_reason)
        reasons += fmt::format("{}{}: {}", reasons.empty() ? "" : "; ", el::reason_label(reason), n);
    fmt::print("{}\n", reasons.empty()
                           ? _f("ballots: issued {}, collected {}, entered {}, valid {}, invalid {}", count_or_dash(e.issued),
                                count_or_dash(e.collected), r.entered, r.valid, r.invalid)
                           : _f("ballots: issued {}, collected {}, entered {}, valid {}, invalid {} ({})",
                                count_or_dash(e.issued), count_or_dash(e.collected), r.entered, r.valid, r.invalid,
                                reasons));
    using A = cli::TextTable::Align;
    // An agree ballot also shows, per name, the rows marked "Không đồng ý" and those without a vote.
    const bool agree = e.form == el::Form::Agree;
    std::vector<std::string> head{_("rank"), _("pos"), _("code"), _("full name"), _("votes"), "%"};
    if (agree) head.insert(head.end(), {_("disagree"), _("no vote")});
    head.push_back(_("result"));
    std::vector<A> align{A::Right, A::Right, A::Left, A::Left, A::Right, A::Right, A::Right, A::Right};
    cli::TextTable tt(head, std::vector<A>(align.begin(), align.begin() + (agree ? 8 : 6)));
    for (const auto& x : r.candidates) {
        std::vector<std::string> row{std::to_string(x.rank), std::to_string(x.position), x.code, x.name,
                                     std::to_string(x.votes), i18n::decimal(number::percent(x.votes, r.base))};
        if (agree) row.insert(row.end(), {std::to_string(x.disagree), std::to_string(x.no_vote)});
        row.push_back(el::statuses().label(x.status));
        tt.add(row);
    }
    tt.print();
    if (r.unfilled_seats || r.unfilled_reserves)
        fmt::print("{}\n", _f("unfilled: {} seats, {} reserves — the congress may hold a further round "
                              "('daihoi election next-round')",
                              r.unfilled_seats, r.unfilled_reserves));
}

struct IdOptions {
    std::string id;
};

void declare_id(CLI::App& app, IdOptions& o) { add_id(app, o.id); }

struct TallyOptions {
    std::string id;
    int pass = 1;
};

void declare_tally(CLI::App& app, TallyOptions& o) {
    add_id(app, o.id);
    app.add_option("--pass", o.pass, _("the pass to count, 1 to 9 (default 1)"))
        ->type_name("N")
        ->check(cli::in_range(1, el::kMaxPass));
}

void run_tally(const cli::Common& common, const TallyOptions& o) {
    auto ws = common.open();
    print_tally(common, el::tally(ws.db(), o.id, o.pass));
}

void run_close(const cli::Common& common, const IdOptions& o) {
    auto ws = common.open();
    print_tally(common, el::close(ws, o.id));
}

void run_seal(const cli::Common& common, const IdOptions& o) {
    auto ws = common.open();
    auto hash = el::seal(ws, o.id);
    if (common.json) return cli::print_json({{"election", o.id}, {"record_hash", hash}});
    fmt::print("{}\n", _f("election {} sealed; record hash {}", o.id, hash));
}

struct NextOptions {
    std::string id, new_id;
    std::vector<std::string> codes;
};

void declare_next(CLI::App& app, NextOptions& o) {
    add_id(app, o.id, _("the closed election"));
    app.add_option("--id", o.new_id, _("the new round's identifier"))->type_name("NEW")->required();
    app.add_option("CODE", o.codes, _("candidates named by the congress (default: the tied, else those not elected)"));
}

void run_next(const cli::Common& common, const NextOptions& o) {
    auto ws = common.open();
    auto from = el::next_round(ws, o.id, o.new_id, o.codes);
    auto e = el::require(ws.db(), o.new_id);
    if (common.json)
        return cli::print_json({{"election", o.new_id}, {"round", e.round}, {"seats", e.seats},
                                {"reserves", e.reserves}, {"candidates_from", from}});
    fmt::print("{}\n", _f("election {} (round {}): {} seats, {} reserves; candidates: {}", o.new_id, e.round, e.seats,
                          e.reserves, el::round_source_label(from)));
}

}  // namespace

std::vector<cli::Command> result_commands() {
    return {
        cli::command<TallyOptions>({"tally"}, N_("compute and print the result now (changes nothing)"), Effect::Reads,
                                   declare_tally, run_tally),
        cli::backed_up(cli::command<IdOptions>({"close"}, N_("store the result (refused unless the counts reconcile)"),
                                Effect::Changes, declare_id, run_close)),
        cli::backed_up(cli::command<IdOptions>({"seal"}, N_("make a closed election immutable; its hash enters the audit chain"),
                                Effect::Changes, declare_id, run_seal)),
        cli::command<NextOptions>({"next-round"}, N_("create the further round for the unfilled places"),
                                  Effect::Changes, declare_next, run_next),
    };
}

}  // namespace daihoi::election_tool
