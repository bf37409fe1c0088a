// daihoi-delegates — units and apportionment, the list of delegates convened,
// replacements, attendance, quorum and the majority base, credentials.
#include "core/cli/legacy.hpp"
#include "core/cli/table.hpp"
#include "core/delegates/credentials.hpp"
#include "core/delegates/delegates.hpp"
#include "core/error.hpp"

using namespace daihoi;
namespace dl = daihoi::delegates;

namespace {

void print_apportionment(const cli::Common& c, const dl::Apportionment& a) {
    if (c.json) return cli::print_json(dl::to_json(a));
    cli::TextTable t({"unit", "members", "quota", "seats"},
                     {cli::TextTable::Align::Left, cli::TextTable::Align::Right, cli::TextTable::Align::Right,
                      cli::TextTable::Align::Right});
    for (const auto& u : a.units) {
        std::string quota = u.at_minimum ? "minimum"
                          : a.method == dl::Method::Hamilton
                              ? fmt::format("{:.3f}", static_cast<double>(u.quota_num) / static_cast<double>(u.quota_den))
                              : "";
        t.add({u.code, std::to_string(u.members), quota, std::to_string(u.seats)});
    }
    t.print();
    fmt::print("{} seats by {}\n", a.seats, dl::code(a.method));
    for (const auto& tie : a.ties) fmt::print("tie: {}\n", tie.description);
}

std::string status_text(const dl::Delegate& d) {
    std::string s = std::string(dl::code(d.status));
    if (d.status == dl::Status::Absent && d.whole_congress) s += " (whole congress)";
    if (!d.replaced_by.empty()) s += ", replaced by " + d.replaced_by;
    if (!d.replaces.empty()) s += ", replaces " + d.replaces;
    return s;
}

// The credentials review as sections of count and percent of the seated delegates.
void print_credentials(const dl::Credentials& c) {
    using Row = std::vector<std::string>;
    auto share = [&](const std::string& label, std::int64_t n) { return Row{label, std::to_string(n), dl::percent(n, c.seated)}; };
    auto plain = [](const std::string& label, std::int64_t n) { return Row{label, std::to_string(n), ""}; };
    auto section = [](const std::string& title, const std::vector<Row>& rows) {
        cli::TextTable t({title, "count", "%"},
                         {cli::TextTable::Align::Left, cli::TextTable::Align::Right, cli::TextTable::Align::Right});
        for (const auto& r : rows) t.add(r);
        fmt::print("\n");
        t.print();
    };
    auto breakdown = [&](std::vector<Row> rows, const std::vector<dl::ValueCount>& values) {
        const char* indent = rows.empty() ? "" : "  ";  // under a heading row, or the whole section
        for (const auto& v : values) rows.push_back(share(fmt::format("{}{}", indent, v.value), v.count));
        return rows;
    };
    auto who = [](const char* what, const std::optional<dl::Extreme>& e, const char* date, const char* years) {
        if (e) fmt::print("{}: {} {}, {} {}, {} {}\n", what, e->code, e->name, date, e->date.vn(), e->years, years);
    };

    fmt::print("credentials review: {} seated of {} convened, ages at {}\n", c.seated, c.convened, c.as_of.vn());
    section("Totals", {plain("convened (official delegates)", c.convened),
                       plain("  elected", c.convened_by_kind.elected),
                       plain("  ex-officio", c.convened_by_kind.ex_officio),
                       plain("  appointed", c.convened_by_kind.appointed),
                       plain("  members (members' congress)", c.convened_by_kind.member),
                       plain("disqualified", c.disqualified),
                       plain("absent for the whole congress", c.absent_whole_congress),
                       plain("replaced by reserves", c.replaced),
                       plain("reserves on the list", c.reserves),
                       share("seated", c.seated),
                       share("  elected", c.seated_by_kind.elected),
                       share("  ex-officio", c.seated_by_kind.ex_officio),
                       share("  appointed", c.seated_by_kind.appointed),
                       share("  reserves substituting", c.seated_by_kind.reserve_substituting),
                       share("  members (members' congress)", c.seated_by_kind.member),
                       share(fmt::format("present at session {}", c.session), c.present),
                       share(fmt::format("absent at session {}", c.session), c.seated - c.present),
                       share("probationary (no vote)", c.probationary),
                       share("without a vote", c.non_voting)});
    section("Gender", {share("men", c.men), share("women", c.women)});
    section("Age", {share("under 30", c.age_under_30), share("30-39", c.age_30_39), share("40-49", c.age_40_49),
                    share("50-59", c.age_50_59), share("60-69", c.age_60_69), share("70 and over", c.age_70_over),
                    share("under 40", c.under_40), share("over 70 (70 or older)", c.over_70)});
    who("oldest", c.oldest, "born", "years old");
    who("youngest", c.youngest, "born", "years old");
    if (c.seated) fmt::print("average age: {}\n", dl::average_age(c));
    section("Ethnicity", breakdown({share("Kinh", c.kinh), share("ethnic minorities", c.minorities), {"by ethnicity", "", ""}},
                                   c.ethnicities));
    section("Religion", breakdown({share("with a religion", c.with_religion)}, c.religions));
    section("General education", breakdown({}, c.education));
    section("Degree", {share("doctor", c.degree_doctor), share("master", c.degree_master),
                       share("bachelor", c.degree_bachelor), share("college", c.degree_college),
                       share("none", c.degree_none), share("unknown", c.degree_unknown)});
    section("Political theory", {share("cu-nhan", c.theory_cu_nhan), share("cao-cap", c.theory_cao_cap),
                                 share("trung-cap", c.theory_trung_cap), share("so-cap", c.theory_so_cap),
                                 share("none", c.theory_none), share("unknown", c.theory_unknown)});
    section("Years in the party", {share("under 10", c.party_under_10), share("10-19", c.party_10_19),
                                   share("20-29", c.party_20_29), share("30 and over", c.party_30_over),
                                   share("unknown", c.party_unknown)});
    who("most", c.party_most, "admitted", "years");
    who("least", c.party_least, "admitted", "years");
}

}  // namespace

int main(int argc, char** argv) {
    return cli::run("daihoi-delegates", "Units, apportionment, delegates convened, attendance, quorum, credentials",
                    argc, argv, [](CLI::App& app, cli::Common& common) {
        static std::string file, code, other, kind, unit, reason, method = "hamilton", session = dl::kDefaultSession;
        static std::vector<std::string> codes;
        static bool dry_run = false, save = false, whole = false;
        static std::optional<std::int64_t> seats, base, per, remainder;
        static std::int64_t min_seats = 1;

        auto* units = cli::subcommand(app, "units", "subordinate organizations: import FILE, list");
        units->require_subcommand(1);
        auto* units_import = cli::subcommand(*units, "import", "import code,name,members[,min_seats]");
        units_import->add_option("FILE", file, "the file (.csv or .xlsx)")->required();
        units_import->add_flag("--dry-run", dry_run, "check everything, write nothing");
        units_import->callback([&] {
            auto ws = common.open();
            cli::print_import(common, dl::import_units(ws, file, {std::nullopt, dry_run, common.progress()}));
        });
        auto* units_list = cli::subcommand(*units, "list", "list the units");
        units_list->callback([&] {
            auto ws = common.open();
            auto us = dl::list_units(ws.db());
            if (common.json) {
                cli::Json j = cli::Json::array();
                for (const auto& u : us)
                    j.push_back({{"code", u.code}, {"name", u.name}, {"members", u.members},
                                 {"min_seats", u.min_seats ? cli::Json(*u.min_seats) : cli::Json(nullptr)}});
                return cli::print_json(j);
            }
            cli::TextTable t({"code", "name", "members", "min seats"},
                             {cli::TextTable::Align::Left, cli::TextTable::Align::Left, cli::TextTable::Align::Right,
                              cli::TextTable::Align::Right});
            for (const auto& u : us)
                t.add({u.code, u.name, std::to_string(u.members), u.min_seats ? std::to_string(*u.min_seats) : ""});
            t.print();
        });

        auto* apportion = cli::subcommand(app, "apportion", "allocate delegate seats to units by membership");
        apportion->add_option("--seats", seats, "seats to allocate (proportional methods)");
        apportion->add_option("--method", method, "hamilton|dhondt|sainte-lague")
            ->check(CLI::IsMember({"hamilton", "dhondt", "sainte-lague"}));
        apportion->add_option("--min", min_seats, "seats every unit gets at least (default 1)");
        apportion->add_option("--base", base, "the formula: seats every unit gets");
        apportion->add_option("--per", per, "the formula: one more seat per this many members");
        apportion->add_option("--remainder", remainder, "the formula: one more if the remainder reaches this");
        apportion->add_flag("--save", save, "store the result in the workspace");
        apportion->callback([&] {
            dl::ApportionRequest r;
            bool formula = base || per || remainder;
            if (formula && seats) throw UsageError("give either --seats (proportional) or --base/--per/--remainder (formula)");
            if (formula) {
                if (!base || !per || !remainder) throw UsageError("the formula needs --base, --per and --remainder");
                r.method = dl::Method::Formula;
                r.base = *base, r.per = *per, r.remainder = *remainder;
            } else {
                if (!seats) throw UsageError("--seats is required (or the formula's --base/--per/--remainder)");
                r.method = *dl::parse_method(method);
                r.seats = *seats;
                r.min_seats = min_seats;
            }
            auto ws = common.open();
            auto a = dl::apportion_units(ws.db(), r);
            if (save) dl::save_apportionment(ws, r, a);
            print_apportionment(common, a);
            std::fflush(stdout);
            if (save) cli::note(common, "saved");
        });

        auto* import = cli::subcommand(app, "import", "import delegates convened: code,kind[,unit][,voting]");
        import->add_option("FILE", file, "the file (.csv or .xlsx)")->required();
        import->add_flag("--dry-run", dry_run, "check everything, write nothing");
        import->callback([&] {
            auto ws = common.open();
            cli::print_import(common, dl::import_delegates(ws, file, {std::nullopt, dry_run, common.progress()}));
        });

        auto* list = cli::subcommand(app, "list", "list delegates by unit, in Vietnamese name order");
        list->callback([&] {
            auto ws = common.open();
            auto ds = dl::list_delegates(ws.db());
            if (common.json) {
                cli::Json j = cli::Json::array();
                for (const auto& d : ds) j.push_back(dl::to_json(d));
                return cli::print_json(j);
            }
            cli::TextTable t({"#", "code", "full name", "kind", "unit", "vote", "status"}, {cli::TextTable::Align::Right});
            for (const auto& d : ds)
                t.add({std::to_string(t.rows() + 1), d.code, d.member.full_name, std::string(dl::code(d.kind)), d.unit,
                       d.voting ? "yes" : "no", status_text(d)});
            t.print();
        });

        auto* add = cli::subcommand(app, "add", "add one delegate: add CODE --kind K [--unit U]");
        add->add_option("CODE", code, "member code")->required();
        add->add_option("--kind", kind, "elected|ex-officio|appointed|reserve|member")->required();
        add->add_option("--unit", unit, "the unit the delegate comes from");
        add->callback([&] {
            auto k = dl::parse_kind(kind);
            if (!k) throw UsageError(fmt::format("--kind: unknown kind '{}'", kind));
            auto ws = common.open();
            dl::add_delegate(ws, code, *k, unit);
            cli::note(common, "added {}", code);
        });

        auto* replace = cli::subcommand(app, "replace", "a reserve takes an official delegate's place: replace OLD NEW");
        replace->add_option("OLD", code, "the official delegate")->required();
        replace->add_option("NEW", other, "the reserve delegate")->required();
        replace->add_option("--reason", reason, "why (required unless OLD is already absent or disqualified)");
        replace->callback([&] {
            auto ws = common.open();
            dl::replace_delegate(ws, code, other, reason);
            cli::note(common, "{} replaces {}", other, code);
        });

        auto* disqualify = cli::subcommand(app, "disqualify", "the credentials board does not accept a delegate");
        disqualify->add_option("CODE", code, "the delegate")->required();
        disqualify->add_option("--reason", reason, "why")->required();
        disqualify->callback([&] {
            auto ws = common.open();
            dl::disqualify(ws, code, reason);
            cli::note(common, "{} disqualified", code);
        });

        auto* absent = cli::subcommand(app, "absent", "record a delegate's absence");
        absent->add_option("CODE", code, "the delegate")->required();
        absent->add_flag("--whole-congress", whole, "absent for the whole congress (changes the majority base)");
        absent->add_option("--reason", reason, "why")->required();
        absent->callback([&] {
            auto ws = common.open();
            dl::mark_absent(ws, code, whole, reason);
            cli::note(common, "{} absent{}", code, whole ? " for the whole congress" : "");
        });

        for (bool in : {true, false}) {
            auto* cmd = cli::subcommand(app, in ? "checkin" : "checkout",
                                        in ? "record delegates present at a session" : "record delegates leaving a session");
            cmd->add_option("CODE", codes, "delegate codes")->required();
            cmd->add_option("--session", session, "the session (default 1)");
            cmd->callback([&, in] {
                auto ws = common.open();
                auto r = in ? dl::checkin(ws, codes, session) : dl::checkout(ws, codes, session);
                if (common.json) return cli::print_json({{"session", session}, {in ? "checked_in" : "checked_out", r.changed}, {"already", r.already}});
                fmt::print("session {}: {} checked {}{}\n", session, r.changed, in ? "in" : "out",
                           r.already ? fmt::format(", {} already {}", r.already, in ? "present" : "out") : "");
            });
        }

        auto* attendance = cli::subcommand(app, "attendance", "who is present at a session");
        attendance->add_option("--session", session, "the session (default 1)");
        attendance->callback([&] {
            auto ws = common.open();
            auto present = dl::present_at(ws.db(), session);
            auto here = [&](const std::string& c) { return std::binary_search(present.begin(), present.end(), c); };
            auto ds = dl::list_delegates(ws.db());
            if (common.json) {
                cli::Json j = cli::Json::array();
                for (const auto& d : ds)
                    if (d.seated()) j.push_back({{"code", d.code}, {"name", d.member.full_name}, {"unit", d.unit}, {"present", here(d.code)}});
                return cli::print_json({{"session", session}, {"delegates", j}});
            }
            cli::TextTable t({"#", "code", "full name", "unit", "present"}, {cli::TextTable::Align::Right});
            for (const auto& d : ds)
                if (d.seated()) t.add({std::to_string(t.rows() + 1), d.code, d.member.full_name, d.unit, here(d.code) ? "yes" : "no"});
            t.print();
        });

        auto* quorum = cli::subcommand(app, "quorum", "convened, present, absent, and the majority base");
        quorum->add_option("--session", session, "the session (default 1)");
        quorum->callback([&] {
            auto ws = common.open();
            auto q = dl::quorum(ws.db(), session);
            if (common.json)
                return cli::print_json({{"session", q.session}, {"convened", q.convened}, {"seated", q.seated},
                                        {"present", q.present}, {"absent", q.absent}, {"base", dl::to_json(q.base)}});
            fmt::print("session {}: {} {} convened, {} seated, {} present, {} absent\n", q.session, q.convened,
                       q.base.members_congress ? "members" : "official delegates", q.seated, q.present, q.absent);
            fmt::print("majority base {}: more than half is {} or more votes\n", q.base.count, q.base.needed());
            fmt::print("  {}\n", q.base.explanation());
        });

        auto* credentials = cli::subcommand(app, "credentials", "the credentials review statistics of the seated delegates");
        credentials->add_option("--session", session, "the session 'present' is counted at (default 1)");
        credentials->callback([&] {
            auto ws = common.open();
            auto c = dl::credentials(ws.db(), session);
            if (common.json) return cli::print_json(dl::to_json(c));
            print_credentials(c);
        });
    });
}
