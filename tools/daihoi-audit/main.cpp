// daihoi-audit — the hash-chained audit trail: show it, verify it.
#include "core/audit/audit.hpp"
#include "core/cli/cli.hpp"
#include "core/cli/table.hpp"
#include "core/error.hpp"
#include "core/text/date.hpp"

using namespace daihoi;

int main(int argc, char** argv) {
    return cli::run("daihoi-audit", "The hash-chained audit trail of the workspace", argc, argv,
                    [](CLI::App& app, cli::Common& common) {
        static std::optional<std::string> since;
        auto* log = cli::subcommand(app, "log", "print the audit trail, oldest first");
        log->add_option("--since", since, "only entries on or after this date (YYYY-MM-DD or DD/MM/YYYY)");
        log->callback([&] {
            std::optional<std::string> from;
            if (since) {
                auto d = text::parse_date(*since);
                if (!d) throw UsageError(fmt::format("--since: '{}' is not a date", *since));
                from = d->iso();
            }
            auto ws = common.open();
            auto entries = audit::log(ws.db(), from);
            if (common.json) {
                cli::Json j = cli::Json::array();
                for (const auto& e : entries)
                    j.push_back({{"seq", e.seq}, {"at", e.at}, {"user", e.os_user}, {"tool", e.tool},
                                 {"command", e.command}, {"summary", e.summary},
                                 {"object_hash", e.object_hash}, {"hash", e.hash}});
                return cli::print_json(j);
            }
            cli::TextTable t({"#", "time (UTC)", "user", "tool", "summary"}, {cli::TextTable::Align::Right});
            for (const auto& e : entries)
                t.add({std::to_string(e.seq), e.at.substr(0, 19), e.os_user, e.tool, e.summary});
            t.print();
            if (!entries.empty()) fmt::print("head {}\n", entries.back().hash);
        });

        auto* verify = cli::subcommand(app, "verify", "recompute the hash chain; exit 4 if anything was altered");
        verify->callback([&] {
            auto ws = common.open();
            auto problems = audit::verify_chain(ws.db());
            auto entries = audit::log(ws.db());
            if (common.json) {
                cli::print_json({{"ok", problems.empty()}, {"entries", entries.size()},
                                 {"head", entries.empty() ? "" : entries.back().hash}, {"problems", problems}});
            } else {
                for (const auto& p : problems) fmt::print(stderr, "daihoi-audit: integrity: {}\n", p);
                if (problems.empty())
                    fmt::print("ok: {} audit entries, chain intact, head {}\n", entries.size(),
                               entries.empty() ? "-" : entries.back().hash);
            }
            if (!problems.empty())
                throw IntegrityError(fmt::format("{} integrity problem(s) found", problems.size()));
        });
    });
}
