// Backups of the workspace (SPEC §2a): `congress backup FILE`, the automatic
// copies kept in WORKSPACE.backups/ before a command that changes many rows at
// once, and `congress restore`. One mechanism for all of them: SQLite's online
// backup (a consistent snapshot while other terminals keep entering) into a
// temporary file beside the target, checked (PRAGMA integrity_check and the
// whole audit chain), synced and renamed into place, mode 0600.
#pragma once

#include "core/db/workspace.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace daihoi::db {

// What a checked backup file holds.
struct BackupInfo {
    std::string file;
    std::uintmax_t size = 0;
    std::string sha256;  // of the file's bytes
    long long audit_entries = 0;
    std::string audit_head;  // hash of the last audit entry ("" when none)
    long long ballots = 0;
    int schema = 0;  // PRAGMA user_version
};

// Copies the workspace `ws` into `file`. Refuses an existing `file` unless
// `force` (exit 1); a copy that fails its checks is never renamed into place
// (exit 4); a full disk or an unwritable folder is refused (exit 1) with no
// file left behind.
BackupInfo backup(Workspace& ws, const std::filesystem::path& file, bool force);

// Checks a backup file without changing it: a daihoi workspace of a schema
// this program knows, integrity_check ok, the audit chain intact. Throws
// IntegrityError (exit 4) for a damaged or unverifiable file, Refused for a
// missing one or one of a newer daihoi.
BackupInfo check_backup(const std::filesystem::path& file);

// ---- automatic backups ---------------------------------------------------------------
inline constexpr std::size_t kKeptBackups = 20;
inline constexpr std::uintmax_t kAutoBackupLimit = std::uintmax_t{1} << 30;  // 1 GB

// WORKSPACE.backups, beside the workspace.
std::filesystem::path backups_dir(const std::string& workspace);

struct AutoBackup {
    enum class Outcome { Made, NoWorkspace, TooLarge } outcome = Outcome::Made;
    BackupInfo info;                    // when Made
    std::uintmax_t workspace_size = 0;  // when TooLarge
};

// Copies the workspace at `workspace` to WORKSPACE.backups/<UTC time>-<command>.db
// (folder 0700, file 0600) and keeps the newest kKeptBackups. Nothing to copy
// when there is no workspace file yet (the command reports that itself); a
// workspace over kAutoBackupLimit is not copied. Throws Refused when the copy
// cannot be made (the command must then not run).
AutoBackup auto_backup(const std::string& workspace, const std::string& command);

// One automatic backup, as --list shows it.
struct BackupEntry {
    std::filesystem::path file;
    std::string at;       // ISO 8601 UTC, from the file's name
    std::string command;  // "members-import"
    std::uintmax_t size = 0;
    long long audit_entries = -1;  // -1: the file cannot be read
};
// Newest last.
std::vector<BackupEntry> list_backups(const std::string& workspace);

// ---- restore ------------------------------------------------------------------------
// What the current workspace holds that a backup lacks.
struct Loss {
    long long ballots = 0;                      // ballots not in the backup
    std::vector<std::string> closed_elections;  // closed or sealed here, not so in the backup
    long long audit_entries = 0;                // entries after the common part of the chains
    bool backup_chain_is_prefix = true;  // the backup's chain is the start of the current one
    bool would_lose_data() const { return ballots > 0 || !closed_elections.empty(); }
};
Loss compare_with(Workspace& ws, const std::filesystem::path& backup_file);

struct Restored {
    BackupInfo backup;
    Loss lost;
    long long replaced_entries = 0;
    std::string replaced_head;  // the head hash of the chain replaced
};

// Replaces the workspace's contents with the checked backup `file`: a
// damaged backup → IntegrityError, nothing changed; ballots or a closed or
// sealed election that would be lost → Refused unless `discard`. Then
// `before_copy` runs (the automatic backup of the current workspace) and the
// backup, brought up to the current schema with the audit entry `restore`
// (the head hash of the chain it replaces) already appended, is copied into
// the live workspace in one transaction under its write lock (SQLite's
// backup API: no file renamed under other terminals' connections). A crash
// leaves the workspace as it was or restored, never restored without its
// entry. If another terminal wrote in the meantime (the chain's head moved),
// nothing is copied and the comparison is made again.
Restored restore(Workspace& ws, const std::filesystem::path& file, bool discard,
                 const std::function<void()>& before_copy);

}  // namespace daihoi::db
