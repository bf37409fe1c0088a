// The candidate list: candidates add, remove, import, list, and from (the
// names a consultative ballot ranked highest).
#include "commands.hpp"

#include "core/cli/table.hpp"

#include <fmt/ranges.h>

namespace daihoi::election_tool {

namespace el = daihoi::election;
using cli::Effect;

namespace {

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

}  // namespace

std::vector<cli::Command> candidate_commands() {
    return {
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
    };
}

}  // namespace daihoi::election_tool
