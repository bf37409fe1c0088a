// core/election seal, verify and export (SPEC §5.5, §6): the whole of
// `audit verify` as one report, tampering named by codes, seals written by
// earlier versions still verified, and the exported record's hash.
#include "core/audit/audit.hpp"
#include "core/audit/sha256.hpp"
#include "core/election/election.hpp"
#include "core/error.hpp"
#include "helpers.hpp"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

using namespace daihoi;
namespace el = daihoi::election;
using test::ScratchDir;

namespace {

struct Sealed : ::testing::Test {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    void SetUp() override {
        test::open_election_of_three(ws, dir);
        for (const char* line : {"3", "3", "2", "1", "!torn"}) el::enter_ballot(ws, "e", 1, "", el::parse_entry(line, 3));
        el::record_counts(ws, "e", 5, 5);
        el::close(ws, "e");
    }
    std::vector<std::string> codes(const el::VerifyReport& r) {
        std::vector<std::string> out;
        for (const auto& p : r.problems) out.push_back(p.code);
        return out;
    }
};

}  // namespace

TEST_F(Sealed, VerifyReportsEntriesSealedElectionsAndTheHead) {
    el::seal(ws, "e");
    auto r = el::verify(ws.db());
    EXPECT_TRUE(r.ok);
    EXPECT_TRUE(r.problems.empty());
    EXPECT_EQ(r.sealed_elections, 1u);
    auto log = audit::log(ws.db());
    EXPECT_EQ(r.entries, log.size());
    EXPECT_EQ(r.head, log.back().hash);
    auto j = el::to_json(r);
    EXPECT_EQ(j["ok"], true);
    EXPECT_EQ(j["problems"].size(), 0u);
}

TEST_F(Sealed, VerifyNamesTheChangedPartAndTheRetally) {
    el::seal(ws, "e");
    ws.db().exec("DROP TRIGGER ballots_frozen_update");
    ws.db().exec("UPDATE ballots SET kept = x'07' WHERE election = 'e' AND serial = 1");
    auto r = el::verify(ws.db());
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(codes(r), (std::vector<std::string>{"record_changed", "retally_differs"}));
    EXPECT_EQ(r.problems[0].changed, std::vector<std::string>{"ballots"});
    EXPECT_EQ(r.problems[0].election, "e");
    EXPECT_NE(r.problems[0].message.find("changed: ballots"), std::string::npos);
    auto j = el::to_json(r);
    EXPECT_EQ(j["problems"][0]["problem"], "record_changed");
    EXPECT_EQ(j["problems"][0]["changed"][0], "ballots");
}

TEST_F(Sealed, VerifyFindsABrokenChainAndAnElectionNoLongerSealed) {
    el::seal(ws, "e");
    ws.db().exec("DROP TRIGGER audit_no_update; DROP TRIGGER elections_sealed_update");
    ws.db().exec("UPDATE audit SET summary = 'nothing happened' WHERE seq = 2");
    ws.db().exec("UPDATE elections SET status = 'closed' WHERE id = 'e'");
    auto r = el::verify(ws.db());
    EXPECT_EQ(codes(r), (std::vector<std::string>{"entry_altered", "seal_status"}));
    EXPECT_EQ(r.problems[0].entries, std::vector<std::int64_t>{2});
    EXPECT_EQ(r.problems[1].changed, std::vector<std::string>{"closed"});
}

TEST_F(Sealed, VerifyFindsAnElectionMarkedSealedWithoutASeal) {
    ws.db().exec("UPDATE elections SET status = 'sealed', record_hash = 'x' WHERE id = 'e'");
    EXPECT_EQ(codes(el::verify(ws.db())), std::vector<std::string>{"no_seal"});
}

// A workspace sealed before people's names became `full_name`: its seal has
// the English summary of then and hashes a record of format 1 whose stored
// result says `name`. It must still verify, and export with the sealed hash.
TEST_F(Sealed, SealsOfEarlierVersionsStillVerify) {
    ws.db().exec("UPDATE elections SET result = replace(result, '\"full_name\"', '\"name\"') WHERE id = 'e'");
    auto record = el::record(ws.db(), "e", 1);
    ASSERT_TRUE(record["candidates"][0].contains("name"));
    const std::string hash = el::record_hash(record);
    std::string parts;
    for (const char* part : {"ballots", "candidates", "counts", "election", "result"})
        parts += " " + std::string(part) + "=" + audit::sha256_hex(record[part].dump()).substr(0, 16);
    {
        db::Transaction tx(ws);
        ws.db().exec("UPDATE elections SET status = 'sealed', record_hash = '" + hash + "' WHERE id = 'e'");
        tx.commit("election e sealed; parts:" + parts, hash);
    }
    auto r = el::verify(ws.db());
    EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems[0].message);
    auto doc = el::export_record(ws.db(), "e");
    EXPECT_EQ(doc["record"]["format"], "daihoi-election-record/1");
    EXPECT_EQ(doc["record_hash"], hash);
    EXPECT_EQ(doc["sealed_hash"], hash);
    // A change is still found in such a record.
    ws.db().exec("DROP TRIGGER elections_sealed_update");
    ws.db().exec("UPDATE elections SET issued = 6 WHERE id = 'e'");
    EXPECT_EQ(codes(el::verify(ws.db())), std::vector<std::string>{"record_changed"});
}

TEST_F(Sealed, ARecordNamesPeopleFullName) {
    auto r = el::record(ws.db(), "e");
    EXPECT_EQ(r["format"], "daihoi-election-record/2");
    EXPECT_EQ(r["candidates"][0]["full_name"], "Lê Văn An");
    EXPECT_FALSE(r["candidates"][0].contains("name"));
    EXPECT_EQ(r["result"]["candidates"][2]["full_name"], "Lê Văn Cường");  // fewest votes
}

TEST_F(Sealed, ExportOfANewSealCarriesTheSealedHash) {
    const std::string hash = el::seal(ws, "e");
    auto doc = el::export_record(ws.db(), "e");
    EXPECT_EQ(doc["record_hash"], hash);
    EXPECT_EQ(doc["sealed_hash"], hash);
    EXPECT_EQ(doc["sealed"], true);
    EXPECT_EQ(doc["record"]["ballots"].size(), 5u);
}

TEST_F(Sealed, TheSealEntryIsFoundWhateverTheLanguageOfItsSentence) {
    el::seal(ws, "e");
    const std::string summary = audit::log(ws.db()).back().summary;
    const auto tail = summary.find("; seal id=e format=2 parts:");
    ASSERT_NE(tail, std::string::npos) << summary;
    // The same seal as a terminal in Vietnamese writes it: only the sentence
    // differs (the last entry, rewritten with its hash, so the chain holds).
    const std::string vietnamese = "bầu cử e đã được niêm phong" + summary.substr(tail);
    auto log = audit::log(ws.db());
    log.back().summary = vietnamese;
    log.back().hash = audit::entry_hash(log.back());
    ws.db().exec("DROP TRIGGER audit_no_update");
    SQLite::Statement q(ws.db(), "UPDATE audit SET summary = ?, hash = ? WHERE seq = ?");
    q.bind(1, vietnamese);
    q.bind(2, log.back().hash);
    q.bind(3, static_cast<int64_t>(log.back().seq));
    q.exec();
    auto r = el::verify(ws.db());
    EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems[0].message);
    EXPECT_EQ(r.sealed_elections, 1u);
}

// SPEC §6 --record: a workspace rewritten consistently from end to end (the
// same congress and list, another count, closed and sealed by the tools, the
// chain intact) passes verify on its own; the hash on the signed minutes of
// the real count catches it.
TEST_F(Sealed, ThePaperHashCatchesAWorkspaceRewrittenFromEndToEnd) {
    const std::string paper = el::seal(ws, "e");
    EXPECT_TRUE(el::verify(ws.db(), {{"e", paper}}).ok);
    std::string upper = paper;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_TRUE(el::verify(ws.db(), {{"e", upper}}).ok);  // typed from paper in capitals

    db::Workspace forged = registry::init_congress(dir.file("forged.db"), test::sample_congress());
    test::open_election_of_three(forged, dir);
    for (const char* line : {"3", "3", "3", "1", "!torn"}) el::enter_ballot(forged, "e", 1, "", el::parse_entry(line, 3));
    el::record_counts(forged, "e", 5, 5);
    el::close(forged, "e");
    el::seal(forged, "e");
    EXPECT_TRUE(el::verify(forged.db()).ok);  // consistent in itself
    auto r = el::verify(forged.db(), {{"e", paper}});
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(codes(r), std::vector<std::string>{"paper_differs"});
    EXPECT_THROW(el::verify(ws.db(), {{"nobody", paper}}), InputError);
}
