// Any number of passes (SPEC §5.2, §5.5, §6): every pass 1…9 taken, every
// pass compared with pass 1 ballot by ballot and as a collection, close and
// audit verify requiring them to agree, `ballots list`, and the ballot-entry
// journal written with every change.
#include "core/election/election.hpp"
#include "core/error.hpp"
#include "core/report/kinds.hpp"
#include "helpers.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace daihoi;
namespace el = daihoi::election;
using test::ScratchDir;

namespace {

struct Passes : ::testing::Test {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    void SetUp() override {
        test::open_election_of_three(ws, dir);
    }
    // Types `lines` ("N: marks") into `pass`.
    void type(int pass, std::initializer_list<const char*> lines, const std::string& station = "") {
        for (const char* line : lines) el::enter_ballot(ws, "e", pass, station, el::parse_entry(line, 3));
    }
    void import(int pass, const std::string& csv, const std::string& station = "") {
        el::import_ballots(ws, "e", dir.write(fmt::format("p{}.csv", pass), csv), {pass, station, nullptr});
    }
    static constexpr const char* kFive = "serial,crossed,flag\n1,3,\n2,3,\n3,2,\n4,1,\n5,,torn\n";
    std::vector<el::JournalEntry> journal() { return el::journal(ws.db(), "e"); }
};

// Named after the rule each group checks.
struct Reconcile : Passes {};
struct Close : Passes {};
struct Verify : Passes {};
struct List : Passes {};
struct Journal : Passes {};

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

// ---- passes 1…9 ----------------------------------------------------------------------------

TEST_F(Passes, EveryCommandTakesPassesOneToNine) {
    import(9, kFive);
    type(3, {"1: 3"});
    EXPECT_EQ(el::count_ballots(ws.db(), "e", 9), 5);
    EXPECT_EQ(el::tally(ws.db(), "e", 9).result.entered, 5);
    EXPECT_EQ(el::list_ballots(ws.db(), "e", 9).ballots.size(), 5u);
    el::delete_ballot(ws, "e", 9, 5, "test");
    EXPECT_EQ(el::pass_totals(ws.db(), "e", 9).entered, 4);
    auto bad = dir.write("bad.csv", kFive);
    EXPECT_THROW(el::import_ballots(ws, "e", bad, {10, "", nullptr}), UsageError);
    EXPECT_THROW(el::import_ballots(ws, "e", bad, {0, "", nullptr}), UsageError);
    EXPECT_THROW(el::enter_ballot(ws, "e", 10, "", el::parse_entry("3", 3)), UsageError);
    EXPECT_THROW(el::delete_ballot(ws, "e", 10, 1, "x"), UsageError);
    EXPECT_THROW(el::tally(ws.db(), "e", 10), UsageError);
    EXPECT_THROW(el::list_ballots(ws.db(), "e", 10), UsageError);
}

// ---- reconcile ------------------------------------------------------------------------------

TEST_F(Reconcile, ThreePassesEachComparedWithPass1) {
    import(1, kFive);
    import(2, kFive);
    // Pass 3: ballot 2 typed wrong, ballot 4 missing, ballot 6 extra.
    import(3, "serial,crossed,flag\n1,3,\n2,1,\n3,2,\n5,,torn\n6,1,\n");
    auto r = el::reconcile(ws.db(), "e");
    EXPECT_EQ(r.passes, (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(r.ballots.at(3), 5);
    EXPECT_FALSE(r.agree());
    EXPECT_TRUE(r.of_pass(2).empty());
    auto d = r.of_pass(3);
    ASSERT_EQ(d.size(), 3u);
    EXPECT_EQ(d[0].serial, 2);
    EXPECT_EQ(d[0].kind, "differs");
    EXPECT_EQ(d[0].what, "pass 1 keeps 1 2, pass 3 keeps 2 3");
    EXPECT_EQ(d[1].serial, 4);
    EXPECT_EQ(d[1].kind, "only_in_pass1");
    EXPECT_EQ(d[1].what, "only in pass 1, not in pass 3");
    EXPECT_EQ(d[2].serial, 6);
    EXPECT_EQ(d[2].kind, "only_in_pass");
    EXPECT_EQ(d[2].pass, 3);
    EXPECT_TRUE(r.as_collections.at(2));
    EXPECT_FALSE(r.as_collections.at(3));
}

TEST_F(Reconcile, SameBallotsOtherOrderAgreeAsCollections) {
    import(1, kFive);
    // The second team numbered the stack from the other end.
    import(2, "serial,crossed,flag\n1,,torn\n2,1,\n3,2,\n4,3,\n5,3,\n");
    auto r = el::reconcile(ws.db(), "e");
    EXPECT_FALSE(r.agree());
    EXPECT_EQ(r.of_pass(2).size(), 4u);  // 2 (serial 2 and 4 keep different names), 1 and 5 (flag)
    EXPECT_TRUE(r.as_collections.at(2));
    // One name changed: no longer the same collection.
    el::delete_ballot(ws, "e", 2, 2, "test");
    type(2, {"2: 2"});
    EXPECT_FALSE(el::reconcile(ws.db(), "e").as_collections.at(2));
}

TEST_F(Reconcile, WithPass1AloneHasNothingToCompare) {
    import(1, kFive);
    auto r = el::reconcile(ws.db(), "e");
    EXPECT_EQ(r.passes, (std::vector<int>{1}));
    EXPECT_TRUE(r.agree());
    EXPECT_TRUE(r.as_collections.empty());
}

TEST_F(Reconcile, ComparesAFlaggedBallotByItsFlagAlone) {
    import(1, "serial,crossed,flag\n1,1,torn\n");
    import(2, "serial,crossed,flag\n1,2,torn\n");
    import(3, "serial,crossed,flag\n1,2,marked\n");
    auto r = el::reconcile(ws.db(), "e");
    EXPECT_TRUE(r.of_pass(2).empty());
    ASSERT_EQ(r.of_pass(3).size(), 1u);
    EXPECT_EQ(r.of_pass(3)[0].what, "pass 1 has it flagged 'torn', pass 3 has it flagged 'marked'");
}

// ---- close ----------------------------------------------------------------------------------

TEST_F(Close, RefusedWhilePass3Differs) {
    import(1, kFive);
    import(2, kFive);
    import(3, "serial,crossed,flag\n1,3,\n2,3,\n3,1,\n4,2,\n5,,torn\n");
    el::record_counts(ws, "e", 5, 5);
    try {
        el::close(ws, "e");
        FAIL() << "closed with pass 3 differing";
    } catch (const Refused& e) {
        EXPECT_EQ(std::string(e.what()),
                  "cannot close e: pass 3 differs from pass 1 on 2 ballots, e.g. ballot 3: pass 1 keeps 1 3, pass 3 "
                  "keeps 2 3; see 'daihoi election ballots reconcile e'");
    }
    // Corrected: removed with a reason and entered again by number.
    el::delete_ballot(ws, "e", 3, 3, "typed wrong");
    el::delete_ballot(ws, "e", 3, 4, "typed wrong");
    type(3, {"3: 2", "4: 1"});
    EXPECT_TRUE(el::reconcile(ws.db(), "e").agree());
    EXPECT_EQ(el::close(ws, "e").election.phase, el::Phase::Closed);
}

TEST_F(Close, RefusedWhenALaterPassMissesABallot) {
    import(1, kFive);
    import(4, "serial,crossed,flag\n1,3,\n2,3,\n3,2,\n4,1,\n");
    el::record_counts(ws, "e", 5, 5);
    try {
        el::close(ws, "e");
        FAIL() << "closed with pass 4 missing a ballot";
    } catch (const Refused& e) {
        EXPECT_NE(std::string(e.what()).find("pass 4 differs from pass 1 on 1 ballot, ballot 5: only in pass 1, not "
                                             "in pass 4"),
                  std::string::npos)
            << e.what();
    }
}

// ---- audit verify ---------------------------------------------------------------------------

TEST_F(Verify, NamesAPassChangedAfterTheSeal) {
    import(1, kFive);
    import(2, kFive);
    import(3, kFive);
    el::record_counts(ws, "e", 5, 5);
    el::close(ws, "e");
    el::seal(ws, "e");
    EXPECT_TRUE(el::verify(ws.db()).ok);
    ws.db().exec("DROP TRIGGER ballots_frozen_update");
    ws.db().exec("UPDATE ballots SET kept = x'01' WHERE election = 'e' AND pass = 3 AND serial = 2");
    auto r = el::verify(ws.db());
    EXPECT_FALSE(r.ok);
    const el::IntegrityProblem* found = nullptr;
    for (const auto& p : r.problems)
        if (p.code == "pass_differs") found = &p;
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->pass, 3);
    EXPECT_EQ(found->changed, (std::vector<std::string>{"2"}));
    EXPECT_EQ(found->message, "election e: pass 3 no longer agrees with pass 1 on 1 ballot, ballot 2: pass 1 keeps 1 "
                              "2, pass 3 keeps 1");
    auto j = el::to_json(r);
    bool listed = false;
    for (const auto& p : j["problems"])
        if (p["problem"] == "pass_differs") listed = p["pass"] == 3 && p["serials"] == nlohmann::json::array({2});
    EXPECT_TRUE(listed) << j.dump();
}

// ---- ballots list ---------------------------------------------------------------------------

TEST_F(List, GivesKeptCrossedFlagAndVerdict) {
    import(2, "serial,crossed,flag\n1,3,\n2,,\n3,1 2 3,\n4,2,torn\n", "bàn 2");
    auto list = el::list_ballots(ws.db(), "e", 2);
    EXPECT_EQ(list.form, "cross");
    ASSERT_EQ(list.ballots.size(), 4u);
    const auto& b = list.ballots;
    EXPECT_EQ(b[0].pass, 2);
    EXPECT_EQ(b[0].kept, (std::vector<int>{1, 2}));
    EXPECT_EQ(b[0].crossed, (std::vector<int>{3}));
    EXPECT_TRUE(b[0].valid());
    EXPECT_EQ(b[0].station, "bàn 2");
    EXPECT_EQ(b[1].reason, "over_vote");  // keeps 3 names for 2 seats
    EXPECT_EQ(b[2].reason, "all_crossed");
    EXPECT_EQ(b[2].crossed, (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(b[3].flag, "torn");
    EXPECT_EQ(b[3].reason, "torn");
    EXPECT_TRUE(b[3].kept.empty());
    EXPECT_TRUE(b[3].crossed.empty());  // a flagged ballot's marks are not kept
    EXPECT_TRUE(el::list_ballots(ws.db(), "e", 1).ballots.empty());
    EXPECT_THROW(el::list_ballots(ws.db(), "nope", 1), InputError);
}

TEST_F(List, OfAnAgreeElectionGivesBothBoxes) {
    // An agree ballot as the agree form stores it: kept = Đồng ý, disagree = Không đồng ý.
    el::create(ws, {"s", "Bầu bí thư", 1, 0, "committee", "5"});
    el::add_candidates(ws, "s", {"A"}, "committee");
    el::open(ws, "s");
    ws.db().exec("DROP TRIGGER elections_sealed_update");  // not sealed: only to reach the column
    ws.db().exec("UPDATE elections SET form = 'agree' WHERE id = 's'");
    ws.db().exec("INSERT INTO ballots (election, pass, serial, kept, flag, disagree) VALUES "
                 "('s', 1, 1, x'01', '', x'00'), ('s', 1, 2, x'00', '', x'01'), ('s', 1, 3, x'01', '', x'01')");
    auto list = el::list_ballots(ws.db(), "s", 1);
    EXPECT_EQ(list.form, "agree");
    ASSERT_EQ(list.ballots.size(), 3u);
    EXPECT_EQ(list.ballots[0].kept, (std::vector<int>{1}));
    EXPECT_TRUE(list.ballots[0].disagree.empty());
    EXPECT_EQ(list.ballots[1].disagree, (std::vector<int>{1}));
    EXPECT_TRUE(list.ballots[1].crossed.empty());
    EXPECT_TRUE(list.ballots[2].valid());  // both boxes: no vote for that row, the ballot stays valid
}

// ---- the ballot-entry journal ---------------------------------------------------------------

TEST_F(Journal, EntryRecordedWithPassStationAndTime) {
    type(2, {"7: 3"}, "bàn 2");
    auto j = journal();
    ASSERT_EQ(j.size(), 1u);
    EXPECT_EQ(j[0].action, "entered");
    EXPECT_EQ(j[0].pass, 2);
    EXPECT_EQ(j[0].serial, 7);
    EXPECT_EQ(j[0].station, "bàn 2");
    EXPECT_EQ(j[0].at.size(), 24u);  // 2025-07-15T08:30:05.123Z
    EXPECT_EQ(j[0].at.back(), 'Z');
}

TEST_F(Journal, UndoRecorded) {
    type(1, {"3"}, "bàn 1");
    el::delete_ballot(ws, "e", 1, 1, "", "bàn 1");
    auto j = journal();
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[1].action, "undone");
    EXPECT_EQ(j[1].serial, 1);
    EXPECT_EQ(j[1].station, "bàn 1");
    EXPECT_EQ(j[1].reason, "");
}

TEST_F(Journal, RemovalRecordedWithItsReason) {
    import(1, kFive);
    el::delete_ballot(ws, "e", 1, 4, "gõ nhầm");
    auto j = journal();
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[1].action, "removed");
    EXPECT_EQ(j[1].serial, 4);
    EXPECT_EQ(j[1].reason, "gõ nhầm");
}

TEST_F(Journal, ImportIsOneLineWithFileCountAndRange) {
    import(3, "serial,crossed,flag\n12,3,\n10,3,\n11,,torn\n", "laptop 3");
    auto j = journal();
    ASSERT_EQ(j.size(), 1u);
    EXPECT_EQ(j[0].action, "imported");
    EXPECT_EQ(j[0].pass, 3);
    EXPECT_FALSE(j[0].serial);
    EXPECT_EQ(j[0].station, "laptop 3");
    EXPECT_EQ(j[0].file, dir.file("p3.csv"));
    EXPECT_EQ(j[0].ballots, 3);
    EXPECT_EQ(j[0].first, 10);
    EXPECT_EQ(j[0].last, 12);
}

TEST_F(Journal, KeepsNothingOfWhatWasNotDone) {
    auto path = dir.write("b.csv", kFive);
    db::ImportFile dry;
    dry.dry_run = true;
    el::import_ballots(ws, "e", path, {1, "", nullptr, dry});
    EXPECT_THROW(import(1, "serial,crossed,flag\n1,3,\n1,2,\n"), InputError);  // a serial twice: nothing imported
    type(1, {"1: 3"});
    EXPECT_THROW(type(1, {"1: 2"}), InputError);                // already entered
    EXPECT_THROW(el::delete_ballot(ws, "e", 1, 9, "x"), InputError);  // no such ballot
    auto j = journal();
    ASSERT_EQ(j.size(), 1u);
    EXPECT_EQ(j[0].action, "entered");
}

TEST_F(Journal, IsAppendOnly) {
    type(1, {"3"});
    EXPECT_THROW(ws.db().exec("UPDATE ballot_journal SET station = 'x'"), SQLite::Exception);
    EXPECT_THROW(ws.db().exec("DELETE FROM ballot_journal"), SQLite::Exception);
}

TEST_F(Journal, ReportListsEachLineThenTheTotalsOfEachPass) {
    import(1, kFive, "bàn 1");
    type(2, {"1: 3", "2: 3"}, "bàn 2");
    el::delete_ballot(ws, "e", 2, 2, "", "bàn 2");
    el::delete_ballot(ws, "e", 1, 5, "gõ nhầm");
    const auto& kind = report::report_kind("journal");
    report::write_kind(ws.db(), kind, {{"ID", "e"}}, "en", dir.file("j.csv"));
    auto csv = slurp(dir.file("j.csv"));
    EXPECT_EQ(csv.substr(0, csv.find('\n')),
              "table,at,pass,station,action,serial,reason,file,ballots,first,last,entered,imported,removed,undone,held");
    report::write_kind(ws.db(), kind, {{"ID", "e"}}, "en", dir.file("j.json"));
    auto j = nlohmann::json::parse(slurp(dir.file("j.json")));
    ASSERT_EQ(j["entries"].size(), 5u);
    EXPECT_EQ(j["entries"][0]["action"], "imported");
    EXPECT_EQ(j["entries"][0]["ballots"], 5);
    EXPECT_EQ(j["entries"][0]["first"], 1);
    EXPECT_EQ(j["entries"][0]["last"], 5);
    EXPECT_EQ(j["entries"][0]["serial"], nullptr);
    EXPECT_EQ(j["entries"][3]["action"], "undone");
    EXPECT_EQ(j["entries"][4]["reason"], "gõ nhầm");
    ASSERT_EQ(j["totals"].size(), 2u);
    EXPECT_EQ(j["totals"][0], (nlohmann::json{{"pass", 1}, {"entered", 0}, {"imported", 5}, {"removed", 1},
                                             {"undone", 0}, {"held", 4}}));
    EXPECT_EQ(j["totals"][1], (nlohmann::json{{"pass", 2}, {"entered", 2}, {"imported", 0}, {"removed", 0},
                                             {"undone", 1}, {"held", 1}}));
    EXPECT_THROW(report::write_kind(ws.db(), kind, {{"ID", "nope"}}, "en", dir.file("n.csv")), InputError);
}
