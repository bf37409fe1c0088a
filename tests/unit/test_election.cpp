// core/election store: the refusals and edge cases found in review.
#include "core/election/election.hpp"
#include "core/error.hpp"
#include "helpers.hpp"

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
                                 {std::nullopt, false, nullptr});
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
    EXPECT_TRUE(el::reconcile(ws.db(), "e").empty());
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
