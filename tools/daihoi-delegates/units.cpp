// daihoi-delegates units import, units list, apportion.
#include "commands.hpp"

#include "core/cli/table.hpp"
#include "core/delegates/delegates.hpp"

namespace daihoi::delegates_tool {

namespace {

namespace dl = delegates;
using Align = cli::TextTable::Align;

struct ImportOptions {
    std::string file;
    db::ImportFile how;
};

void declare_import(CLI::App& app, ImportOptions& o) {
    app.add_option("FILE", o.file, _("the file (.csv or .xlsx)"))->required();
    cli::declare_import_file(app, o.how);
}

void run_units_import(const cli::Common& common, const ImportOptions& o) {
    auto ws = common.open();
    cli::print_import(common, dl::import_units(ws, o.file, {o.how, common.progress()}));
}

struct NoOptions {};

void run_units_list(const cli::Common& common, const NoOptions&) {
    auto ws = common.open();
    auto units = dl::list_units(ws.db());
    if (common.json) {
        cli::Json j = cli::Json::array();
        for (const auto& u : units)
            j.push_back({{"code", u.code},
                         {"name", u.name},
                         {"members", u.members},
                         {"min_seats", u.min_seats ? cli::Json(*u.min_seats) : cli::Json(nullptr)}});
        return cli::print_json(j);
    }
    cli::TextTable t({_("code"), _("name"), _c("count", "members"), _("min. seats")},
                     {Align::Left, Align::Left, Align::Right, Align::Right});
    for (const auto& u : units)
        t.add({u.code, u.name, std::to_string(u.members), u.min_seats ? std::to_string(*u.min_seats) : ""});
    t.print();
}

struct ApportionOptions {
    dl::ApportionArguments args;
    bool save = false;
};

void declare_apportion(CLI::App& app, ApportionOptions& o) {
    auto& a = o.args;
    app.add_option("--seats", a.seats, _("the seats to share out by membership (proportional methods)"))
        ->type_name("N");
    app.add_option("--method", a.method,
                   _f("how the seats are shared: {} (the first is the default)", dl::methods().accepted_list()))
        ->type_name("METHOD")
        ->check(cli::one_of(dl::methods()));
    app.add_option("--min", a.min_seats, _("the seats every unit gets at least (default 1)"))->type_name("N");
    app.add_option("--base", a.base, _("the formula: the seats every unit gets"))->type_name("N");
    app.add_option("--per", a.per, _("the formula: one more seat per this many members"))->type_name("N");
    app.add_option("--remainder", a.remainder, _("the formula: one more seat when the remainder reaches this"))
        ->type_name("N");
    app.add_option("--tie-break", a.tie_break,
                   _f("break a tie for the last seats by this rule: {} (default: none, the tie is listed for "
                      "the committee to settle)",
                      dl::tie_breaks().accepted_list()))
        ->type_name("RULE")
        ->check(cli::one_of(dl::tie_breaks()));
    app.add_flag("--save", o.save,
                 _("store the result in the workspace (the report reads it); refused while a tie is unsettled"));
}

// num/den rounded half up to three decimals, in integers: "6.400".
std::string three_decimals(std::int64_t num, std::int64_t den) {
    __int128 thousandths = (__int128(num) * 2000 + den) / (2 * __int128(den));
    auto whole = static_cast<std::int64_t>(thousandths / 1000), frac = static_cast<std::int64_t>(thousandths % 1000);
    return fmt::format("{}.{:03}", whole, frac);
}

void print_apportionment(const dl::Apportionment& a) {
    cli::TextTable t({_("unit"), _c("count", "members"), _("quota"), _c("apportioned", "seats")},
                     {Align::Left, Align::Right, Align::Right, Align::Right});
    for (const auto& u : a.units) {
        std::string quota;
        if (u.at_minimum) quota = _("minimum");
        else if (a.method == dl::Method::Hamilton) quota = i18n::decimal(three_decimals(u.quota_num, u.quota_den));
        // In an unsettled tie: the seats it is sure of, or one more.
        t.add({u.code, std::to_string(u.members), quota,
               u.undecided ? _f("{} or {}", u.seats, u.seats + 1) : std::to_string(u.seats)});
    }
    t.print();
    fmt::print("{}\n", _fn("{} seat by {}", "{} seats by {}", static_cast<unsigned long>(a.seats), a.seats,
                           dl::methods().label(a.method)));
    for (const auto& tie : a.ties) fmt::print("{}\n", _f("tie: {}", dl::describe(tie, a)));
}

void run_apportion(const cli::Common& common, const ApportionOptions& o) {
    dl::ApportionRequest r = dl::apportion_request(o.args);
    auto ws = common.open();
    auto a = dl::apportion_units(ws.db(), r);
    if (o.save) dl::save_apportionment(ws, r, a);
    if (common.json) cli::print_json(dl::to_json(a));
    else print_apportionment(a);
    std::fflush(stdout);
    if (o.save) cli::note(common, _("the apportionment is saved"));
}

}  // namespace

std::vector<cli::Command> unit_commands() {
    return {
        cli::backed_up(cli::command<ImportOptions>({"units", "import"}, N_("import the units: code, name, members[, min_seats]"),
                                    cli::Effect::Changes, declare_import, run_units_import)),
        cli::command<NoOptions>({"units", "list"}, N_("list the units"), cli::Effect::Reads,
                                [](CLI::App&, NoOptions&) {}, run_units_list),
        cli::backed_up(cli::command<ApportionOptions>({"apportion"},
                                                      N_("share the delegate seats among the units by membership"),
                                                      cli::Effect::Changes, declare_apportion, run_apportion),
                       "--save"),
    };
}

}  // namespace daihoi::delegates_tool
