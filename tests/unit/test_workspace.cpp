// core/db and core/audit: creation, migrations, refusals, transactions, the hash chain.
#include "core/audit/audit.hpp"
#include "core/audit/sha256.hpp"
#include "core/db/schema.hpp"
#include "core/delegates/delegates.hpp"
#include "core/error.hpp"
#include "helpers.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

using namespace daihoi;
using test::ScratchDir;

TEST(Sha256, Fips180Vectors) {
    EXPECT_EQ(audit::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(audit::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(audit::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(audit::sha256_hex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Workspace, CreatedPrivateWalWithForeignKeys) {
    ScratchDir dir;
    auto ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    struct stat st {};
    ASSERT_EQ(stat(dir.file("w.db").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_EQ(ws.db().execAndGet("PRAGMA journal_mode").getString(), "wal");
    EXPECT_EQ(ws.db().execAndGet("PRAGMA foreign_keys").getInt(), 1);
    EXPECT_EQ(ws.db().execAndGet("PRAGMA user_version").getInt(), db::Workspace::schema_version());
    EXPECT_EQ(test::count(ws, "audit"), 1);
}

TEST(Workspace, RefusesToOverwrite) {
    ScratchDir dir;
    registry::init_congress(dir.file("w.db"), test::sample_congress());
    try {
        registry::init_congress(dir.file("w.db"), test::sample_congress());
        FAIL() << "overwrote a workspace";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Exit::Refused);
        EXPECT_NE(std::string(e.what()).find("already exists"), std::string::npos);
    }
}

TEST(Workspace, MissingFileNamesTheInitCommand) {
    ScratchDir dir;
    try {
        db::Workspace::open(dir.file("none.db"));
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Exit::Refused);
        EXPECT_NE(std::string(e.what()).find("daihoi congress init"), std::string::npos);
    }
}

TEST(Workspace, NewerSchemaRefused) {
    ScratchDir dir;
    { registry::init_congress(dir.file("w.db"), test::sample_congress()); }
    { SQLite::Database(dir.file("w.db"), SQLite::OPEN_READWRITE).exec("PRAGMA user_version = 999"); }
    try {
        db::Workspace::open(dir.file("w.db"));
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Exit::Refused);
        EXPECT_NE(std::string(e.what()).find("newer daihoi"), std::string::npos);
    }
}

TEST(Workspace, OlderSchemaMigratedOnOpen) {
    ScratchDir dir;
    {
        // A version-0 file: a daihoi workspace created before any table existed.
        SQLite::Database raw(dir.file("w.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("PRAGMA application_id = " + std::to_string(db::kApplicationId));
    }
    auto ws = db::Workspace::open(dir.file("w.db"));
    EXPECT_EQ(ws.db().execAndGet("PRAGMA user_version").getInt(), db::Workspace::schema_version());
    EXPECT_TRUE(ws.db().tableExists("members"));
}

namespace {
// A workspace file as daihoi wrote it at schema `version` (its first
// `version` migrations), open for a test to fill before daihoi migrates it.
SQLite::Database workspace_at(const std::string& path, int version) {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA application_id = " + std::to_string(db::kApplicationId));
    raw.exec("PRAGMA foreign_keys = ON");
    for (int v = 0; v < version; ++v) raw.exec(std::string(db::migrations()[v]));
    raw.exec("PRAGMA user_version = " + std::to_string(version));
    return raw;
}
}  // namespace

// Migration 4 rebuilds elections and ballots (new CHECKs): a version-3
// workspace keeps every election, candidate and ballot, and the frozen-list
// and sealed-election triggers still hold afterwards.
TEST(Workspace, Version3ElectionsAndBallotsKeptByMigration4) {
    ScratchDir dir;
    {
        SQLite::Database raw = workspace_at(dir.file("w.db"), 3);
        raw.exec("INSERT INTO members (code, full_name, sort_key, gender, birth_date) VALUES "
                 "('M1', 'Lê Văn An', x'01', 'M', '1970-01-01'), ('M2', 'Trần Thị Bình', x'02', 'F', '1975-01-01')");
        raw.exec("INSERT INTO elections (id, title, seats, body, base_kind, base_fixed) VALUES "
                 "('bch', 'Ban chấp hành', 1, 'committee', 'fixed', 10), ('old', 'Cũ', 1, 'other', 'valid', NULL)");
        raw.exec("INSERT INTO candidates (election, code, position) VALUES ('bch', 'M1', 1), ('bch', 'M2', 2)");
        raw.exec("UPDATE elections SET status = 'open' WHERE id = 'bch'");
        raw.exec("INSERT INTO ballots (election, pass, serial, kept, flag, station) VALUES "
                 "('bch', 1, 1, x'01', '', 'A'), ('bch', 2, 1, x'02', '', 'B'), ('bch', 1, 2, x'', 'torn', '')");
        raw.exec("UPDATE elections SET status = 'sealed' WHERE id = 'old'");
    }
    auto ws = db::Workspace::open(dir.file("w.db"));
    auto& db = ws.db();
    EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), db::Workspace::schema_version());
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM elections").getInt(), 2);
    EXPECT_EQ(db.execAndGet("SELECT form FROM elections WHERE id = 'bch'").getString(), "cross");
    EXPECT_EQ(db.execAndGet("SELECT base_fixed FROM elections WHERE id = 'bch'").getInt(), 10);
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM candidates WHERE election = 'bch'").getInt(), 2);
    EXPECT_EQ(db.execAndGet("SELECT group_concat(pass || ':' || serial || ':' || hex(kept) || ':' || flag || ':' || "
                            "station, ' ') FROM (SELECT * FROM ballots ORDER BY pass, serial)")
                  .getString(),
              "1:1:01::A 1:2::torn: 2:1:02::B");
    SQLite::Statement fk(db, "PRAGMA foreign_key_check");
    EXPECT_FALSE(fk.executeStep());
    // Passes 3…9 are allowed now, 10 is not; the triggers came back with the tables.
    EXPECT_NO_THROW(db.exec("INSERT INTO ballots (election, pass, serial, kept) VALUES ('bch', 9, 1, x'01')"));
    EXPECT_THROW(db.exec("INSERT INTO ballots (election, pass, serial, kept) VALUES ('bch', 10, 1, x'01')"),
                 SQLite::Exception);
    EXPECT_THROW(db.exec("UPDATE elections SET title = 'x' WHERE id = 'old'"), SQLite::Exception);
    EXPECT_THROW(db.exec("DELETE FROM candidates WHERE election = 'bch'"), SQLite::Exception);
    EXPECT_THROW(db.exec("INSERT INTO ballots (election, pass, serial, kept) VALUES ('old', 1, 1, x'01')"),
                 SQLite::Exception);
}

// Migration 6 rebuilds the registry as a rowid table with a unique index on
// the code: a version-5 workspace keeps every member and every row that
// refers to one, a code still cannot repeat, the references still hold and
// still follow a change of code.
TEST(Workspace, Version5RegistryKeptByMigration6) {
    ScratchDir dir;
    {
        SQLite::Database raw = workspace_at(dir.file("w.db"), 5);
        raw.exec("INSERT INTO members (code, full_name, sort_key, gender, birth_date, unit, incumbent) VALUES "
                 "('M2', 'Trần Thị Bình', x'02', 'F', '1975-01-01', 'Chi bộ 1', 1), "
                 "('M1', 'Lê Văn An', x'01', 'M', '1970-01-01', '', 0)");
        raw.exec("INSERT INTO evaluations (code, year, grade) VALUES ('M1', 2024, 'tot')");
        raw.exec("INSERT INTO elections (id, title, seats, body, base_kind) VALUES ('bch', 'Ban chấp hành', 1, "
                 "'committee', 'valid')");
        raw.exec("INSERT INTO candidates (election, code, position) VALUES ('bch', 'M2', 1)");
    }
    auto ws = db::Workspace::open(dir.file("w.db"));
    auto& db = ws.db();
    EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), db::Workspace::schema_version());
    // (The name keys are made again on opening: the fixture's are not ICU's.)
    EXPECT_EQ(db.execAndGet("SELECT group_concat(code || ':' || full_name || ':' || gender || ':' || birth_date || "
                            "':' || unit || ':' || incumbent, ' ') FROM (SELECT * FROM members ORDER BY code)")
                  .getString(),
              "M1:Lê Văn An:M:1970-01-01::0 M2:Trần Thị Bình:F:1975-01-01:Chi bộ 1:1");
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name IN ('members_code', 'members_order')")
                  .getInt(),
              2);
    SQLite::Statement fk(db, "PRAGMA foreign_key_check");
    EXPECT_FALSE(fk.executeStep());
    EXPECT_THROW(db.exec("INSERT INTO members (code, full_name, sort_key, gender, birth_date) VALUES "
                         "('M1', 'Khác', x'03', 'M', '1980-01-01')"),
                 SQLite::Exception);
    EXPECT_THROW(db.exec("INSERT INTO evaluations (code, year, grade) VALUES ('ZZ', 2024, 'tot')"), SQLite::Exception);
    db.exec("UPDATE members SET code = 'M9' WHERE code = 'M1'");
    EXPECT_EQ(db.execAndGet("SELECT code FROM evaluations").getString(), "M9");
}

TEST(Workspace, ForeignFilesRefused) {
    ScratchDir dir;
    { SQLite::Database(dir.file("other.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE).exec("CREATE TABLE t(x)"); }
    EXPECT_THROW(db::Workspace::open(dir.file("other.db")), Refused);
    dir.write("garbage.db", std::string(8192, 'x'));
    try {
        db::Workspace::open(dir.file("garbage.db"));
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Exit::Integrity);
    }
}

TEST(Transaction, UncommittedChangeLeavesNoTrace) {
    ScratchDir dir;
    auto ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    {
        db::Transaction tx(ws);
        ws.db().exec("UPDATE congress SET place = 'elsewhere'");
        // no commit: as if the command failed half-way
    }
    EXPECT_EQ(ws.db().execAndGet("SELECT place FROM congress").getString(), "Tân Lập");
    EXPECT_EQ(test::count(ws, "audit"), 1);
}

TEST(Audit, ChainVerifiesAndEntriesAreAppendOnly) {
    ScratchDir dir;
    auto ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    registry::set_congress_field(ws, "place", "Hà Nội");
    registry::set_congress_field(ws, "term", "2025–2030");
    EXPECT_TRUE(audit::verify_chain(ws.db()).empty());
    EXPECT_THROW(ws.db().exec("UPDATE audit SET summary = 'x' WHERE seq = 2"), SQLite::Exception);
    EXPECT_THROW(ws.db().exec("DELETE FROM audit WHERE seq = 2"), SQLite::Exception);
}

TEST(Audit, TamperingDetectedEvenWithTriggersDropped) {
    ScratchDir dir;
    auto ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    registry::set_congress_field(ws, "place", "Hà Nội");
    registry::set_congress_field(ws, "place", "Huế");
    ws.db().exec("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete");
    ws.db().exec("UPDATE audit SET summary = 'nothing happened' WHERE seq = 2");
    auto problems = audit::verify_chain(ws.db());
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("entry 2 was altered"), std::string::npos);
    ws.db().exec("DELETE FROM audit WHERE seq = 2");
    problems = audit::verify_chain(ws.db());
    EXPECT_FALSE(problems.empty());
    EXPECT_NE(problems[0].find("entry 2 is missing"), std::string::npos);
}

TEST(Congress, SetValidatesFields) {
    ScratchDir dir;
    auto ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    EXPECT_THROW(registry::set_congress_field(ws, "level", "galaxy"), InputError);
    EXPECT_THROW(registry::set_congress_field(ws, "date", "31/02/2025"), InputError);
    EXPECT_THROW(registry::set_congress_field(ws, "term", "2030-2025"), InputError);
    EXPECT_THROW(registry::set_congress_field(ws, "colour", "red"), UsageError);
    registry::set_congress_field(ws, "date", "20/09/2025");
    EXPECT_EQ(registry::require_congress(ws.db()).date, (text::Date{2025, 9, 20}));
}

// Shell completion reads the workspace through a read-only connection: it
// never creates a file, and never migrates an older one.
TEST(Workspace, CompletionNeverCreatesNorMigrates) {
    ScratchDir dir;
    EXPECT_TRUE(delegates::delegate_codes(dir.file("none.db")).empty());
    EXPECT_FALSE(std::filesystem::exists(dir.file("none.db")));
    {
        SQLite::Database raw(dir.file("old.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("PRAGMA application_id = " + std::to_string(db::kApplicationId));
    }
    EXPECT_TRUE(delegates::delegate_codes(dir.file("old.db")).empty());  // no list yet: nothing to offer
    SQLite::Database raw(dir.file("old.db"), SQLite::OPEN_READONLY);
    EXPECT_EQ(raw.execAndGet("PRAGMA user_version").getInt(), 0);
    EXPECT_FALSE(raw.tableExists("delegates"));
}

// A terminal opens the workspace while other stations commit, one after
// the other without a pause: the open waits its turn, never fails with
// "database is locked" (a station started in the middle of a count).
TEST(Workspace, OpensWhileOthersWrite) {
    ScratchDir dir;
    const std::string path = dir.file("w.db");
    { auto ws = db::Workspace::create(path); }
    std::atomic<bool> done{false};
    std::atomic<int> writes{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 3; ++w)
        writers.emplace_back([&, w] {
            auto ws = db::Workspace::open(path);
            for (int i = 0; !done; ++i) {
                db::Transaction tx(ws);
                ws.db().exec(fmt::format("INSERT OR REPLACE INTO meta (key, value) VALUES ('w{}', '{}')", w, i));
                tx.commit("a write");
                ++writes;
            }
        });
    while (writes < 10) std::this_thread::yield();
    int failures = 0;
    std::string first;
    for (int i = 0; i < 200; ++i) {
        try {
            auto ws = db::Workspace::open(path);
        } catch (const std::exception& e) {
            if (!failures++) first = e.what();
        }
    }
    done = true;
    for (auto& t : writers) t.join();
    EXPECT_EQ(failures, 0) << first;
}
