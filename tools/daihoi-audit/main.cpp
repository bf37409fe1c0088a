// daihoi-audit — the hash-chained audit trail: show it, verify it, export an election's record.
#include "core/audit/audit.hpp"
#include "core/base/atomic_file.hpp"
#include "core/cli/cli.hpp"
#include "core/cli/table.hpp"
#include "core/election/election.hpp"
#include "core/error.hpp"
#include "core/text/date.hpp"

#include <algorithm>
#include <cctype>

using namespace daihoi;
using cli::Effect;

namespace {

struct LogOptions {
    std::optional<std::string> since;
};

void declare_log(CLI::App& app, LogOptions& o) {
    app.add_option("--since", o.since, _("only entries on or after this date (YYYY-MM-DD or DD/MM/YYYY)"))
        ->type_name("DATE");
}

void run_log(const cli::Common& common, const LogOptions& o) {
    std::optional<std::string> from;
    if (o.since) from = text::parse_date_option("--since", *o.since).iso();
    auto ws = common.open();
    auto entries = audit::log(ws.db(), from);
    if (common.json) {
        json::ArrayStream out;
        for (const auto& e : entries)
            out.add({{"seq", e.seq}, {"at", e.at}, {"user", e.os_user}, {"tool", e.tool}, {"command", e.command},
                     {"summary", e.summary}, {"object_hash", e.object_hash}, {"hash", e.hash}});
        return out.finish();
    }
    cli::TextTable t({"#", _("time (UTC)"), _("user"), _("tool"), _("summary")}, {cli::TextTable::Align::Right});
    for (const auto& e : entries) t.add({std::to_string(e.seq), e.at.substr(0, 19), e.os_user, e.tool, e.summary});
    t.print();
    if (!entries.empty()) fmt::print("{}\n", _f("head {}", entries.back().hash));
}

struct NoOptions {};

struct VerifyOptions {
    std::vector<std::string> records;  // ID=HASH, as typed from the signed minutes
};

void declare_verify(CLI::App& app, VerifyOptions& o) {
    app.add_option("--record", o.records,
                   _("ID=HASH: the record hash printed on the signed minutes of election ID (may be repeated)"))
        ->type_name("ID=HASH");
}

// "bch=3f…" → {bch, 3f…}; anything but 64 hexadecimal digits after '=' is a usage error.
election::PaperRecord parse_record(const std::string& arg) {
    auto eq = arg.find('=');
    std::string id = arg.substr(0, eq), hash = eq == std::string::npos ? "" : arg.substr(eq + 1);
    bool hex = hash.size() == 64 && std::all_of(hash.begin(), hash.end(), [](unsigned char c) { return std::isxdigit(c); });
    if (id.empty() || !hex)
        throw UsageError(_f("--record: '{}' is not ID=HASH (the election's identifier, '=', and the 64 hexadecimal "
                            "digits printed on its minutes)",
                            arg));
    return {id, hash};
}

void run_verify(const cli::Common& common, const VerifyOptions& o) {
    std::vector<election::PaperRecord> papers;
    for (const auto& a : o.records) papers.push_back(parse_record(a));
    auto ws = common.open();
    const auto r = election::verify(ws.db(), papers);
    if (common.json) {
        cli::print_json(election::to_json(r));
    } else {
        for (const auto& p : r.problems) fmt::print(stderr, "{}: {}: {}\n", cli::tool_name(), _("integrity"), p.message);
        if (r.ok)
            fmt::print("{}\n", _fn("ok: {} audit entries, chain intact; {} sealed election re-tallied and unchanged; "
                                   "head {}",
                                   "ok: {} audit entries, chain intact; {} sealed elections re-tallied and unchanged; "
                                   "head {}",
                                   r.sealed_elections, r.entries, r.sealed_elections, r.head.empty() ? "-" : r.head));
    }
    if (!r.ok)
        throw IntegrityError(_fn("{} integrity problem found", "{} integrity problems found", r.problems.size(),
                                 r.problems.size()));
}

struct ExportOptions {
    std::string id, file;
};

void declare_export(CLI::App& app, ExportOptions& o) {
    app.add_option("ID", o.id, _("the election's identifier"))->required();
    app.add_option("FILE", o.file, _("the JSON file to write ('-' for standard output)"))->required();
}

void run_export(const cli::Common& common, const ExportOptions& o) {
    auto ws = common.open();
    auto doc = election::export_record(ws.db(), o.id);
    std::string text = doc.dump(2) + "\n";
    if (o.file == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        return;
    }
    write_file_atomically(o.file, text);
    auto n = doc["record"]["ballots"].size();
    cli::note(common, _fn("wrote {} ({} ballot)", "wrote {} ({} ballots)", n, o.file, n));
}

}  // namespace

int main(int argc, char** argv) {
    auto complete = [](const cli::Common& common, std::string_view metavar) -> std::vector<std::string> {
        if (metavar == "ID") return election::election_ids(common.db_path());
        return {};
    };
    return cli::main(
        {"audit",
         {},
         {cli::command<LogOptions>({"log"}, N_("print the audit trail, oldest first"), Effect::Reads, declare_log,
                                   run_log),
          cli::command<VerifyOptions>({"verify"},
                                      N_("recompute the hash chain and re-tally every sealed election; exit 4 if "
                                         "anything was altered"),
                                      Effect::Reads, declare_verify, run_verify),
          cli::command<ExportOptions>({"export"}, N_("write one election's full record as JSON"), Effect::Reads,
                                      declare_export, run_export)},
         complete},
        argc, argv);
}
