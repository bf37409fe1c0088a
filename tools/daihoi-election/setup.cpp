// The election: create and list; once its candidate list is made
// (candidates.cpp), the counting board and open.
#include "commands.hpp"

#include "core/base/number.hpp"
#include "core/cli/table.hpp"

namespace daihoi::election_tool {

namespace el = daihoi::election;
using cli::Effect;

namespace {

struct CreateOptions {
    el::CreateRequest r;
};

void declare_create(CLI::App& app, CreateOptions& o) {
    add_id(app, o.r.id, _("a short identifier of letters, digits, '-', '_' or '.', e.g. bch"));
    app.add_option("--title", o.r.title, _("the title, e.g. \"Bầu Ban Chấp hành Đảng bộ khóa XV\""))
        ->type_name("TEXT")
        ->required();
    app.add_option("--seats", o.r.seats, _("official seats to fill"))
        ->type_name("N")
        ->required()
        ->check(cli::in_range(0, 100000));
    app.add_option("--reserves", o.r.reserves, _("reserve places after them (delegate elections; default 0)"))
        ->type_name("N")
        ->check(cli::in_range(0, 100000));
    app.add_option("--body", o.r.body, _f("the body elected: {} (default: committee)", el::bodies().accepted_list()))
        ->type_name("BODY")
        ->check(cli::one_of(el::bodies()));
    app.add_option("--base", o.r.base, _("the majority base: convened (default), valid, or a number"))
        ->type_name("BASE");
    app.add_option("--form", o.r.form,
                   _f("the ballot paper: {} (default: cross; agree only for a list without surplus)",
                      el::forms().accepted_list()))
        ->type_name("FORM")
        ->check(cli::one_of(el::forms()));
}

void run_create(const cli::Common& common, const CreateOptions& o) {
    auto ws = common.open();
    el::create(ws, o.r);
    cli::note(common, _f("created election {}", o.r.id));
}

struct NoOptions {};

void run_list(const cli::Common& common, const NoOptions&) {
    auto ws = common.open();
    auto es = el::list(ws.db());
    if (common.json) {
        cli::Json j = cli::Json::array();
        for (const auto& e : es)
            j.push_back({{"id", e.id}, {"title", e.title}, {"round", e.round}, {"status", el::code(e.phase)},
                         {"seats", e.seats}, {"reserves", e.reserves}, {"form", el::code(e.form)}});
        return cli::print_json(j);
    }
    cli::TextTable t({_("id"), _("title"), _("round"), _c("to elect", "seats"), _c("to elect", "reserves"), _("ballot"),
                      _("status")});
    for (const auto& e : es)
        t.add({e.id, e.title, std::to_string(e.round), std::to_string(e.seats), std::to_string(e.reserves),
               el::forms().label(e.form), el::phases().label(e.phase)});
    t.print();
}

struct IdOptions {
    std::string id;
};

void declare_id(CLI::App& app, IdOptions& o) { add_id(app, o.id); }

void run_open(const cli::Common& common, const IdOptions& o) {
    auto ws = common.open();
    auto r = el::open(ws, o.id);
    for (const auto& w : r.warnings) cli::warn(w.message);
    if (common.json) {
        cli::Json warnings = cli::Json::array();
        for (const auto& w : r.warnings) warnings.push_back({{"code", w.code}, {"message", w.message}});
        return cli::print_json({{"election", o.id},
                                {"candidates", r.candidates},
                                {"places", r.places},
                                {"surplus", r.surplus},
                                {"surplus_percent", number::percent_value(r.surplus, r.places)},
                                {"surplus_over_30", r.surplus_over_30},
                                {"consultation", r.consultation},
                                {"warnings", warnings}});
    }
    fmt::print("{}\n", _f("election {} open: {} candidates for {} places, in ballot order:", o.id, r.candidates, r.places));
    for (const auto& c : el::candidates(ws.db(), o.id)) fmt::print("  {:>3}. {}\n", c.position, c.name);
    fmt::print("{}\n", _fn("surplus: {} name over {} places ({} %)", "surplus: {} names over {} places ({} %)",
                           r.surplus, r.surplus, r.places, i18n::decimal(r.surplus_percent)));
    if (r.consultation)
        fmt::print("{}\n", _f("a consultative ballot: it elects nobody and ranks the names by votes; then "
                              "'daihoi election candidates from {} --into ID --top N'",
                              o.id));
}

struct BoardOptions {
    std::string id;
    std::vector<std::string> names;
};

void declare_board(CLI::App& app, BoardOptions& o) {
    add_id(app, o.id);
    app.add_option("NAME", o.names, _("the members of the counting board, the head first"))->required();
}

void run_board(const cli::Common& common, const BoardOptions& o) {
    auto ws = common.open();
    auto warnings = el::set_counting_board(ws, o.id, o.names);
    for (const auto& w : warnings) cli::warn(w);
    auto board = el::counting_board(ws.db(), o.id);
    if (common.json) return cli::print_json({{"election", o.id}, {"board", board}, {"warnings", warnings}});
    cli::note(common, _fn("counting board of {}: {} member, the head {}",
                          "counting board of {}: {} members, the head {}", board.size(), o.id, board.size(),
                          board.front()));
}

}  // namespace

std::vector<cli::Command> setup_commands() {
    return {
        cli::command<CreateOptions>({"create"}, N_("create an election"), Effect::Changes, declare_create, run_create),
        cli::command<NoOptions>({"list"}, N_("list the elections"), Effect::Reads, [](CLI::App&, NoOptions&) {},
                                run_list),
    };
}

std::vector<cli::Command> opening_commands() {
    return {
        cli::command<BoardOptions>({"board"}, N_("name the counting board, the head first (printed in the minutes)"),
                                   Effect::Changes, declare_board, run_board),
        cli::command<IdOptions>({"open"}, N_("freeze the list and give the ballot positions (Vietnamese name order)"),
                                Effect::Changes, declare_id, run_open),
    };
}

}  // namespace daihoi::election_tool
