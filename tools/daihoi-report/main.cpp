// daihoi-report — every list and result as print-ready .xlsx (the signed
// papers also as .pdf), or CSV/JSON for scripts. Its commands come from the registry of report kinds (core/report):
// one command per kind, its options from the kind's parameters, and `all`.
#include "core/cli/cli.hpp"
#include "core/report/kinds.hpp"
#include "core/standards/standard_set.hpp"

#include "core/election/election.hpp"

#include <algorithm>
#include <cctype>
#include <memory>

using namespace daihoi;
using cli::Effect;

namespace {

// Reports are printed in the language in force (--lang, else the environment).
std::string language() {
    return std::string(i18n::code(i18n::lang()));
}

cli::Json to_json(const report::Written& w) {
    return {{"report", w.kind}, {"file", w.file.string()}, {"rows", w.rows}};
}

void note_written(const cli::Common& common, const report::Written& w) {
    cli::note(common,
              _fn("wrote {} ({} row)", "wrote {} ({} rows)", w.rows, w.file.string(), w.rows));
}

// The options of one kind: its parameters as given, and the file to write.
struct KindOptions {
    report::Params params;
    std::string output;
};

std::string metavar(const report::Param& p) {
    if (*p.metavar) return p.metavar;
    std::string m = p.name;
    for (auto& c : m)
        c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return m;
}

void declare_kind(CLI::App& app, const report::ReportKind& kind, KindOptions& o) {
    o.output = kind.name + ".xlsx";
    auto* params = &o.params;
    for (const auto& p : kind.params) {
        const std::string name = p.name;
        if (p.flag) {
            app.add_flag_callback(
                "--" + name, [params, name] { (*params)[name] = "1"; }, _(p.help));
        } else if (p.many) {
            app.add_option_function<std::vector<std::string>>(
                name,
                [params, name](const std::vector<std::string>& v) {
                    (*params)[name] = fmt::format("{}", fmt::join(v, "\n"));
                },
                _(p.help));
        } else {
            auto* opt = app.add_option_function<std::string>(
                p.positional ? name : "--" + name,
                [params, name](const std::string& v) { (*params)[name] = v; }, _(p.help));
            if (p.positional)
                opt->required();
            else
                opt->type_name(metavar(p));
        }
    }
    app.add_option("-o,--output", o.output,
                   kind.write_pdf ? _f("the file to write: .xlsx, .pdf (the paper to print), .csv or .json "
                                       "(default: {}.xlsx)",
                                       kind.name)
                   : kind.pdf ? _f("the file to write: .xlsx, .pdf (A4, to sign as printed), .csv or .json "
                                 "(default: {}.xlsx)",
                                 kind.name)
                            : _f("the file to write: .xlsx, .csv or .json (default: {}.xlsx)", kind.name))
        ->type_name("FILE");
}

void run_kind(const cli::Common& common, const report::ReportKind& kind, const KindOptions& o) {
    auto ws = common.open();
    auto w = report::write_kind(ws.db(), kind, o.params, language(), o.output, {common.progress()});
    if (common.json) return cli::print_json(to_json(w));
    note_written(common, w);
}

// A command per kind, declared from the kind's parameters.
cli::Command kind_command(const report::ReportKind& kind) {
    cli::Command c;
    c.words = {kind.name};
    c.summary = kind.summary;
    c.effect = Effect::Reads;
    c.bind = [&kind](CLI::App& app, const cli::Common& common) {
        auto o = std::make_shared<KindOptions>();
        declare_kind(app, kind, *o);
        return std::function<void()>([o, &common, &kind] { run_kind(common, kind, *o); });
    };
    return c;
}

struct AllOptions {
    std::string dir;
};

void declare_all(CLI::App& app, AllOptions& o) {
    app.add_option("DIR", o.dir, _("the folder to write into (created if missing)"))->required();
}

void run_all(const cli::Common& common, const AllOptions& o) {
    auto ws = common.open();
    auto written = report::write_all(ws.db(), o.dir, language(), {common.progress()},
                                     [&](const report::Written& w) {
                                         if (!common.json) note_written(common, w);
                                     });
    if (common.json) {
        cli::Json arr = cli::Json::array();
        for (const auto& w : written) arr.push_back(to_json(w));
        return cli::print_json(arr);
    }
    if (written.empty()) cli::note(common, _f("no data for any report in {}", ws.path()));
}

// Election IDs read only (completion never creates or migrates a
// workspace), and the names of the standard sets.
std::vector<std::string> complete(const cli::Common& common, std::string_view metavar) {
    std::vector<std::string> out;
    if (metavar == "ID") {
        out = election::election_ids(common.db_path());
    } else if (metavar == "NAME") {
        out = standards::usable_set_names(common.db_path());
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<cli::Command> commands;
    for (const auto& kind : report::report_kinds()) commands.push_back(kind_command(kind));
    commands.push_back(cli::command<AllOptions>(
        {"all"}, N_("write every report the workspace has data for into DIR"), Effect::Reads,
        declare_all, run_all));
    return cli::main({"report", {}, std::move(commands), complete}, argc, argv);
}
