// Backups: SQLite's online backup API both ways — from the live workspace
// into a checked file, and from a checked file into the live workspace.
#include "core/db/backup.hpp"

#include "core/audit/audit.hpp"
#include "core/audit/sha256.hpp"
#include "core/base/atomic_file.hpp"
#include "core/base/i18n.hpp"
#include "core/error.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <tuple>

namespace daihoi::db {

namespace fs = std::filesystem;

namespace {

// Copies the whole of `src` into `dest` in one step: one read transaction
// on the source (in WAL mode writers go on meanwhile) and one write
// transaction on the destination, so the copy is one consistent snapshot.
void copy_database(SQLite::Database& dest, SQLite::Database& src) {
    sqlite3_backup* b = sqlite3_backup_init(dest.getHandle(), "main", src.getHandle(), "main");
    if (!b) throw SQLite::Exception(dest.getHandle(), sqlite3_errcode(dest.getHandle()));
    int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) throw SQLite::Exception(dest.getHandle(), rc);
}

std::string file_sha256(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    audit::Sha256 h;
    std::string buf(1 << 16, '\0');
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        h.update(std::string_view(buf.data(), static_cast<std::size_t>(in.gcount())));
    }
    return h.hex();
}

bool has_table(SQLite::Database& db, const char* name) {
    SQLite::Statement q(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    q.bind(1, name);
    return q.executeStep();
}

// The checks a backup must pass, on an open copy. Throws IntegrityError.
BackupInfo inspect(SQLite::Database& db, const fs::path& file) {
    BackupInfo info;
    info.file = file.string();
    std::vector<std::string> problems;
    try {
        if (db.execAndGet("PRAGMA application_id").getInt() != kApplicationId)
            throw IntegrityError(_f("{} is not a backup of a daihoi workspace", file.string()));
        info.schema = db.execAndGet("PRAGMA user_version").getInt();
        SQLite::Statement check(db, "PRAGMA integrity_check(20)");
        while (check.executeStep()) {
            std::string line = check.getColumn(0).getString();
            if (line != "ok") problems.push_back(line);
        }
        if (problems.empty()) {
            if (!has_table(db, "audit"))
                throw IntegrityError(_f("{} is not a backup of a daihoi workspace", file.string()));
            auto entries = audit::log(db);
            for (const auto& p : audit::check_chain(entries)) problems.push_back(p.message());
            info.audit_entries = static_cast<long long>(entries.size());
            if (!entries.empty()) info.audit_head = entries.back().hash;
            if (has_table(db, "ballots"))
                info.ballots = db.execAndGet("SELECT count(*) FROM ballots").getInt64();
        }
    } catch (const SQLite::Exception& e) {
        if ((e.getErrorCode() & 0xff) == SQLITE_NOTADB)
            throw IntegrityError(_f("{} is not a backup of a daihoi workspace", file.string()));
        throw IntegrityError(_f("{} cannot be checked: {}", file.string(), e.what()));
    }
    if (!problems.empty()) {
        std::string list;
        for (const auto& p : problems) list += "\n  " + p;
        throw IntegrityError(_f("{} is damaged; it is not used:{}", file.string(), list));
    }
    if (info.schema > Workspace::schema_version())
        throw Refused(
            _f("{} was written by a newer daihoi (schema {}, this program knows up to {})",
               file.string(), info.schema, Workspace::schema_version()));
    return info;
}

// Why a file could not be written, in words: a full disk, else the system's reason.
std::string write_failure(SQLite::Database& dest, const SQLite::Exception& e) {
    if ((e.getErrorCode() & 0xff) == SQLITE_FULL) return _("the disk is full");
    if (int err = sqlite3_system_errno(dest.getHandle())) return std::strerror(err);
    return e.what();
}

// ---- the names of automatic backups ---------------------------------------------------
// 20261206T105018.123Z-members-import.db: sorted by name is sorted by time.
const std::regex& auto_name() {
    static const std::regex re(
        R"((\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:\.\d{3})?Z-([a-z0-9-]+?)(?:-\d+)?\.db)");
    return re;
}

std::string stamp() {
    std::string s = audit::now_utc();  // 2026-12-06T10:50:18.123Z
    s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '-' || c == ':'; }),
            s.end());
    return s;
}

std::vector<fs::path> auto_backup_files(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        std::string name = e.path().filename().string();
        if (e.is_regular_file(ec) && std::regex_match(name, auto_name())) out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

BackupInfo backup(Workspace& ws, const fs::path& file, bool force) {
    AtomicFile out(file, force);
    const fs::path& tmp = out.temp_path();
    ::chmod(tmp.c_str(), 0600);  // personnel data: as private as the workspace
    BackupInfo info;
    {
        SQLite::Database dest(tmp.string(), SQLite::OPEN_READWRITE, 10000);
        try {
            copy_database(dest, ws.db());
        } catch (const SQLite::Exception& e) {
            int code = e.getErrorCode() & 0xff;
            if (code == SQLITE_BUSY || code == SQLITE_LOCKED) throw;
            throw Refused(
                _f("cannot write the backup {}: {}", file.string(), write_failure(dest, e)));
        }
    }
    {
        // The copy took the workspace's header, WAL mode included: made a
        // single self-contained file again, then checked as a restore will.
        SQLite::Database dest(tmp.string(), SQLite::OPEN_READWRITE, 10000);
        try {
            dest.exec("PRAGMA journal_mode = DELETE");
        } catch (const SQLite::Exception& e) {
            throw Refused(
                _f("cannot write the backup {}: {}", file.string(), write_failure(dest, e)));
        }
        info = inspect(dest, file);
    }
    out.commit();
    std::error_code ec;
    info.size = fs::file_size(file, ec);
    info.sha256 = file_sha256(file);
    return info;
}

BackupInfo check_backup(const fs::path& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) throw Refused(_f("no backup file {}", file.string()));
    BackupInfo info;
    {
        std::unique_ptr<SQLite::Database> db;
        try {
            db = std::make_unique<SQLite::Database>(file.string(), SQLite::OPEN_READONLY, 10000);
        } catch (const SQLite::Exception& e) {
            throw IntegrityError(_f("{} cannot be checked: {}", file.string(), e.what()));
        }
        info = inspect(*db, file);
    }
    info.size = fs::file_size(file, ec);
    info.sha256 = file_sha256(file);
    return info;
}

// ---- automatic backups ---------------------------------------------------------------
fs::path backups_dir(const std::string& workspace) {
    return fs::path(workspace + ".backups");
}

AutoBackup auto_backup(const std::string& workspace, const std::string& command) {
    AutoBackup result;
    std::error_code ec;
    if (!fs::exists(workspace, ec)) {
        result.outcome = AutoBackup::Outcome::NoWorkspace;
        return result;
    }
    std::uintmax_t size = fs::file_size(workspace, ec);
    if (auto wal = fs::file_size(workspace + "-wal", ec); !ec) size += wal;
    if (size > kAutoBackupLimit) {
        result.outcome = AutoBackup::Outcome::TooLarge;
        result.workspace_size = size;
        return result;
    }
    Workspace ws = Workspace::open(workspace);  // refuses as the command would
    fs::path dir = backups_dir(workspace);
    try {
        if (fs::create_directory(dir)) fs::permissions(dir, fs::perms::owner_all);
        // Two terminals may back up in the same millisecond: the name is
        // claimed when the copy is linked into place, and the one that loses
        // takes the next name.
        std::string base = stamp() + "-" + command;
        for (int n = 1;; ++n) {
            fs::path file = dir / (n == 1 ? base + ".db" : fmt::format("{}-{}.db", base, n));
            try {
                result.info = backup(ws, file, false);
                break;
            } catch (const FileExists&) {
                if (n >= 100) throw;
            }
        }
    } catch (const fs::filesystem_error& e) {
        throw Refused(_f(
            "the automatic backup before this command could not be made: {}; nothing was changed "
            "(--no-backup runs the command without one)",
            std::strerror(e.code().value())));
    } catch (const Error& e) {
        throw Refused(_f(
            "the automatic backup before this command could not be made: {}; nothing was changed "
            "(--no-backup runs the command without one)",
            e.what()));
    }
    // The newest are kept; a copy that cannot be removed is left for the person.
    auto files = auto_backup_files(dir);
    for (std::size_t i = 0; i + kKeptBackups < files.size(); ++i) fs::remove(files[i], ec);
    return result;
}

std::vector<BackupEntry> list_backups(const std::string& workspace) {
    std::vector<BackupEntry> out;
    for (const auto& file : auto_backup_files(backups_dir(workspace))) {
        std::smatch m;
        std::string name = file.filename().string();
        std::regex_match(name, m, auto_name());
        BackupEntry e;
        e.file = file;
        e.at = fmt::format("{}-{}-{}T{}:{}:{}Z", m[1].str(), m[2].str(), m[3].str(), m[4].str(),
                           m[5].str(), m[6].str());
        e.command = m[7].str();
        std::error_code ec;
        e.size = fs::file_size(file, ec);
        try {
            SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
            e.audit_entries = db.execAndGet("SELECT count(*) FROM audit").getInt64();
        } catch (const SQLite::Exception&) {
        }
        out.push_back(std::move(e));
    }
    return out;
}

// ---- restore ------------------------------------------------------------------------
namespace {

using BallotKey = std::tuple<std::string, int, long long>;

std::set<BallotKey> ballot_keys(SQLite::Database& db) {
    std::set<BallotKey> keys;
    if (!has_table(db, "ballots")) return keys;
    SQLite::Statement q(db, "SELECT election, pass, serial FROM ballots");
    while (q.executeStep())
        keys.emplace(q.getColumn(0).getString(), q.getColumn(1).getInt(),
                     q.getColumn(2).getInt64());
    return keys;
}

std::map<std::string, std::string> election_status(SQLite::Database& db) {
    std::map<std::string, std::string> out;
    if (!has_table(db, "elections")) return out;
    SQLite::Statement q(db, "SELECT id, status FROM elections");
    while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getString();
    return out;
}

std::vector<std::string> chain_hashes(SQLite::Database& db) {
    std::vector<std::string> out;
    SQLite::Statement q(db, "SELECT hash FROM audit ORDER BY seq");
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

}  // namespace

Loss compare_with(Workspace& ws, const fs::path& backup_file) {
    SQLite::Database bk(backup_file.string(), SQLite::OPEN_READONLY, 10000);
    Loss loss;
    auto kept = ballot_keys(bk);
    for (const auto& key : ballot_keys(ws.db()))
        if (!kept.contains(key)) ++loss.ballots;
    auto before = election_status(bk);
    for (const auto& [id, status] : election_status(ws.db())) {
        if (status != "closed" && status != "sealed") continue;
        auto it = before.find(id);
        if (it == before.end() || it->second != status) loss.closed_elections.push_back(id);
    }
    auto current = chain_hashes(ws.db());
    auto old = chain_hashes(bk);
    std::size_t common = 0;
    while (common < current.size() && common < old.size() && current[common] == old[common])
        ++common;
    loss.backup_chain_is_prefix = common == old.size();
    loss.audit_entries = static_cast<long long>(current.size() - common);
    return loss;
}

namespace {

// Refuses the restore when it would lose ballots or a closed election.
void refuse_loss(const Loss& lost, const fs::path& file) {
    std::vector<std::string> what;
    if (lost.ballots)
        what.push_back(_fn("{} ballot entered since the backup",
                           "{} ballots entered since the backup", lost.ballots, lost.ballots));
    if (!lost.closed_elections.empty())
        what.push_back(
            _f("the closed or sealed elections {}", fmt::join(lost.closed_elections, ", ")));
    throw Refused(
        _f("restoring {} would lose {}; nothing was changed (--discard restores it anyway, "
           "after a backup of the current workspace)",
           file.string(), fmt::join(what, _(" and "))));
}

// The workspace as it will be: the backup, brought up to the current schema,
// with the audit entry of the restore already appended; removed once copied
// into the workspace or abandoned (a crash leaves it, hidden, in the folder).
class Staged {
public:
    Staged(const fs::path& dir, const fs::path& backup_file, const Restored& r) {
        std::error_code ec;
        if (fs::create_directory(dir, ec)) fs::permissions(dir, fs::perms::owner_all, ec);
        std::string pattern = (dir / ".restoring-XXXXXX").string();
        int fd = ::mkstemp(pattern.data());
        if (fd < 0)
            throw Refused(_f("cannot prepare the restore in {}: {}", dir.string(),
                             std::strerror(errno)));
        ::close(fd);
        path_ = pattern;
        {
            SQLite::Database dest(path_.string(), SQLite::OPEN_READWRITE, 10000);
            SQLite::Database src(backup_file.string(), SQLite::OPEN_READONLY, 10000);
            copy_database(dest, src);
        }
        Workspace staged = Workspace::open(path_.string());  // migrated to the current schema
        Transaction tx(staged);
        tx.commit(_f("workspace restored from {} ({} audit entries, head {}); the chain it "
                     "replaced had {} entries, head {}",
                     backup_file.string(), r.backup.audit_entries, r.backup.audit_head,
                     r.replaced_entries, r.replaced_head),
                  r.backup.sha256);
    }
    ~Staged() {
        std::error_code ec;
        for (const char* tail : {"", "-wal", "-shm", "-journal"})
            fs::remove(path_.string() + tail, ec);
    }
    Staged(const Staged&) = delete;
    Staged& operator=(const Staged&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// Copies `staged` over the live workspace in one transaction, provided that
// the workspace still ends its chain at `head` once its write lock is held:
// every change appends an audit entry, so an unchanged head is an unchanged
// workspace. False, and nothing changed, when another terminal wrote since.
bool replace_if_unchanged(Workspace& ws, const fs::path& staged, const std::string& head) {
    SQLite::Database src(staged.string(), SQLite::OPEN_READONLY, 10000);
    sqlite3_backup* b = sqlite3_backup_init(ws.db().getHandle(), "main", src.getHandle(), "main");
    if (!b) throw SQLite::Exception(ws.db().getHandle(), sqlite3_errcode(ws.db().getHandle()));
    // A step of no pages takes the workspace's write lock and keeps it until
    // the copy is done or abandoned (sqlite3_backup_finish rolls it back).
    int rc = sqlite3_backup_step(b, 0);
    if (rc != SQLITE_OK) {
        sqlite3_backup_finish(b);
        throw SQLite::Exception(ws.db().getHandle(), rc);
    }
    std::string now;
    try {
        SQLite::Database probe(ws.path(), SQLite::OPEN_READONLY, 10000);
        SQLite::Statement q(probe, "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1");
        if (q.executeStep()) now = q.getColumn(0).getString();
    } catch (...) {
        sqlite3_backup_finish(b);
        throw;
    }
    if (now != head) {
        sqlite3_backup_finish(b);
        return false;
    }
    rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) throw SQLite::Exception(ws.db().getHandle(), rc);
    return true;
}

}  // namespace

Restored restore(Workspace& ws, const fs::path& file, bool discard,
                 const std::function<void()>& before_copy) {
    Restored r;
    r.backup = check_backup(file);
    // A terminal may enter a ballot while the restore is prepared: then the
    // workspace is compared again, and refused or backed up again.
    constexpr int kAttempts = 5;
    for (int attempt = 1;; ++attempt) {
        r.lost = compare_with(ws, file);
        if (r.lost.would_lose_data() && !discard) refuse_loss(r.lost, file);
        auto current = chain_hashes(ws.db());
        r.replaced_entries = static_cast<long long>(current.size());
        r.replaced_head = current.empty() ? "" : current.back();
        if (before_copy) before_copy();
        Staged staged(backups_dir(ws.path()), file, r);
        if (replace_if_unchanged(ws, staged.path(), r.replaced_head)) return r;
        if (attempt == kAttempts)
            throw Refused(_f("the workspace changed {} times while {} was being restored; "
                             "nothing was changed (restore it when no terminal is entering)",
                             kAttempts, file.string()));
    }
}

}  // namespace daihoi::db
