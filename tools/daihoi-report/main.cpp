// daihoi-report — every list and result as print-ready .xlsx, or CSV/JSON for
// scripts. Subcommands come from the registry of report kinds (core/report).
#include "core/cli/legacy.hpp"
#include "core/report/kinds.hpp"

#include <fmt/format.h>

#include <map>

using namespace daihoi;

static cli::Json to_json(const report::Written& w) {
    return {{"report", w.kind}, {"file", w.file.string()}, {"rows", w.rows}};
}

int main(int argc, char** argv) {
    return cli::run(
        "daihoi-report", "Write reports: .xlsx to print, .csv/.json for scripts", argc, argv,
        [](CLI::App& app, cli::Common& common) {
            static std::string lang = "vi";
            auto lang_option = [&](CLI::App* sub) {
                sub->add_option("--lang", lang,
                                "language of the printed words: vi (default) or en");
            };

            static std::map<std::string, report::Params> given;  // per kind
            static std::map<std::string, std::string> output;
            for (const auto& kind : report::report_kinds()) {
                auto* sub = cli::subcommand(app, kind.name, kind.summary);
                auto& params = given[kind.name];
                for (const auto& p : kind.params) {
                    if (p.flag) {
                        sub->add_flag_callback(
                            "--" + p.name, [&params, name = p.name] { params[name] = "1"; },
                            p.help);
                        continue;
                    }
                    if (p.many) {
                        sub->add_option_function<std::vector<std::string>>(
                            p.name,
                            [&params, name = p.name](const std::vector<std::string>& v) {
                                params[name] = fmt::format("{}", fmt::join(v, "\n"));
                            },
                            p.help);
                        continue;
                    }
                    auto* opt = sub->add_option_function<std::string>(
                        p.positional ? p.name : "--" + p.name,
                        [&params, name = p.name](const std::string& v) { params[name] = v; },
                        p.help);
                    if (p.positional) opt->required();
                    if (!p.choices.empty()) opt->check(CLI::IsMember(p.choices));
                }
                output[kind.name] = kind.name + ".xlsx";
                sub->add_option(
                    "-o,--output", output[kind.name],
                    "output file; .xlsx, .csv or .json (default: " + kind.name + ".xlsx)");
                lang_option(sub);
                sub->callback([&, name = kind.name] {
                    auto ws = common.open();
                    auto w = report::write_kind(ws.db(), report::report_kind(name), given[name],
                                                lang, output[name], {common.progress()});
                    if (common.json)
                        cli::print_json(to_json(w));
                    else
                        cli::note(common, "wrote {} ({} rows)", w.file.string(), w.rows);
                });
            }

            static std::string dir;
            auto* all = cli::subcommand(app, "all",
                                        "write every report the workspace has data for into DIR");
            all->add_option("DIR", dir, "output folder (created if missing)")->required();
            lang_option(all);
            all->callback([&] {
                auto ws = common.open();
                auto written = report::write_all(
                    ws.db(), dir, lang, {common.progress()}, [&](const report::Written& w) {
                        if (!common.json)
                            cli::note(common, "wrote {} ({} rows)", w.file.string(), w.rows);
                    });
                if (common.json) {
                    cli::Json arr = cli::Json::array();
                    for (const auto& w : written) arr.push_back(to_json(w));
                    cli::print_json(arr);
                } else if (written.empty()) {
                    cli::note(common, "no data for any report in {}", ws.path());
                }
            });
        });
}
