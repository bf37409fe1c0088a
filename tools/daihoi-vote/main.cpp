// daihoi-vote — what the congress decides by show of hands (biểu quyết):
// record a vote with its counts, list the votes taken.
#include "core/cli/cli.hpp"
#include "core/cli/table.hpp"
#include "core/election/election.hpp"
#include "core/election/motion.hpp"
#include "core/registry/congress.hpp"
#include "core/text/date.hpp"

using namespace daihoi;
using cli::Effect;
namespace el = daihoi::election;

namespace {

void declare_record(CLI::App& app, el::MotionRequest& o) {
    app.add_option("--subject", o.subject,
                   _f("what is decided: {}", el::subjects().accepted_list()))
        ->type_name("SUBJECT")
        ->required()
        ->check(cli::one_of(el::subjects()));
    app.add_option("--text", o.text, _("what was put to the vote, as the presidium read it"))
        ->type_name("TEXT")
        ->required();
    app.add_option("--election", o.election, _("the election it concerns (the number to elect, the list, a withdrawal)"))
        ->type_name("ID");
    app.add_option("--for", o.votes_for, _("hands raised for"))->type_name("N")->required()->check(cli::in_range(0, 1000000));
    app.add_option("--against", o.against, _("hands raised against"))
        ->type_name("N")
        ->required()
        ->check(cli::in_range(0, 1000000));
    app.add_option("--abstain", o.abstain, _("abstentions (default 0)"))->type_name("N")->check(cli::in_range(0, 1000000));
    app.add_option("--present", o.present, _("the delegates present (default: the voting delegates checked in at --session)"))
        ->type_name("P")
        ->check(cli::in_range(1, 1000000));
    app.add_option("--session", o.session, _("the session whose check-in gives the delegates present (default: the latest check-in's)"))
        ->type_name("SESSION");
    app.add_option("--withdraw", o.withdraw,
                   _("with --subject withdrawal: the candidate taken off the list of --election when the vote passes"))
        ->type_name("CODE");
}

void run_record(const cli::Common& common, const el::MotionRequest& o) {
    auto ws = common.open();
    auto m = el::record_motion(ws, o);
    if (common.json) {
        auto j = el::to_json(m);
        j["withdrawn"] = m.passed && !o.withdraw.empty() ? cli::Json(o.withdraw) : cli::Json(nullptr);
        return cli::print_json(j);
    }
    fmt::print("{}\n", _f("vote {}: {}", m.seq, m.text));
    fmt::print("{}\n", _f("{} for, {} against, {} abstaining", m.votes_for, m.against, m.abstain));
    fmt::print("{}\n", el::motion_outcome(m));
    if (m.passed && !o.withdraw.empty()) fmt::print("{}\n", _f("{} withdrawn from election {}", o.withdraw, o.election));
}

struct NoOptions {};

void run_list(const cli::Common& common, const NoOptions&) {
    auto ws = common.open();
    auto all = el::motions(ws.db());
    if (common.json) {
        cli::Json j = cli::Json::array();
        for (const auto& m : all) j.push_back(el::to_json(m));
        return cli::print_json(j);
    }
    cli::TextTable t({_("no."), _("time"), _("subject"), _("text"), _("for"), _("against"), _("abstain"), _("result")},
                     {cli::TextTable::Align::Right});
    for (const auto& m : all) {
        auto subject = el::subjects().parse(m.subject);
        t.add({std::to_string(m.seq), text::local_time(m.at), subject ? el::subjects().label(*subject) : m.subject, m.text,
               std::to_string(m.votes_for), std::to_string(m.against), std::to_string(m.abstain),
               el::motion_outcome(m)});
    }
    t.print();
}

}  // namespace

int main(int argc, char** argv) {
    auto complete = [](const cli::Common& common, std::string_view metavar) -> std::vector<std::string> {
        if (metavar == "ID") return el::election_ids(common.db_path());
        return {};
    };
    return cli::main({"vote",
                      {},
                      {cli::command<el::MotionRequest>({"record"}, N_("record a show-of-hands vote and whether it passed"),
                                                       Effect::Changes, declare_record, run_record),
                       cli::command<NoOptions>({"list"}, N_("list the show-of-hands votes taken"), Effect::Reads,
                                               [](CLI::App&, NoOptions&) {}, run_list)},
                      complete},
                     argc, argv);
}
