// daihoi-audit — the hash-chained audit trail: show it, verify it.
#include "core/audit/audit.hpp"
#include "core/cli/legacy.hpp"
#include "core/cli/table.hpp"
#include "core/election/election.hpp"
#include "core/error.hpp"

#include <fstream>
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

        auto* verify = cli::subcommand(app, "verify",
                                       "recompute the hash chain and re-tally every sealed election; exit 4 if anything was altered");
        verify->callback([&] {
            auto ws = common.open();
            auto problems = audit::verify_chain(ws.db());
            for (auto& p : election::verify_sealed(ws.db())) problems.push_back(std::move(p));
            std::size_t sealed = 0;
            for (const auto& e : election::list(ws.db())) sealed += e.phase == election::Phase::Sealed;
            auto entries = audit::log(ws.db());
            if (common.json) {
                cli::print_json({{"ok", problems.empty()}, {"entries", entries.size()}, {"sealed_elections", sealed},
                                 {"head", entries.empty() ? "" : entries.back().hash}, {"problems", problems}});
            } else {
                for (const auto& p : problems) fmt::print(stderr, "daihoi-audit: integrity: {}\n", p);
                if (problems.empty())
                    fmt::print("ok: {} audit entries, chain intact; {} sealed election(s) re-tallied and unchanged; head {}\n",
                               entries.size(), sealed, entries.empty() ? "-" : entries.back().hash);
            }
            if (!problems.empty())
                throw IntegrityError(fmt::format("{} integrity problem(s) found", problems.size()));
        });

        static std::string id, file;
        auto* exp = cli::subcommand(app, "export", "write one election's full record as JSON: export ID FILE.json");
        exp->add_option("ID", id, "the election")->required();
        exp->add_option("FILE", file, "the JSON file to write ('-' for standard output)")->required();
        exp->callback([&] {
            auto ws = common.open();
            auto r = election::record(ws.db(), id);
            auto e = election::require(ws.db(), id);
            cli::Json out;
            out["record"] = r;
            out["record_hash"] = election::record_hash(r);
            out["sealed"] = e.phase == election::Phase::Sealed;
            out["sealed_hash"] = e.record_hash.empty() ? cli::Json(nullptr) : cli::Json(e.record_hash);
            out["how_to_verify"] =
                "record_hash is the SHA-256 of the 'record' member serialized compactly, keys in the order given, "
                "non-ASCII as UTF-8. To recount: a ballot is invalid if its flag is non-empty, else if it keeps more "
                "names than seats + reserves (over_vote), else if it keeps none while there are more candidates than "
                "places (all_crossed); a candidate's votes are the valid pass-1 ballots keeping its position; a majority "
                "is 2 x votes > counts.base.";
            std::string text = out.dump(2);
            if (file == "-") {
                fmt::print("{}\n", text);
                return;
            }
            std::ofstream f(file, std::ios::binary);
            f << text << "\n";
            if (!f) throw Refused(fmt::format("cannot write {}", file));
            cli::note(common, "wrote {} ({} ballots)", file, r["ballots"].size());
        });
    });
}
