// Nominations from the floor (QĐ 190-QĐ/TW Art. 14), the surplus stated at
// open, consultative ballots and the list built from them, and show-of-hands
// votes measured against the congress setting.
#include "core/delegates/delegates.hpp"
#include "core/election/election.hpp"
#include "core/election/motion.hpp"
#include "core/error.hpp"
#include "helpers.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

using namespace daihoi;
namespace el = daihoi::election;
namespace dl = daihoi::delegates;
using test::ScratchDir;

namespace {

struct Floor : ::testing::Test {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    registry::ImportOptions opt{};

    // Members M01…M12; delegates D01…D10 (elected, with a vote).
    void SetUp() override {
        std::string csv = "code,full_name,gender,birth_date,party_join_date,official_date\n";
        for (int i = 1; i <= 12; ++i)
            csv += fmt::format("M{:02},Nguyễn Văn Ứng{},M,1970-01-{:02},2000-01-01,2001-01-01\n", i, i, i);
        for (int i = 1; i <= 10; ++i)
            csv += fmt::format("D{:02},Trần Văn Đại{},M,1971-02-{:02},2000-01-01,2001-01-01\n", i, i, i);
        registry::import_members(ws, dir.write("m.csv", csv), opt);
        std::string d = "code,kind\n";
        for (int i = 1; i <= 10; ++i) d += fmt::format("D{:02},elected\n", i);
        dl::import_delegates(ws, dir.write("d.csv", d), opt);
    }
    void check_in(int n, const std::string& session = "1") {
        std::vector<std::string> codes;
        for (int i = 1; i <= n; ++i) codes.push_back(fmt::format("D{:02}", i));
        dl::checkin(ws, codes, session);
    }
    static std::vector<std::string> codes(int from, int to) {
        std::vector<std::string> out;
        for (int i = from; i <= to; ++i) out.push_back(fmt::format("M{:02}", i));
        return out;
    }
    std::string last_audit() {
        return ws.db().execAndGet("SELECT summary FROM audit ORDER BY seq DESC LIMIT 1").getString();
    }
    // Enters `ballots`, each the positions crossed, records the counts and closes.
    void count_and_close(const std::string& id, const std::vector<std::string>& ballots) {
        for (const auto& b : ballots) el::enter_ballot(ws, id, 1, "", el::parse_entry(b, static_cast<int>(el::candidates(ws.db(), id).size())));
        el::record_counts(ws, id, static_cast<std::int64_t>(ballots.size()), static_cast<std::int64_t>(ballots.size()));
        el::close(ws, id);
    }
};

}  // namespace

// ---- nominations from the floor ---------------------------------------------------------

TEST(Nomination, FloorNeedsMoreThan30PercentOfPresent) {
    EXPECT_FALSE(el::endorsement_stands(15, 50));  // 10N = 3P: exactly 30 %, refused
    EXPECT_TRUE(el::endorsement_stands(16, 50));
    EXPECT_FALSE(el::endorsement_stands(9, 30));   // 10N = 3P
    EXPECT_TRUE(el::endorsement_stands(10, 33));   // 10N = 3P + 1: accepted
    EXPECT_FALSE(el::endorsement_stands(9, 31));   // 90 < 93
    EXPECT_EQ(el::endorsement_needed(50), 16);
    EXPECT_EQ(el::endorsement_needed(33), 10);
    EXPECT_EQ(el::endorsement_needed(47), 15);  // 14.1 → 15
    EXPECT_EQ(el::endorsement_problem(12, 50),
              "12 of 50 delegates present agreed: a nomination from the floor needs more than 30 %, at least 16 "
              "(QĐ 190-QĐ/TW, Art. 14)");
    EXPECT_EQ(el::endorsement_problem(51, 50), "51 delegates agreed but only 50 are present");
    EXPECT_EQ(el::endorsement_problem(16, 50), "");
}

TEST_F(Floor, NominationAtTheBoundaryIsRefusedAndOneMoreStands) {
    el::create(ws, {"e", "Bầu thử", 3, 0, "committee", "convened"});
    EXPECT_THROW(el::add_candidates(ws, "e", {"M01"}, "congress", {15, 50, "1"}), Refused);
    EXPECT_THROW(el::add_candidates(ws, "e", {"M01"}, "self", {9, 30, "1"}), Refused);
    el::add_candidates(ws, "e", {"M01"}, "congress", {10, 33, "1"});
    auto cs = el::candidates(ws.db(), "e");
    ASSERT_EQ(cs.size(), 1u);
    EXPECT_EQ(cs[0].source, "congress");
    EXPECT_EQ(cs[0].endorsed, 10);
    EXPECT_EQ(cs[0].present, 33);
    EXPECT_EQ(last_audit(), "election e: candidates added (congress, 10 of 33 present agreed): M01");
}

TEST_F(Floor, NominationEndorsementOnlyFromTheFloorAndRequiredThere) {
    el::create(ws, {"e", "Bầu thử", 3, 0, "committee", "convened"});
    EXPECT_THROW(el::add_candidates(ws, "e", {"M01"}, "committee", {20, 50, "1"}), UsageError);
    EXPECT_THROW(el::add_candidates(ws, "e", {"M01"}, "committee", {std::nullopt, 50, "1"}), UsageError);
    EXPECT_THROW(el::add_candidates(ws, "e", {"M01"}, "congress", {}), Refused);
    EXPECT_THROW(el::add_candidates(ws, "e", {"M01"}, "congress", {-1, 50, "1"}), UsageError);
    el::add_candidates(ws, "e", {"M01"}, "committee");
    EXPECT_FALSE(el::candidates(ws.db(), "e")[0].endorsed);
}

TEST_F(Floor, NominationPresentComesFromTheCheckInOfTheSession) {
    el::create(ws, {"e", "Bầu thử", 3, 0, "committee", "convened"});
    // Nobody checked in and no --present: refused, saying how to give it.
    try {
        el::add_candidates(ws, "e", {"M01"}, "congress", {4, std::nullopt, "1"});
        FAIL() << "no presence known, yet accepted";
    } catch (const Refused& e) {
        EXPECT_NE(std::string(e.what()).find("--present P"), std::string::npos) << e.what();
    }
    check_in(10);
    check_in(4, "2");
    EXPECT_THROW(el::add_candidates(ws, "e", {"M01"}, "congress", {3, std::nullopt, "1"}), Refused);  // 30 % of 10
    el::add_candidates(ws, "e", {"M01"}, "congress", {4, std::nullopt, "1"});
    el::add_candidates(ws, "e", {"M02"}, "self", {2, std::nullopt, "2"});  // 2 of the 4 at session 2
    auto cs = el::candidates(ws.db(), "e");
    EXPECT_EQ(cs[0].present, 10);
    EXPECT_EQ(cs[1].present, 4);
    // A delegate checked out no longer counts.
    dl::checkout(ws, {"D01", "D02"}, "1");
    EXPECT_EQ(dl::voting_presence(ws.db(), "1")->present, 8);
}

TEST_F(Floor, NominationImportAppliesTheRuleToEveryRow) {
    el::create(ws, {"e", "Bầu thử", 3, 0, "committee", "convened"});
    auto bad = dir.write("c.csv",
                         "code,source,endorsed,present\n"
                         "M01,committee,,\n"
                         "M02,congress,15,50\n"   // exactly 30 %: refused
                         "M03,self,,\n"           // no endorsement
                         "M04,committee,20,50\n"  // an endorsement for the committee's list
                         "M05,congress,x,50\n"
                         "M06,congress,16,50\n");
    try {
        el::import_candidates(ws, "e", bad);
        FAIL() << "bad rows accepted";
    } catch (const InputError& e) {
        std::string all;
        for (const auto& d : e.diagnostics()) all += d.to_string() + "\n";
        EXPECT_EQ(e.diagnostics().size(), 4u) << all;
        for (const char* line : {"c.csv:3", "c.csv:4", "c.csv:5", "c.csv:6"})
            EXPECT_NE(all.find(line), std::string::npos) << line << "\n" << all;
        EXPECT_NE(all.find("at least 16"), std::string::npos) << all;
        EXPECT_EQ(all.find("c.csv:2"), std::string::npos) << all;
        EXPECT_EQ(all.find("c.csv:7"), std::string::npos) << all;
    }
    EXPECT_TRUE(el::candidates(ws.db(), "e").empty());  // nothing imported
    // Without a present column: --present, else the check-in.
    auto good = dir.write("g.csv", "code,source,endorsed\nM01,,\nM02,congress,4\n");
    EXPECT_THROW(el::import_candidates(ws, "e", good), InputError);  // nobody checked in
    check_in(10);
    el::import_candidates(ws, "e", good);
    auto cs = el::candidates(ws.db(), "e");
    ASSERT_EQ(cs.size(), 2u);
    EXPECT_EQ(cs[1].code, "M02");
    EXPECT_EQ(cs[1].present, 10);
    el::import_candidates(ws, "e", dir.write("h.csv", "code,source,endorsed\nM03,self,16\n"), {}, {std::nullopt, 50, "1"});
    EXPECT_EQ(el::candidates(ws.db(), "e")[2].present, 50);
}

// ---- the surplus at open ----------------------------------------------------------------------

TEST_F(Floor, OpenStatesSurplus) {
    el::create(ws, {"e", "Bầu thử", 10, 0, "committee", "10"});
    el::add_candidates(ws, "e", codes(1, 12), "committee");
    auto r = el::open(ws, "e");
    EXPECT_EQ(r.candidates, 12);
    EXPECT_EQ(r.places, 10);
    EXPECT_EQ(r.surplus, 2);
    EXPECT_EQ(r.surplus_percent, "20.00");
    EXPECT_FALSE(r.surplus_over_30);
    EXPECT_TRUE(r.warnings.empty());
}

TEST(Open, SurplusOver30PercentWarnsAndSuggestsAConsultativeBallot) {
    el::Election e;
    e.seats = 10;
    e.body = "delegation";
    auto at30 = el::surplus_of(e, 13);  // exactly 30 %: no warning
    EXPECT_EQ(at30.surplus_percent, "30.00");
    EXPECT_TRUE(at30.warnings.empty());
    auto over = el::surplus_of(e, 14);
    EXPECT_TRUE(over.surplus_over_30);
    ASSERT_EQ(over.warnings.size(), 1u);
    EXPECT_EQ(over.warnings[0].code, "surplus_over_30");
    EXPECT_NE(over.warnings[0].message.find("--body consultation"), std::string::npos);
    // 35 to elect, 48 names: 37.14 % (the worked example of RULES).
    e.seats = 35;
    EXPECT_EQ(el::surplus_of(e, 48).surplus_percent, "37.14");
}

TEST(Open, WarnsCommitteeOf3To5WithSurplusOverOne) {
    el::Election e;
    e.body = "committee";
    for (int seats : {3, 4, 5}) {
        e.seats = seats;
        auto one = el::surplus_of(e, seats + 1);
        EXPECT_TRUE(std::none_of(one.warnings.begin(), one.warnings.end(),
                                 [](const auto& w) { return w.code == "committee_surplus_over_one"; }))
            << seats;
        auto two = el::surplus_of(e, seats + 2);
        EXPECT_TRUE(std::any_of(two.warnings.begin(), two.warnings.end(),
                                [](const auto& w) { return w.code == "committee_surplus_over_one"; }))
            << seats;
    }
    e.body = "inspection";
    e.seats = 5;
    EXPECT_EQ(el::surplus_of(e, 7).warnings.size(), 2u);  // 2 of 5 = 40 %: both rules
    e.seats = 6;  // not 3–5: only the 30 % rule (2 of 6 is 33 %)
    auto six = el::surplus_of(e, 8);
    ASSERT_EQ(six.warnings.size(), 1u);
    EXPECT_EQ(six.warnings[0].code, "surplus_over_30");
    e.body = "delegation";  // not a committee
    e.seats = 3;
    auto d = el::surplus_of(e, 5);
    ASSERT_EQ(d.warnings.size(), 1u);
    EXPECT_EQ(d.warnings[0].code, "surplus_over_30");
    e.body = "consultation";  // the list to reduce: no warning
    EXPECT_TRUE(el::surplus_of(e, 12).warnings.empty());
}

// ---- consultative ballots ---------------------------------------------------------------------

TEST_F(Floor, ConsultationElectsNobodyRanksNames) {
    el::create(ws, {"c", "Xin ý kiến", 3, 0, "consultation", "10"});
    el::add_candidates(ws, "c", codes(1, 4), "committee");
    el::open(ws, "c");
    // M01 4 votes, M02 3, M03 3, M04 2 (positions in name order: M01…M04).
    count_and_close("c", {"4", "4", "3", "2"});
    auto t = el::tally(ws.db(), "c");
    ASSERT_EQ(t.result.candidates.size(), 4u);
    for (const auto& c : t.result.candidates) EXPECT_EQ(c.status, el::Status::Ranked) << c.code;
    EXPECT_EQ(t.result.candidates[0].code, "M01");
    EXPECT_EQ(t.result.candidates[0].rank, 1);
    EXPECT_EQ(t.result.candidates[1].rank, 2);
    EXPECT_EQ(t.result.candidates[2].rank, 2);  // a tie shares its rank
    EXPECT_EQ(t.result.unfilled_seats, 0);
    auto j = el::to_json(t);
    EXPECT_EQ(j["consultation"], true);
    EXPECT_EQ(j["candidates"][0]["status"], "ranked");
    EXPECT_NE(last_audit().find("0 elected"), std::string::npos);
    EXPECT_THROW(el::next_round(ws, "c", "c2", {}), Refused);
    // An election's result has no "consultation" key (its record is unchanged).
    el::create(ws, {"e", "Bầu thử", 1, 0, "committee", "10"});
    el::add_candidates(ws, "e", codes(5, 6), "committee");
    el::open(ws, "e");
    EXPECT_FALSE(el::to_json(el::tally(ws.db(), "e")).contains("consultation"));
}

TEST_F(Floor, CandidatesFromTakeTheTopNWithTheirEndorsement) {
    el::create(ws, {"c", "Xin ý kiến", 2, 0, "consultation", "10"});
    el::add_candidates(ws, "c", {"M01", "M02"}, "congress", {20, 50, "1"});
    el::add_candidates(ws, "c", {"M03"}, "self", {30, 50, "1"});
    el::open(ws, "c");
    el::create(ws, {"e", "Bầu thử", 2, 0, "committee", "10"});
    EXPECT_THROW(el::candidates_from(ws, "c", "e", 1), Refused);  // not closed yet
    count_and_close("c", {"1", "1", "2"});  // M03 3, M02 2, M01 1
    EXPECT_THROW(el::candidates_from(ws, "e", "c", 1), Refused);  // e is no consultation
    EXPECT_THROW(el::candidates_from(ws, "c", "c", 1), UsageError);
    EXPECT_THROW(el::candidates_from(ws, "c", "e", 4), Refused);
    EXPECT_THROW(el::candidates_from(ws, "c", "e", 0), Refused);
    EXPECT_EQ(el::candidates_from(ws, "c", "e", 2), (std::vector<std::string>{"M03", "M02"}));
    auto cs = el::candidates(ws.db(), "e");
    ASSERT_EQ(cs.size(), 2u);
    for (const auto& c : cs) {
        EXPECT_EQ(c.source, c.code == "M03" ? "self" : "congress") << c.code;
        EXPECT_EQ(c.endorsed, c.code == "M03" ? 30 : 20) << c.code;
        EXPECT_EQ(c.present, 50);
    }
    EXPECT_THROW(el::candidates_from(ws, "c", "e", 1), InputError);  // already on the list
}

TEST_F(Floor, CandidatesFromTopNTieRefused) {
    el::create(ws, {"c", "Xin ý kiến", 3, 0, "consultation", "10"});
    el::add_candidates(ws, "c", codes(1, 4), "committee");
    el::open(ws, "c");
    count_and_close("c", {"4", "4", "3", "2"});  // M01 4, M02 3, M03 3, M04 2
    el::create(ws, {"e", "Bầu thử", 2, 0, "committee", "10"});
    try {
        el::candidates_from(ws, "c", "e", 2);
        FAIL() << "a tie at the 2nd place was broken";
    } catch (const Refused& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("(M02)"), std::string::npos) << m;
        EXPECT_NE(m.find("(M03)"), std::string::npos) << m;
        EXPECT_EQ(m.find("(M01)"), std::string::npos) << m;
    }
    EXPECT_TRUE(el::candidates(ws.db(), "e").empty());
    EXPECT_EQ(el::candidates_from(ws, "c", "e", 3).size(), 3u);  // below the tie
}

// ---- show-of-hands votes ----------------------------------------------------------------------

TEST(Vote, PassedIsMoreThanHalfOfBase) {
    EXPECT_FALSE(el::motion_passes(25, 50));
    EXPECT_TRUE(el::motion_passes(26, 50));
    EXPECT_FALSE(el::motion_passes(24, 49));
    EXPECT_TRUE(el::motion_passes(25, 49));
}

TEST_F(Floor, VoteRecordsTheBaseAndTheOutcome) {
    el::MotionRequest r;
    r.subject = "presidium";
    r.text = "Đoàn Chủ tịch gồm 5 đồng chí";
    r.votes_for = 26;
    r.against = 20;
    r.abstain = 4;
    r.present = 50;
    auto m = el::record_motion(ws, r);
    EXPECT_TRUE(m.passed);
    EXPECT_EQ(m.base_kind, "present");
    EXPECT_EQ(m.base, 50);
    EXPECT_EQ(m.needed(), 26);
    EXPECT_EQ(el::motion_outcome(m), "passed: 26 of 50 delegates present, more than half needed: 26");
    EXPECT_EQ(last_audit(), "vote 1 (presidium): Đoàn Chủ tịch gồm 5 đồng chí: 26 for, 20 against, 4 abstaining; "
                            "base present 50, needed 26: passed");
    r.votes_for = 25;
    r.against = 25;
    r.abstain = 0;
    EXPECT_FALSE(el::record_motion(ws, r).passed);
    ASSERT_EQ(el::motions(ws.db()).size(), 2u);
    // Append-only, even from the sqlite3 shell.
    EXPECT_THROW(ws.db().exec("UPDATE motions SET passed = 1"), SQLite::Exception);
    EXPECT_THROW(ws.db().exec("DELETE FROM motions"), SQLite::Exception);
}

TEST_F(Floor, VoteCountsOverPresentRefused) {
    el::MotionRequest r;
    r.subject = "seats";
    r.text = "Bầu 3 đồng chí";
    r.votes_for = 40;
    r.against = 8;
    r.abstain = 3;
    r.present = 50;
    try {
        el::record_motion(ws, r);
        FAIL() << "51 hands of 50 present accepted";
    } catch (const Refused& e) {
        EXPECT_EQ(std::string(e.what()), "40 for, 8 against and 3 abstaining make 51, more than the 50 delegates present");
    }
    EXPECT_TRUE(el::motions(ws.db()).empty());
    r.present.reset();  // from the check-in: nobody yet
    EXPECT_THROW(el::record_motion(ws, r), Refused);
    check_in(9);
    r.votes_for = 5, r.against = 4, r.abstain = 1;  // 10 of 9 present
    EXPECT_THROW(el::record_motion(ws, r), Refused);
    r.abstain = 0;
    auto m = el::record_motion(ws, r);
    EXPECT_EQ(m.base, 9);
    EXPECT_TRUE(m.passed);
    r.subject = "nothing";
    EXPECT_THROW(el::record_motion(ws, r), UsageError);
}

TEST_F(Floor, VoteBaseIsTheCongressSetting) {
    registry::set_congress_field(ws, "motion_base", "convened");
    EXPECT_EQ(registry::motion_base(ws.db()), registry::MotionBase::Convened);
    check_in(6);
    el::MotionRequest r;
    r.subject = "list";
    r.text = "Danh sách bầu cử";
    r.votes_for = 5;  // 5 of 6 present, but not more than half of the 10 convened
    r.against = 1;
    auto m = el::record_motion(ws, r);
    EXPECT_EQ(m.base_kind, "convened");
    EXPECT_EQ(m.base, 10);
    EXPECT_FALSE(m.passed);
    EXPECT_THROW(registry::set_congress_field(ws, "motion_base", "half"), InputError);
    registry::set_congress_field(ws, "motion_base", "có mặt");
    EXPECT_EQ(registry::motion_base(ws.db()), registry::MotionBase::Present);
}

TEST_F(Floor, VoteWithdrawalRemovesTheCandidateWhenItPasses) {
    el::create(ws, {"e", "Bầu thử", 2, 0, "committee", "10"});
    el::add_candidates(ws, "e", codes(1, 4), "committee");
    el::MotionRequest r;
    r.subject = "withdrawal";
    r.text = "Cho đồng chí M04 rút khỏi danh sách";
    r.election = "e";
    r.withdraw = "M04";
    r.votes_for = 20;
    r.against = 30;
    r.present = 50;
    EXPECT_FALSE(el::record_motion(ws, r).passed);
    EXPECT_EQ(el::candidates(ws.db(), "e").size(), 4u);
    r.votes_for = 30, r.against = 20;
    EXPECT_TRUE(el::record_motion(ws, r).passed);
    EXPECT_EQ(el::candidates(ws.db(), "e").size(), 3u);
    EXPECT_NE(last_audit().find("candidate M04 withdrawn from election e"), std::string::npos);
    // Not on the list: the vote is not recorded either (one transaction).
    EXPECT_THROW(el::record_motion(ws, r), InputError);
    EXPECT_EQ(el::motions(ws.db()).size(), 2u);
    el::MotionRequest bad = r;
    bad.subject = "other";
    EXPECT_THROW(el::record_motion(ws, bad), UsageError);  // --withdraw only for a withdrawal
}
