// The workspace: one SQLite file per congress. Owns opening (WAL, foreign
// keys, busy timeout, mode 0600), schema migrations by PRAGMA user_version,
// and the one way data changes: a Transaction that commits together with its
// audit entry, or not at all.
#pragma once

#include <SQLiteCpp/Database.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace daihoi::db {

inline constexpr int kApplicationId = 0x44484F49;  // "DHOI"

// --db FILE, else $DAIHOI_DB, else ./daihoi.db.
std::string resolve_path(const std::optional<std::string>& flag);

class Workspace {
public:
    // Creates a new workspace file (mode 0600); refuses an existing file.
    static Workspace create(const std::string& path);
    // Opens an existing workspace and migrates an older schema. Refuses a
    // missing file (pointing at `daihoi congress init`), a file of a newer
    // daihoi, or one that is not a daihoi workspace.
    static Workspace open(const std::string& path);
    // Opens an existing workspace to read it and nothing else (SQLite's
    // read-only mode: a write through it fails): for a watcher that must
    // never change the file nor hold a lock the entry stations wait on
    // (daihoi board). Refuses as open() does, and a workspace of an older
    // schema, which only a command that may write migrates.
    static Workspace open_read_only(const std::string& path);

    SQLite::Database& db() { return *db_; }
    const std::string& path() const { return path_; }
    static int schema_version();

private:
    Workspace(std::string path, std::unique_ptr<SQLite::Database> db);
    void configure();
    void migrate();
    std::string path_;
    std::unique_ptr<SQLite::Database> db_;
};

// The values of one column a query gives on the workspace at `path`, opened
// read-only, for shell completion: never creates, migrates or waits on a
// workspace; nothing when the file is missing, not a workspace, or busy.
std::vector<std::string> peek(const std::string& path, const std::string& sql);

// BEGIN IMMEDIATE on construction; commit() appends the audit entry for this
// change and commits; destruction without commit() rolls everything back.
class Transaction {
public:
    explicit Transaction(Workspace& ws);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // `summary` is the one-line account of the change kept in the audit log;
    // `object_hash` binds a sealed object (e.g. an election result) to the chain.
    void commit(const std::string& summary, const std::string& object_hash = "");
    void rollback();

private:
    Workspace& ws_;
    bool open_ = true;
};

}  // namespace daihoi::db
