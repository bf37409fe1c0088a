// Ballots from files, their correction, and the ballots of a pass listed.
#include "commands.hpp"

#include "core/cli/table.hpp"
#include "core/report/writer.hpp"

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
    add_pass(app, o.pass, _("the pass, 1 to 9 (default 1): each independent entry of the same ballots is a pass"));
    app.add_option("--station", o.station, _("the entry desk, kept with each ballot"))->type_name("NAME");
    cli::declare_import_file(app, o.how);
}

void run_import(const cli::Common& common, const ImportOptions& o) {
    auto ws = common.open();
    cli::print_import(common, el::import_ballots(ws, o.id, o.file, {o.pass, o.station, common.progress(), o.how}));
}

struct RemoveOptions {
    std::string id, reason, station;
    std::int64_t serial = 0;
    int pass = 1;
};

void declare_remove(CLI::App& app, RemoveOptions& o) {
    add_id(app, o.id);
    app.add_option("SERIAL", o.serial, _("the ballot's number"))->required();
    add_pass(app, o.pass, _("the pass, 1 to 9 (default 1)"));
    app.add_option("--reason", o.reason, _("why, kept in the audit trail"))->type_name("TEXT")->required();
    app.add_option("--station", o.station, _("the entry station removing it (kept in the ballot-entry journal)"))
        ->type_name("NAME");
}

void run_remove(const cli::Common& common, const RemoveOptions& o) {
    auto ws = common.open();
    el::delete_ballot(ws, o.id, o.pass, o.serial, o.reason, o.station);
    cli::note(common, _f("ballot {} removed from pass {} of {}", o.serial, o.pass, o.id));
}

// ---- ballots list ---------------------------------------------------------------------------

struct ListOptions {
    std::string id;
    int pass = 1;
    bool csv = false;
};

void declare_list(CLI::App& app, ListOptions& o) {
    add_id(app, o.id);
    add_pass(app, o.pass, _("the pass, 1 to 9 (default 1)"));
    app.add_flag("--csv", o.csv, _("write the pass as 'ballots import' reads it, to carry it to another workspace"));
}

std::string positions(const std::vector<int>& v) { return fmt::format("{}", fmt::join(v, " ")); }

// Exactly the columns `ballots import` reads (el::ballot_columns): the
// positions crossed (cross form) or marked in each box (agree form).
void print_csv(const el::BallotList& list) {
    const bool agree = list.form == "agree";
    fmt::print("{}\n", agree ? "serial,agree,disagree,flag" : "serial,crossed,flag");
    for (const auto& b : list.ballots) {
        const std::string marks = agree ? positions(b.kept) + "," + positions(b.disagree) : positions(b.crossed);
        fmt::print("{},{},{}\n", b.serial, marks, report::csv_text_field(b.flag));
    }
}

void print_json(const el::BallotList& list) {
    const bool agree = list.form == "agree";
    cli::Json out = cli::Json::array();
    for (const auto& b : list.ballots) {
        cli::Json j{{"serial", b.serial}, {"pass", b.pass}};
        if (agree) {
            j["agree"] = b.kept;
            j["disagree"] = b.disagree;
        } else {
            j["kept"] = b.kept;
            j["crossed"] = b.crossed;
        }
        j["flag"] = b.flag.empty() ? cli::Json(nullptr) : cli::Json(b.flag);
        j["valid"] = b.valid();
        j["reason"] = b.valid() ? cli::Json(nullptr) : cli::Json(b.reason);
        j["station"] = b.station;
        out.push_back(std::move(j));
    }
    cli::print_json(out);
}

void run_list(const cli::Common& common, const ListOptions& o) {
    if (common.json && o.csv) throw UsageError(_("give --json or --csv, not both"));
    auto ws = common.open();
    const auto list = el::list_ballots(ws.db(), o.id, o.pass);
    if (o.csv) return print_csv(list);
    if (common.json) return print_json(list);
    const bool agree = list.form == "agree";
    using A = cli::TextTable::Align;
    cli::TextTable t({_c("ballot number", "ballot"), agree ? _("agree") : _("kept"), agree ? _("disagree") : _("crossed"), _("flag"),
                      _("result"), _("station")},
                     {A::Right});
    for (const auto& b : list.ballots)
        t.add({std::to_string(b.serial), positions(b.kept), positions(agree ? b.disagree : b.crossed), b.flag,
               b.valid() ? std::string(_("valid")) : _f("invalid ({})", el::reason_label(b.reason)), b.station});
    if (!list.ballots.empty()) t.print();
    cli::note(common, _fn("pass {} of {}: {} ballot", "pass {} of {}: {} ballots", list.ballots.size(), o.pass, o.id,
                          list.ballots.size()));
}

}  // namespace

std::vector<cli::Command> ballot_commands() {
    return {
        cli::backed_up(cli::command<ImportOptions>({"ballots", "import"}, N_("read ballots from a file into a pass"), Effect::Changes,
                                    declare_import, run_import)),
        cli::command<RemoveOptions>({"ballots", "remove"},
                                    N_("remove a mistyped ballot (then enter it again as 'N: …')"), Effect::Changes,
                                    declare_remove, run_remove),
        cli::command<ListOptions>({"ballots", "list"}, N_("the ballots of a pass as entered (--csv: as 'ballots import' reads them)"),
                                  Effect::Reads, declare_list, run_list),
    };
}

}  // namespace daihoi::election_tool
