// core/election store: the refusals and edge cases found in review.
#include "core/election/election.hpp"
#include "core/error.hpp"
#include "helpers.hpp"

#include <filesystem>

#include <gtest/gtest.h>

using namespace daihoi;
namespace el = daihoi::election;
using test::ScratchDir;

namespace {
struct Election : ::testing::Test {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    void SetUp() override {
        registry::import_members(ws, dir.write("m.csv", "code,full_name,gender,birth_date,party_join_date,official_date\n"
                                                        "A,Lê Văn An,M,1970-01-01,2000-01-01,2001-01-01\n"
                                                        "B,Lê Văn Bình,M,1971-01-01,2000-01-01,2001-01-01\n"
                                                        "C,Lê Văn Cường,M,1972-01-01,2000-01-01,2001-01-01\n"),
                                 {});
    }
    void ready(const std::string& base = "convened", int seats = 2) {
        el::create(ws, {"e", "Bầu thử", seats, 0, "committee", base});
        el::add_candidates(ws, "e", {"A", "B", "C"}, "committee");
        el::open(ws, "e");
    }
};
}  // namespace

TEST_F(Election, ConvenedBaseOfZeroIsRefusedNotAOneVoteMajority) {
    ready();  // no delegate list at all
    el::enter_ballot(ws, "e", 1, "", el::parse_entry("3", 3));
    EXPECT_THROW(el::tally(ws.db(), "e"), Refused);
    el::record_counts(ws, "e", 1, 1);
    EXPECT_THROW(el::close(ws, "e"), Refused);
}

TEST_F(Election, FlaggedBallotsKeepNoNamesSoBothPassesAgree) {
    ready("10");
    el::enter_ballot(ws, "e", 1, "", el::parse_entry("1: !torn", 3));
    el::import_ballots(ws, "e", dir.write("b.csv", "serial,crossed,flag\n1,1 2,torn\n"), {2, "", nullptr});
    EXPECT_TRUE(el::reconcile(ws.db(), "e").agree());
}

TEST_F(Election, ReserveOnlyElectionAndUsageErrors) {
    el::create(ws, {"r", "Bầu dự khuyết", 0, 1, "delegation", "valid"});
    EXPECT_EQ(el::require(ws.db(), "r").reserves, 1);
    EXPECT_THROW(el::create(ws, {"z", "x", 0, 0, "committee", "convened"}), UsageError);
    EXPECT_THROW(el::create(ws, {"z", "x", 2, 0, "party", "convened"}), UsageError);
    EXPECT_THROW(el::create(ws, {"z", "x", 2, 0, "committee", "half"}), UsageError);
}

TEST_F(Election, OneFurtherRoundPerElection) {
    ready("10", 3);
    for (int i = 0; i < 10; ++i) el::enter_ballot(ws, "e", 1, "", el::parse_entry(i < 6 ? "3" : "1 2 3", 3));
    el::record_counts(ws, "e", 10, 10);
    el::close(ws, "e");  // A and B have 6 of 10 (a majority), C none: 1 seat unfilled
    el::next_round(ws, "e", "e2", {});
    EXPECT_THROW(el::next_round(ws, "e", "e3", {}), Refused);
    EXPECT_EQ(el::require(ws.db(), "e2").seats, 1);
}

// ---- interactive entry: the phase check and the verdict live in core ------------------

TEST_F(Election, EntryStartsOnlyOnAnOpenElection) {
    el::create(ws, {"e", "Bầu thử", 2, 0, "committee", "10"});
    el::add_candidates(ws, "e", {"A", "B", "C"}, "committee");
    EXPECT_THROW(el::start_entry(ws.db(), "e", 1), Refused);  // still in setup
    el::open(ws, "e");
    auto s = el::start_entry(ws.db(), "e", 2);
    EXPECT_EQ(s.candidates, 3);
    EXPECT_EQ(s.places, 2);
    EXPECT_EQ(s.entered, 0);
    EXPECT_NO_THROW(el::start_entry(ws.db(), "e", 9));
    EXPECT_THROW(el::start_entry(ws.db(), "e", 10), UsageError);  // a pass out of 1…kMaxPass
    EXPECT_THROW(el::start_entry(ws.db(), "e", 0), UsageError);
    EXPECT_THROW(el::start_entry(ws.db(), "nope", 1), InputError);
}

TEST_F(Election, EnterBallotReturnsTheVerdict) {
    ready("10");  // 3 names for 2 seats: a surplus
    auto valid = el::enter_ballot(ws, "e", 1, "", el::parse_entry("3", 3));
    EXPECT_EQ(valid.serial, 1);
    EXPECT_TRUE(valid.valid());
    EXPECT_EQ(valid.kept, 2);
    auto over = el::enter_ballot(ws, "e", 1, "", el::parse_entry("-", 3));
    EXPECT_EQ(over.reason, "over_vote");
    EXPECT_EQ(over.kept, 3);
    auto crossed = el::enter_ballot(ws, "e", 1, "", el::parse_entry("7: 1 2 3", 3));
    EXPECT_EQ(crossed.serial, 7);
    EXPECT_EQ(crossed.reason, "all_crossed");
    auto flagged = el::enter_ballot(ws, "e", 1, "", el::parse_entry("!torn", 3));
    EXPECT_EQ(flagged.serial, 8);
    EXPECT_EQ(flagged.reason, "torn");
    EXPECT_EQ(flagged.kept, 0);
    auto t = el::pass_totals(ws.db(), "e", 1);
    EXPECT_EQ(t.entered, 4);
    EXPECT_EQ(t.valid, 1);
    EXPECT_EQ(t.invalid, 3);
}

TEST_F(Election, EnterBallotRefusedOnceClosedAndNothingEntered) {
    ready("10");
    el::enter_ballot(ws, "e", 1, "", el::parse_entry("3", 3));
    el::record_counts(ws, "e", 1, 1);
    el::close(ws, "e");
    EXPECT_THROW(el::enter_ballot(ws, "e", 1, "", el::parse_entry("2", 3)), Refused);
    EXPECT_THROW(el::start_entry(ws.db(), "e", 1), Refused);
    EXPECT_EQ(test::count(ws, "ballots"), 1);
}

TEST_F(Election, RunningTotalsNeedNoMajorityBase) {
    ready();  // base convened, and no delegate list: the tally is refused, the totals are not
    el::enter_ballot(ws, "e", 1, "", el::parse_entry("3", 3));
    EXPECT_THROW(el::tally(ws.db(), "e"), Refused);
    EXPECT_EQ(el::pass_totals(ws.db(), "e", 1).valid, 1);
}

TEST_F(Election, RemovingABallotNotEnteredIsBadInput) {
    ready("10");
    el::enter_ballot(ws, "e", 1, "", el::parse_entry("3", 3));
    EXPECT_THROW(el::delete_ballot(ws, "e", 2, 1, "x"), InputError);
    EXPECT_EQ(test::count(ws, "ballots"), 1);
}

// ---- the board's counts: checked in core, warnings returned ------------------------------

TEST_F(Election, CollectedOverIssuedRefusedAndNothingRecorded) {
    ready("10");
    el::record_counts(ws, "e", 5, 4);
    EXPECT_THROW(el::record_counts(ws, "e", 4, 5), Refused);
    EXPECT_EQ(el::require(ws.db(), "e").issued, 5);
    EXPECT_EQ(el::require(ws.db(), "e").collected, 4);
}

TEST_F(Election, CountsOverTheBaseOrBelowTheBallotsEnteredAreWarnedPerPass) {
    ready("10");
    for (int i = 0; i < 4; ++i) el::enter_ballot(ws, "e", 1, "", el::parse_entry("3", 3));
    for (int i = 0; i < 2; ++i) el::enter_ballot(ws, "e", 2, "", el::parse_entry("3", 3));
    auto codes = [](const el::CountResult& r) {
        std::vector<std::string> out;
        for (const auto& w : r.warnings) out.push_back(w.code + (w.pass > 1 ? "@" + std::to_string(w.pass) : ""));
        return out;
    };
    EXPECT_TRUE(el::record_counts(ws, "e", 5, 4).warnings.empty());
    EXPECT_EQ(codes(el::record_counts(ws, "e", 12, 11)), std::vector<std::string>{"collected_over_base"});
    EXPECT_EQ(codes(el::record_counts(ws, "e", 3, 3)), std::vector<std::string>{"entered_over_collected"});
    EXPECT_EQ(codes(el::record_counts(ws, "e", 1, 1)),
              (std::vector<std::string>{"entered_over_collected", "entered_over_collected@2"}));
    // Recorded all the same: the board may correct them later; close refuses until they agree.
    EXPECT_EQ(el::require(ws.db(), "e").collected, 1);
}

TEST_F(Election, IssuedOverVotingDelegatesCheckedInRefused) {
    ready("10");
    delegates::import_delegates(ws, dir.write("d.csv", "code,kind\nA,elected\nB,elected\nC,elected\n"), {});
    EXPECT_FALSE(el::record_counts(ws, "e", 3, 3).presence);  // no check-in yet: nothing to check against
    delegates::checkin(ws, {"A", "B"}, "1");
    EXPECT_THROW(el::record_counts(ws, "e", 3, 2), Refused);
    EXPECT_EQ(el::require(ws.db(), "e").issued, 3);  // the refused count changed nothing
    auto r = el::record_counts(ws, "e", 2, 2);
    ASSERT_TRUE(r.presence);
    EXPECT_EQ(r.presence->present, 2);
    EXPECT_THROW(el::record_counts(ws, "e", 2, 2, "2"), Refused);  // nobody checked in at session 2
}

TEST_F(Election, NegativeCountsAreAUsageErrorAndChangeNothing) {
    ready("10");
    el::record_counts(ws, "e", 5, 5);
    EXPECT_THROW(el::record_counts(ws, "e", -1, 5), UsageError);
    EXPECT_EQ(el::require(ws.db(), "e").issued, 5);
}

TEST_F(Election, ValidBaseBoundsNoCount) {
    ready("valid");
    EXPECT_TRUE(el::record_counts(ws, "e", 500, 500).warnings.empty());
}

// ---- unknown IDs and codes: one answer, exit 3 -------------------------------------------

TEST_F(Election, UnknownElectionIsBadInputWithOneMessage) {
    ready("10");
    auto message = [](auto&& f) {
        try {
            f();
        } catch (const InputError& e) {
            return e.diagnostics().at(0).message;
        }
        return std::string("no InputError");
    };
    const std::string want = el::unknown_election_message("nope");
    EXPECT_EQ(message([&] { el::require(ws.db(), "nope"); }), want);
    EXPECT_EQ(message([&] { el::tally(ws.db(), "nope"); }), want);
    EXPECT_EQ(message([&] { el::add_candidates(ws, "nope", {"A"}, "committee"); }), want);
    EXPECT_EQ(message([&] { el::record_counts(ws, "nope", 1, 1); }), want);
    EXPECT_EQ(message([&] { el::seal(ws, "nope"); }), want);
    EXPECT_EQ(message([&] { el::export_record(ws.db(), "nope"); }), want);
    EXPECT_NE(want.find("nope"), std::string::npos);
}

TEST_F(Election, UnknownMemberCodesGetTheRegistrysAnswer) {
    el::create(ws, {"e", "Bầu thử", 2, 0, "committee", "10"});
    try {
        el::add_candidates(ws, "e", {"A", "X1", "X2"}, "committee");
        FAIL() << "no InputError";
    } catch (const InputError& e) {
        ASSERT_EQ(e.diagnostics().size(), 2u);
        EXPECT_EQ(e.diagnostics()[0].message, registry::unknown_member_message("X1"));
        EXPECT_EQ(e.diagnostics()[1].message, registry::unknown_member_message("X2"));
    }
    EXPECT_EQ(test::count(ws, "candidates"), 0);
    EXPECT_THROW(el::remove_candidate(ws, "e", "X1", "rút"), InputError);
    EXPECT_THROW(el::remove_candidate(ws, "e", "A", "rút"), InputError);  // in the registry, not on the list
}

TEST_F(Election, VietnameseWordsAreAcceptedForCodes) {
    el::create(ws, {"e", "Bầu đoàn", 2, 0, "đoàn đại biểu", "hợp lệ"});
    auto e = el::require(ws.db(), "e");
    EXPECT_EQ(e.body, "delegation");
    EXPECT_EQ(e.base_kind, el::BaseKind::Valid);
    el::add_candidates(ws, "e", {"A"}, "tự ứng cử", {20, 50, "1"});  // a self-nomination needs its endorsement
    EXPECT_EQ(el::candidates(ws.db(), "e").at(0).source, "self");
    EXPECT_THROW(el::add_candidates(ws, "e", {"B"}, "nobody"), UsageError);
    EXPECT_THROW(el::create(ws, {"f", "x", 2, 0, "committee", "fixed"}), UsageError);  // a fixed base needs its number
}

// ---- reconcile: codes for scripts, words for people ---------------------------------------

TEST_F(Election, ReconcileGivesEachDifferenceACode) {
    ready("10");
    el::enter_ballot(ws, "e", 1, "", el::parse_entry("1: 3", 3));
    el::enter_ballot(ws, "e", 1, "", el::parse_entry("2: 1", 3));
    el::enter_ballot(ws, "e", 2, "", el::parse_entry("1: 2", 3));
    el::enter_ballot(ws, "e", 2, "", el::parse_entry("3: !torn", 3));
    auto d = el::reconcile(ws.db(), "e").differences;
    ASSERT_EQ(d.size(), 3u);
    EXPECT_EQ(d[0].kind, "differs");
    EXPECT_EQ(d[0].pass, 2);
    EXPECT_EQ(d[0].in_pass1->kept, (std::vector<int>{1, 2}));
    EXPECT_EQ(d[0].in_pass->kept, (std::vector<int>{1, 3}));
    EXPECT_EQ(d[0].what, "pass 1 keeps 1 2, pass 2 keeps 1 3");
    EXPECT_EQ(d[1].kind, "only_in_pass1");
    EXPECT_EQ(d[1].what, "only in pass 1, not in pass 2");
    EXPECT_FALSE(d[1].in_pass);
    EXPECT_EQ(d[2].kind, "only_in_pass");
    EXPECT_EQ(d[2].what, "only in pass 2, not in pass 1");
    EXPECT_EQ(d[2].in_pass->flag, "torn");
}

TEST_F(Election, NextRoundSaysWhereItsCandidatesComeFromAsACode) {
    ready("10", 3);
    for (int i = 0; i < 10; ++i) el::enter_ballot(ws, "e", 1, "", el::parse_entry(i < 6 ? "3" : "1 2 3", 3));
    el::record_counts(ws, "e", 10, 10);
    el::close(ws, "e");
    EXPECT_EQ(el::next_round(ws, "e", "e2", {}), "not_elected");
    EXPECT_EQ(std::string(el::round_source_label("not_elected")), "the candidates not elected");
}

// ---- completion reads IDs without touching the workspace ---------------------------------

TEST_F(Election, ElectionIdsForCompletionNeverCreateAWorkspace) {
    el::create(ws, {"bch", "Bầu", 2, 0, "committee", "10"});
    el::create(ws, {"ubkt", "Bầu", 2, 0, "inspection", "10"});
    EXPECT_EQ(el::election_ids(dir.file("w.db")), (std::vector<std::string>{"bch", "ubkt"}));
    EXPECT_TRUE(el::election_ids(dir.file("none.db")).empty());
    EXPECT_FALSE(std::filesystem::exists(dir.file("none.db")));
    EXPECT_TRUE(el::election_ids(dir.write("other.db", "not a database, just text")).empty());
}
