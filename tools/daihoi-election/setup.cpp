// The election and its candidate list: create, list, candidates …, open.
#include "commands.hpp"

#include "core/base/number.hpp"
#include "core/cli/table.hpp"

#include <fmt/ranges.h>

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

struct AddOptions {
    std::string id, source = "committee";
    std::vector<std::string> codes;
    el::Endorsement endorsement;
};

// --present and --session: the delegates present a nomination from the floor is measured against.
void declare_presence(CLI::App& app, el::Endorsement& e) {
    app.add_option("--present", e.present,
                   _("the delegates present (default: the voting delegates checked in at --session)"))
        ->type_name("P")
        ->check(cli::in_range(1, 1000000));
    app.add_option("--session", e.session, _("the session whose check-in gives the delegates present (default: the latest check-in's)"))
        ->type_name("SESSION");
}

void declare_add(CLI::App& app, AddOptions& o) {
    add_id(app, o.id);
    app.add_option("CODE", o.codes, _("the members' codes"))->required();
    app.add_option("--source", o.source, _f("who nominated them: {} (default: committee)", el::sources().accepted_list()))
        ->type_name("SOURCE")
        ->check(cli::one_of(el::sources()));
    app.add_option("--endorsed", o.endorsement.endorsed,
                   _("how many delegates present agreed to a nomination from the floor or a self-nomination "
                     "(more than 30 %)"))
        ->type_name("N")
        ->check(cli::in_range(0, 1000000));
    declare_presence(app, o.endorsement);
}

void run_add(const cli::Common& common, const AddOptions& o) {
    auto ws = common.open();
    el::add_candidates(ws, o.id, o.codes, o.source, o.endorsement);
    cli::note(common, _fn("{} candidate added to {}", "{} candidates added to {}", o.codes.size(), o.codes.size(), o.id));
}

struct RemoveOptions {
    std::string id, code, reason;
};

void declare_remove(CLI::App& app, RemoveOptions& o) {
    add_id(app, o.id);
    app.add_option("CODE", o.code, _("the candidate's member code"))->required();
    app.add_option("--reason", o.reason, _("the congress's decision, kept in the audit trail"))
        ->type_name("TEXT")
        ->required();
}

void run_remove(const cli::Common& common, const RemoveOptions& o) {
    auto ws = common.open();
    el::remove_candidate(ws, o.id, o.code, o.reason);
    cli::note(common, _f("{} withdrawn from {}", o.code, o.id));
}

struct ImportOptions {
    std::string id, file;
    db::ImportFile how;
    el::Endorsement presence;
};

void declare_import(CLI::App& app, ImportOptions& o) {
    add_id(app, o.id);
    app.add_option("FILE", o.file, _("the file (.csv or .xlsx): code[,source][,endorsed][,present]"))->required();
    cli::declare_import_file(app, o.how);
    declare_presence(app, o.presence);
}

void run_import(const cli::Common& common, const ImportOptions& o) {
    auto ws = common.open();
    cli::print_import(common, el::import_candidates(ws, o.id, o.file, {o.how, common.progress()}, o.presence));
}

// "35/50" for a nomination from the floor, "" for the committee's list.
std::string endorsement_text(const el::Candidate& c) {
    return c.endorsed && c.present ? fmt::format("{}/{}", *c.endorsed, *c.present) : "";
}

cli::Json count_json(const std::optional<std::int64_t>& v) { return v ? cli::Json(*v) : cli::Json(nullptr); }

struct IdOptions {
    std::string id;
};

void declare_id(CLI::App& app, IdOptions& o) { add_id(app, o.id); }

void run_candidates(const cli::Common& common, const IdOptions& o) {
    auto ws = common.open();
    el::require(ws.db(), o.id);
    auto cs = el::candidates(ws.db(), o.id);
    if (common.json) {
        cli::Json j = cli::Json::array();
        for (const auto& c : cs)
            j.push_back({{"position", c.position ? cli::Json(c.position) : cli::Json(nullptr)}, {"code", c.code},
                         {"full_name", c.name}, {"source", c.source}, {"endorsed", count_json(c.endorsed)},
                         {"present", count_json(c.present)}, {"birth_date", c.member.birth_date.iso()}});
        return cli::print_json(j);
    }
    cli::TextTable t({_("pos"), _("code"), _("full name"), _("born"), _("nomination"), _("agreed/present")},
                     {cli::TextTable::Align::Right});
    for (const auto& c : cs) {
        auto source = el::sources().parse(c.source);
        t.add({c.position ? std::to_string(c.position) : "", c.code, c.name, c.member.birth_date.vn(),
               source ? el::sources().label(*source) : c.source, endorsement_text(c)});
    }
    t.print();
}

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

struct FromOptions {
    std::string consultation, into;
    int top = 0;
};

void declare_from(CLI::App& app, FromOptions& o) {
    add_id(app, o.consultation, _("the closed consultative ballot (--body consultation)"));
    app.add_option("--into", o.into, _("the election whose list receives the names (in preparation)"))
        ->type_name("ID")
        ->required();
    app.add_option("--top", o.top, _("how many names to take, by votes, highest first"))
        ->type_name("N")
        ->required()
        ->check(cli::in_range(1, 100000));
}

void run_from(const cli::Common& common, const FromOptions& o) {
    auto ws = common.open();
    auto codes = el::candidates_from(ws, o.consultation, o.into, o.top);
    if (common.json) return cli::print_json({{"election", o.into}, {"consultation", o.consultation}, {"added", codes}});
    cli::note(common, _fn("{} candidate added to {} from the consultative ballot {}: {}",
                          "{} candidates added to {} from the consultative ballot {}: {}", codes.size(), codes.size(),
                          o.into, o.consultation, fmt::format("{}", fmt::join(codes, ", "))));
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
        cli::command<AddOptions>({"candidates", "add"}, N_("put members on the candidate list"), Effect::Changes,
                                 declare_add, run_add),
        cli::command<RemoveOptions>({"candidates", "remove"}, N_("withdraw a candidate (the congress's decision)"),
                                    Effect::Changes, declare_remove, run_remove),
        cli::backed_up(cli::command<ImportOptions>({"candidates", "import"}, N_("read candidates from a file"), Effect::Changes,
                                    declare_import, run_import)),
        cli::command<IdOptions>({"candidates", "list"}, N_("print the list, in ballot order once open"), Effect::Reads,
                                declare_id, run_candidates),
        cli::command<FromOptions>({"candidates", "from"},
                                  N_("put the names with the most votes in a consultative ballot on an election's list"),
                                  Effect::Changes, declare_from, run_from),
        cli::command<BoardOptions>({"board"}, N_("name the counting board, the head first (printed in the minutes)"),
                                   Effect::Changes, declare_board, run_board),
        cli::command<IdOptions>({"open"}, N_("freeze the list and give the ballot positions (Vietnamese name order)"),
                                Effect::Changes, declare_id, run_open),
    };
}

}  // namespace daihoi::election_tool
