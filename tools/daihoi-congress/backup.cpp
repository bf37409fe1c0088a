// congress backup and congress restore (SPEC §2a): the rules are in
// core/db/backup; this file parses and prints.
#include "backup.hpp"

#include "core/cli/table.hpp"
#include "core/db/backup.hpp"
#include "core/error.hpp"
#include "core/text/utf8.hpp"

namespace daihoi::congress_tool {

using cli::Effect;

namespace {

cli::Json to_json(const db::BackupInfo& b) {
    return {{"file", b.file},
            {"size", b.size},
            {"sha256", b.sha256},
            {"audit_entries", b.audit_entries},
            {"audit_head", b.audit_head},
            {"ballots", b.ballots}};
}

void print_info(const db::BackupInfo& b) {
    const std::pair<std::string, std::string> rows[] = {
        {_("file:"), b.file},
        {_("size:"), _fn("{} byte", "{} bytes", b.size, b.size)},
        {_("SHA-256:"), b.sha256},
        {_("audit entries:"), std::to_string(b.audit_entries)},
        {_("ballots:"), std::to_string(b.ballots)},
    };
    for (const auto& [label, value] : rows) fmt::print("{}{}\n", text::pad_right(label, 16), value);
}

struct BackupOptions {
    std::string file;
    bool force = false;
};

void declare_backup(CLI::App& app, BackupOptions& o) {
    app.add_option("FILE", o.file, _("the backup file to write"))->required();
    app.add_flag("--force", o.force, _("replace FILE if it exists"));
}

void run_backup(const cli::Common& common, const BackupOptions& o) {
    auto ws = common.open();
    auto info = db::backup(ws, o.file, o.force);
    if (common.json) return cli::print_json(to_json(info));
    print_info(info);
}

struct RestoreOptions {
    std::string file;
    bool last = false, list = false, discard = false;
};

void declare_restore(CLI::App& app, RestoreOptions& o) {
    app.add_option("FILE", o.file, _("the backup file to restore"));
    app.add_flag("--last", o.last, _("the newest automatic backup"));
    app.add_flag("--list", o.list, _("list the automatic backups; restore nothing"));
    app.add_flag("--discard", o.discard,
                 _("restore even if ballots or closed or sealed elections of the current workspace "
                   "are lost"));
}

void print_list(const cli::Common& common) {
    auto entries = db::list_backups(common.db_path());
    if (common.json) {
        cli::Json j = cli::Json::array();
        for (const auto& e : entries)
            j.push_back({{"file", e.file.string()},
                         {"at", e.at},
                         {"command", e.command},
                         {"size", e.size},
                         {"audit_entries", e.audit_entries}});
        return cli::print_json(j);
    }
    if (entries.empty()) {
        cli::note(common,
                  _f("no automatic backup in {}", db::backups_dir(common.db_path()).string()));
        return;
    }
    cli::TextTable t(
        {_("time (UTC)"), _("before the command"), _("size"), _("audit entries"), _("file")},
        {cli::TextTable::Align::Left, cli::TextTable::Align::Left, cli::TextTable::Align::Right,
         cli::TextTable::Align::Right, cli::TextTable::Align::Left});
    for (const auto& e : entries)
        t.add({e.at, e.command, std::to_string(e.size),
               e.audit_entries < 0 ? _("unreadable") : std::to_string(e.audit_entries),
               e.file.string()});
    t.print();
}

void run_restore(const cli::Common& common, const RestoreOptions& o) {
    if (int named = !o.file.empty() + o.last + o.list; named != 1)
        throw UsageError(_("name one backup: FILE, --last or --list"));
    if (o.list) return print_list(common);
    std::string file = o.file;
    if (o.last) {
        auto entries = db::list_backups(common.db_path());
        if (entries.empty())
            throw Refused(
                _f("no automatic backup in {}", db::backups_dir(common.db_path()).string()));
        file = entries.back().file.string();
    }
    auto ws = common.open();
    auto r =
        db::restore(ws, file, o.discard, [&] { cli::auto_backup(common, "congress-restore"); });
    if (common.json)
        return cli::print_json(
            {{"restored", to_json(r.backup)},
             {"lost",
              {{"ballots", r.lost.ballots},
               {"closed_elections", r.lost.closed_elections},
               {"audit_entries", r.lost.audit_entries},
               {"backup_chain_is_prefix", r.lost.backup_chain_is_prefix}}},
             {"replaced",
              {{"audit_entries", r.replaced_entries}, {"audit_head", r.replaced_head}}}});
    if (r.lost.ballots)
        cli::note(common, _fn("note: {} ballot entered since the backup was discarded",
                              "note: {} ballots entered since the backup were discarded",
                              r.lost.ballots, r.lost.ballots));
    if (!r.lost.closed_elections.empty())
        cli::note(common, _f("note: the elections {} are no longer closed or sealed",
                             fmt::join(r.lost.closed_elections, ", ")));
    if (r.lost.audit_entries)
        cli::note(common, _fn("note: {} audit entry since the backup is kept only in the backup "
                              "made before the restore",
                              "note: {} audit entries since the backup are kept only in the backup "
                              "made before the "
                              "restore",
                              r.lost.audit_entries, r.lost.audit_entries));
    if (!r.lost.backup_chain_is_prefix)
        cli::note(common, _("note: the backup's audit trail is not the beginning of the current "
                            "one: it is a copy of "
                            "another history"));
    cli::note(common, _f("workspace restored from {} ({} audit entries, {} ballots); the replaced "
                         "audit chain ended "
                         "with {}",
                         file, r.backup.audit_entries, r.backup.ballots, r.replaced_head));
}

}  // namespace

std::vector<cli::Command> backup_commands() {
    return {cli::command<BackupOptions>(
                {"backup"}, N_("copy the workspace, checked, to a file (while terminals enter)"),
                Effect::Reads, declare_backup, run_backup),
            cli::backed_up(cli::command<RestoreOptions>(
                               {"restore"},
                               N_("replace the workspace with a checked backup (--list: the "
                                  "automatic backups)"),
                               Effect::Changes, declare_restore, run_restore),
                           "", cli::Command::Backup::ByCommand)};
}

}  // namespace daihoi::congress_tool
