// Opening, creating and migrating the workspace file.
#include "core/db/workspace.hpp"

#include "core/base/i18n.hpp"

#include "core/audit/audit.hpp"
#include "core/db/schema.hpp"
#include "core/error.hpp"
#include "core/text/names.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unicode/uversion.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace daihoi::db {

namespace {

std::string icu_version() {
    UVersionInfo v;
    u_getVersion(v);
    char buf[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, buf);
    return buf;
}

std::unique_ptr<SQLite::Database> connect(const std::string& path, int mode = SQLite::OPEN_READWRITE) {
    // Before SQLite's first use: no global lock around every allocation to
    // keep memory statistics nobody reads (a bulk import makes millions).
    static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)configured;
    try {
        // A connection is used by one thread at a time (an import's parsing
        // thread never touches the workspace): no mutex on every call.
        return std::make_unique<SQLite::Database>(path, mode | SQLITE_OPEN_NOMUTEX, 10000);
    } catch (const SQLite::Exception& e) {
        throw Refused(_f("cannot open the workspace {}: {}", path, e.what()));
    }
}

}  // namespace

std::string resolve_path(const std::optional<std::string>& flag) {
    if (flag && !flag->empty()) return *flag;
    if (const char* env = std::getenv("DAIHOI_DB"); env && *env) return env;
    return "daihoi.db";
}

Workspace::Workspace(std::string path, std::unique_ptr<SQLite::Database> db)
    : path_(std::move(path)), db_(std::move(db)) {}

int Workspace::schema_version() { return static_cast<int>(migrations().size()); }

void Workspace::configure() {
    try {
        db_->exec("PRAGMA busy_timeout = 10000");
        db_->exec("PRAGMA journal_mode = WAL");
        // FULL: in WAL mode every commit syncs the WAL before it returns, so a
        // ballot, a check-in or a decision the terminal has acknowledged
        // survives a power cut (NORMAL would be consistent but could lose the
        // last commits). tests/shell/power_loss.sh proves it.
        db_->exec("PRAGMA synchronous = FULL");
        db_->exec("PRAGMA foreign_keys = ON");
    } catch (const SQLite::Exception& e) {
        // A file that is no database is an integrity problem; a disk that
        // cannot be written (full, read-only) is not: the caller says so.
        int code = e.getErrorCode() & 0xff;
        if (code != SQLITE_NOTADB && code != SQLITE_CORRUPT && code != SQLITE_ERROR) throw;
        throw IntegrityError(_f("{}: not a readable SQLite database ({})", path_, e.what()));
    }
}

Workspace Workspace::create(const std::string& path) {
    // O_EXCL: never overwrite; 0600: personnel data is confidential.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            throw Refused(_f("{} already exists; a workspace is never overwritten", path));
        throw Refused(_f("cannot create {}: {}", path, std::strerror(errno)));
    }
    ::close(fd);
    try {
        Workspace ws(path, connect(path));
        // Before the first page is written: 16 KB pages make a bulk import of
        // a million members about an eighth faster than SQLite's 4 KB (fewer
        // page splits and WAL frames); a ballot's commit is still a few pages.
        ws.db().exec("PRAGMA page_size = 16384");
        ws.configure();
        ws.db().exec(fmt::format("PRAGMA application_id = {}", kApplicationId));
        ws.migrate();
        return ws;
    } catch (...) {
        std::filesystem::remove(path);
        std::filesystem::remove(path + "-wal");
        std::filesystem::remove(path + "-shm");
        throw;
    }
}

Workspace Workspace::open(const std::string& path) {
    if (!std::filesystem::exists(path))
        throw Refused(_f("no workspace at {}; create one with 'daihoi congress init' or pass --db FILE", path));
    Workspace ws(path, connect(path));
    ws.configure();
    int app_id;
    try {
        app_id = ws.db().execAndGet("PRAGMA application_id").getInt();
    } catch (const SQLite::Exception& e) {
        throw IntegrityError(_f("{}: not a readable SQLite database ({})", path, e.what()));
    }
    if (app_id != kApplicationId)
        throw Refused(_f("{} is not a daihoi workspace", path));
    ws.migrate();
    return ws;
}

Workspace Workspace::open_read_only(const std::string& path) {
    if (!std::filesystem::exists(path))
        throw Refused(_f("no workspace at {}; create one with 'daihoi congress init' or pass --db FILE", path));
    Workspace ws(path, connect(path, SQLite::OPEN_READONLY));
    int app_id = 0, version = 0;
    try {
        ws.db().exec("PRAGMA busy_timeout = 10000");
        app_id = ws.db().execAndGet("PRAGMA application_id").getInt();
        version = ws.db().execAndGet("PRAGMA user_version").getInt();
    } catch (const SQLite::Exception& e) {
        throw IntegrityError(_f("{}: not a readable SQLite database ({})", path, e.what()));
    }
    if (app_id != kApplicationId) throw Refused(_f("{} is not a daihoi workspace", path));
    if (version > schema_version())
        throw Refused(_f("{} was written by a newer daihoi (schema {}, this program knows up to {}); "
                         "upgrade daihoi to open it",
                         path, version, schema_version()));
    if (version < schema_version())
        throw Refused(_f("{} was written by an older daihoi (schema {}): open it once with a command of this one, "
                         "for instance 'daihoi congress show', which brings it up to date",
                         path, version));
    return ws;
}

void Workspace::migrate() {
    int version = db_->execAndGet("PRAGMA user_version").getInt();
    int latest = schema_version();
    if (version > latest)
        throw Refused(_f("{} was written by a newer daihoi (schema {}, this program knows up to {}); "
                         "upgrade daihoi to open it",
                         path_, version, latest));
    if (version < latest) {
        db_->exec("BEGIN IMMEDIATE");
        try {
            // Re-read under the write lock: another process may have migrated meanwhile.
            version = db_->execAndGet("PRAGMA user_version").getInt();
            for (int v = version; v < latest; ++v) db_->exec(std::string(migrations()[v]));
            db_->exec(fmt::format("PRAGMA user_version = {}", latest));
            db_->exec("COMMIT");
        } catch (...) {
            db_->exec("ROLLBACK");
            throw;
        }
    }
    // Stored name keys follow ICU's collation: rebuild them if ICU changed.
    std::string icu = icu_version();
    SQLite::Statement q(*db_, "SELECT value FROM meta WHERE key = 'icu_version'");
    std::string stored = q.executeStep() ? q.getColumn(0).getString() : "";
    if (stored != icu) {
        db_->exec("BEGIN IMMEDIATE");
        try {
            SQLite::Statement sel(*db_, "SELECT code, full_name FROM members");
            SQLite::Statement upd(*db_, "UPDATE members SET sort_key = ? WHERE code = ?");
            while (sel.executeStep()) {
                std::string key = text::person_sort_key(sel.getColumn(1).getString());
                upd.bind(1, key.data(), static_cast<int>(key.size()));
                upd.bind(2, sel.getColumn(0).getString());
                upd.exec();
                upd.reset();
            }
            SQLite::Statement set(*db_, "INSERT OR REPLACE INTO meta (key, value) VALUES ('icu_version', ?)");
            set.bind(1, icu);
            set.exec();
            db_->exec("COMMIT");
        } catch (...) {
            db_->exec("ROLLBACK");
            throw;
        }
    }
}

Transaction::Transaction(Workspace& ws) : ws_(ws) { ws_.db().exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (open_) {
        try {
            ws_.db().exec("ROLLBACK");
        } catch (...) {
        }
    }
}

void Transaction::commit(const std::string& summary, const std::string& object_hash) {
    audit::append(ws_.db(), summary, object_hash);
    ws_.db().exec("COMMIT");
    open_ = false;
}

void Transaction::rollback() {
    if (open_) ws_.db().exec("ROLLBACK");
    open_ = false;
}

std::vector<std::string> peek(const std::string& path, const std::string& sql) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return {};
    std::vector<std::string> out;
    try {
        SQLite::Database db(path, SQLite::OPEN_READONLY, 200);
        SQLite::Statement q(db, sql);
        while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    } catch (const SQLite::Exception&) {
        return {};
    }
    return out;
}

}  // namespace daihoi::db
