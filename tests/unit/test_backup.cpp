// core/db/backup: the checked copy, the automatic backups, restore and what it would lose.
#include "core/audit/audit.hpp"
#include "core/audit/sha256.hpp"
#include "core/base/atomic_file.hpp"
#include "core/db/backup.hpp"
#include "core/error.hpp"
#include "helpers.hpp"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

using namespace daihoi;
using test::ScratchDir;
namespace fs = std::filesystem;

namespace {

void add_member(db::Workspace& ws, const std::string& code) {
    db::Transaction tx(ws);
    SQLite::Statement ins(ws.db(),
                          "INSERT INTO members (code, full_name, sort_key, gender, birth_date) "
                          "VALUES (?, 'Nguyễn Văn An', x'00', 'M', '1970-01-02')");
    ins.bind(1, code);
    ins.exec();
    tx.commit("member " + code + " added");
}

std::string read_all(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A ballot and its election, written straight in (the triggers want the election open).
void add_ballot(db::Workspace& ws, long long serial, const char* status_after = "open") {
    db::Transaction tx(ws);
    ws.db().exec(
        "INSERT OR IGNORE INTO elections (id, title, seats, body, base_kind, status) "
        "VALUES ('e', 'Bầu', 1, 'committee', 'convened', 'open')");
    ws.db().exec("UPDATE elections SET status = 'open' WHERE id = 'e'");
    SQLite::Statement ins(
        ws.db(), "INSERT INTO ballots (election, pass, serial, kept) VALUES ('e', 1, ?, x'01')");
    ins.bind(1, static_cast<int64_t>(serial));
    ins.exec();
    ws.db().exec(std::string("UPDATE elections SET status = '") + status_after +
                 "' WHERE id = 'e'");
    tx.commit("ballot");
}

}  // namespace

TEST(Backup, CopiesCheckedPrivateSelfContained) {
    ScratchDir dir;
    auto ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    add_member(ws, "D01");
    auto info = db::backup(ws, dir.file("b.db"), false);
    EXPECT_EQ(info.file, dir.file("b.db"));
    EXPECT_EQ(info.audit_entries, 2);
    EXPECT_EQ(info.ballots, 0);
    EXPECT_EQ(info.size, fs::file_size(dir.file("b.db")));
    EXPECT_EQ(info.sha256, audit::sha256_hex(read_all(dir.file("b.db"))));
    struct stat st {};
    ASSERT_EQ(stat(dir.file("b.db").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    // One file, no WAL: a copy that can be carried away alone.
    EXPECT_FALSE(fs::exists(dir.file("b.db-wal")));
    SQLite::Database copy(dir.file("b.db"), SQLite::OPEN_READONLY);
    EXPECT_EQ(copy.execAndGet("PRAGMA journal_mode").getString(), "delete");
    EXPECT_EQ(copy.execAndGet("SELECT count(*) FROM members").getInt(), 1);
    // Nothing else left in the folder.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.file(""))) ++files;
    EXPECT_EQ(files, 4u);  // w.db, w.db-wal, w.db-shm, b.db
}

TEST(Backup, RefusesAnExistingFileUnlessForced) {
    ScratchDir dir;
    auto ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    dir.write("b.db", "keep me");
    EXPECT_THROW(db::backup(ws, dir.file("b.db"), false), Refused);
    EXPECT_EQ(read_all(dir.file("b.db")), "keep me");
    EXPECT_NO_THROW(db::backup(ws, dir.file("b.db"), true));
    EXPECT_EQ(db::check_backup(dir.file("b.db")).audit_entries, 1);
}

TEST(Backup, CheckRefusesDamagedOrForeignFiles) {
    ScratchDir dir;
    auto ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    add_member(ws, "D01");
    db::backup(ws, dir.file("b.db"), false);
    EXPECT_THROW(db::check_backup(dir.file("none.db")), Refused);
    dir.write("text.db",
              "not a database at all, just text long enough to be read as a header page");
    EXPECT_THROW(db::check_backup(dir.file("text.db")), IntegrityError);
    {
        SQLite::Database other(dir.file("other.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        other.exec("CREATE TABLE t (x)");
    }
    EXPECT_THROW(db::check_backup(dir.file("other.db")), IntegrityError);
    // An audit entry altered in the copy: the chain no longer verifies.
    fs::copy_file(dir.file("b.db"), dir.file("tampered.db"));
    {
        SQLite::Database t(dir.file("tampered.db"), SQLite::OPEN_READWRITE);
        t.exec("DROP TRIGGER audit_no_update");
        t.exec("UPDATE audit SET summary = 'nothing happened' WHERE seq = 2");
    }
    try {
        db::check_backup(dir.file("tampered.db"));
        FAIL() << "a tampered backup was accepted";
    } catch (const IntegrityError& e) {
        EXPECT_NE(std::string(e.what()).find("2"), std::string::npos) << e.what();
    }
    // Bytes overwritten inside the file.
    fs::copy_file(dir.file("b.db"), dir.file("damaged.db"));
    {
        std::fstream f(dir.file("damaged.db"), std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(4096 + 8);
        std::string junk(3000, '\xA5');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    EXPECT_THROW(db::check_backup(dir.file("damaged.db")), IntegrityError);
}

TEST(AutoBackup, KeepsTheNewestTwenty) {
    ScratchDir dir;
    std::string path = dir.file("w.db");
    { registry::init_congress(path, test::sample_congress()); }
    for (int i = 0; i < 22; ++i) {
        auto r = db::auto_backup(path, "members-import");
        ASSERT_EQ(r.outcome, db::AutoBackup::Outcome::Made);
    }
    auto list = db::list_backups(path);
    ASSERT_EQ(list.size(), db::kKeptBackups);
    EXPECT_EQ(list.back().command, "members-import");
    EXPECT_EQ(list.back().audit_entries, 1);
    EXPECT_EQ(list.back().at.size(), std::string("2026-12-06T10:50:18Z").size());
    struct stat st {};
    ASSERT_EQ(stat(db::backups_dir(path).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);
    EXPECT_EQ(db::auto_backup(dir.file("none.db"), "x").outcome,
              db::AutoBackup::Outcome::NoWorkspace);
}

// Terminals importing at the same moment each get their own backup: the
// name is claimed when linked into place, the loser takes the next name.
TEST(AutoBackup, SimultaneousCommandsEachGetTheirOwn) {
    ScratchDir dir;
    std::string path = dir.file("w.db");
    { registry::init_congress(path, test::sample_congress()); }
    constexpr int kTerminals = 6;
    std::atomic<int> ready{0};
    std::vector<db::AutoBackup> results(kTerminals);
    std::vector<std::string> errors(kTerminals);
    std::vector<std::thread> terminals;
    for (int i = 0; i < kTerminals; ++i)
        terminals.emplace_back([&, i] {
            ++ready;
            while (ready < kTerminals) std::this_thread::yield();
            try {
                results[i] = db::auto_backup(path, "ballots-import");
            } catch (const std::exception& e) {
                errors[i] = e.what();
            }
        });
    for (auto& t : terminals) t.join();
    std::set<std::string> files;
    for (int i = 0; i < kTerminals; ++i) {
        EXPECT_EQ(errors[i], "");
        EXPECT_EQ(results[i].outcome, db::AutoBackup::Outcome::Made);
    }
    for (const auto& b : db::list_backups(path)) files.insert(b.file.string());
    EXPECT_EQ(files.size(), static_cast<std::size_t>(kTerminals));
}

// A name already taken is FileExists, so that a caller can take another.
TEST(Backup, AnExistingTargetIsFileExists) {
    ScratchDir dir;
    auto ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    dir.write("b.db", "keep me");
    EXPECT_THROW(db::backup(ws, dir.file("b.db"), false), FileExists);
}

TEST(AutoBackup, SkipsAWorkspaceOverTheLimit) {
    ScratchDir dir;
    std::string path = dir.file("w.db");
    { registry::init_congress(path, test::sample_congress()); }
    fs::resize_file(path, db::kAutoBackupLimit + 4096);  // sparse: no gigabyte written
    auto r = db::auto_backup(path, "members-import");
    EXPECT_EQ(r.outcome, db::AutoBackup::Outcome::TooLarge);
    EXPECT_GT(r.workspace_size, db::kAutoBackupLimit);
    EXPECT_FALSE(fs::exists(db::backups_dir(path)));
}

TEST(Restore, UndoesAChangeAndRecordsTheReplacedChain) {
    ScratchDir dir;
    auto ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    add_member(ws, "D01");
    db::backup(ws, dir.file("b.db"), false);
    add_member(ws, "D02");
    std::string replaced = audit::log(ws.db()).back().hash;
    bool backed_up = false;
    auto r = db::restore(ws, dir.file("b.db"), false, [&] { backed_up = true; });
    EXPECT_TRUE(backed_up);
    EXPECT_EQ(r.replaced_head, replaced);
    EXPECT_EQ(r.replaced_entries, 3);
    EXPECT_EQ(r.lost.audit_entries, 1);
    EXPECT_TRUE(r.lost.backup_chain_is_prefix);
    auto again = db::Workspace::open(dir.file("w.db"));
    EXPECT_EQ(test::count(again, "members"), 1);
    auto log = audit::log(again.db());
    ASSERT_EQ(log.size(), 3u);  // the backup's two, then the restore
    EXPECT_NE(log.back().summary.find(replaced), std::string::npos) << log.back().summary;
    EXPECT_EQ(log.back().object_hash, r.backup.sha256);
    EXPECT_TRUE(audit::verify_chain(again.db()).empty());
    // The first connection sees the restored workspace too.
    EXPECT_EQ(test::count(ws, "members"), 1);
}

TEST(Restore, RefusesToLoseBallotsOrClosedElectionsUnlessDiscarded) {
    ScratchDir dir;
    auto ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    db::backup(ws, dir.file("b.db"), false);
    add_ballot(ws, 1);
    add_ballot(ws, 2, "closed");
    auto loss = db::compare_with(ws, dir.file("b.db"));
    EXPECT_EQ(loss.ballots, 2);
    EXPECT_EQ(loss.closed_elections, std::vector<std::string>{"e"});
    EXPECT_TRUE(loss.would_lose_data());
    bool backed_up = false;
    EXPECT_THROW(db::restore(ws, dir.file("b.db"), false, [&] { backed_up = true; }), Refused);
    EXPECT_FALSE(backed_up);
    EXPECT_EQ(test::count(ws, "ballots"), 2);
    db::restore(ws, dir.file("b.db"), true, {});
    EXPECT_EQ(test::count(ws, "ballots"), 0);
}

// A terminal enters a ballot after the comparison, before the copy: the
// ballot is found when the write lock is held, and the restore refuses
// instead of losing it silently.
TEST(Restore, ABallotEnteredWhileTheRestoreIsPreparedIsNotLost) {
    ScratchDir dir;
    auto ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    db::backup(ws, dir.file("b.db"), false);
    add_member(ws, "D01");  // a change the backup lacks, no ballot: allowed
    auto other = db::Workspace::open(dir.file("w.db"));
    int calls = 0;
    try {
        db::restore(ws, dir.file("b.db"), false, [&] {
            if (++calls == 1) add_ballot(other, 7);
        });
        ADD_FAILURE() << "the restore lost the ballot entered meanwhile";
    } catch (const Refused& e) {
        EXPECT_NE(std::string(e.what()).find("1 ballot"), std::string::npos) << e.what();
    }
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(test::count(ws, "ballots"), 1);
    EXPECT_EQ(test::count(ws, "members"), 1);
    EXPECT_TRUE(audit::verify_chain(ws.db()).empty());
    // Nothing prepared is left behind.
    for (const auto& e : fs::directory_iterator(db::backups_dir(dir.file("w.db"))))
        ADD_FAILURE() << "left behind: " << e.path();
}

// The restore and its audit entry are one copy: the entry is in the
// workspace the moment the backup's contents are.
TEST(Restore, TheEntryIsWrittenWithTheCopy) {
    ScratchDir dir;
    auto ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    db::backup(ws, dir.file("b.db"), false);
    add_member(ws, "D01");
    auto r = db::restore(ws, dir.file("b.db"), false, {});
    auto log = audit::log(ws.db());
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log.back().object_hash, r.backup.sha256);
    EXPECT_EQ(test::count(ws, "members"), 0);
    EXPECT_TRUE(audit::verify_chain(ws.db()).empty());
}

TEST(Restore, ADamagedBackupChangesNothing) {
    ScratchDir dir;
    auto ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    add_member(ws, "D01");
    dir.write("bad.db", std::string(8192, 'x'));
    bool backed_up = false;
    EXPECT_THROW(db::restore(ws, dir.file("bad.db"), true, [&] { backed_up = true; }),
                 IntegrityError);
    EXPECT_FALSE(backed_up);
    EXPECT_EQ(test::count(ws, "members"), 1);
    EXPECT_EQ(test::count(ws, "audit"), 2);
}

TEST(Restore, ABackupOfAnotherHistoryIsNamed) {
    ScratchDir dir;
    auto ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    auto other = registry::init_congress(dir.file("o.db"), test::sample_congress());
    db::backup(other, dir.file("b.db"), false);
    auto loss = db::compare_with(ws, dir.file("b.db"));
    EXPECT_FALSE(loss.backup_chain_is_prefix);
    EXPECT_EQ(loss.audit_entries, 1);
}
