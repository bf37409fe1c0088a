// core/election tally: every rule of SPEC §5.3–5.4 on hand-worked cases.
#include "core/base/number.hpp"
#include "core/election/tally.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>

using namespace daihoi::election;

namespace {

TallyInput list(int candidates, int seats, int reserves, std::optional<std::int64_t> base) {
    TallyInput in;
    in.seats = seats;
    in.reserves = reserves;
    in.base = base;
    for (int p = 1; p <= candidates; ++p) in.candidates.push_back({p, fmt::format("C{}", p), std::string(1, char('A' + p - 1))});
    return in;
}

// Builds a result directly from votes (skipping ballots) to test the decision rule.
std::map<std::string, std::string> decide_votes(std::vector<std::int64_t> votes, int seats, int reserves, std::int64_t base,
                                                TallyResult* out = nullptr) {
    TallyResult r;
    r.base = base;
    for (std::size_t i = 0; i < votes.size(); ++i) {
        CandidateResult c;
        c.position = static_cast<int>(i) + 1;
        c.name = std::string(1, char('A' + i));
        c.votes = votes[i];
        c.majority = 2 * c.votes > base;
        r.candidates.push_back(c);
    }
    decide(r, seats, reserves);
    std::map<std::string, std::string> s;
    for (const auto& c : r.candidates) s[c.name] = std::string(code(c.status));
    if (out) *out = r;
    return s;
}

Ballot crossed(std::int64_t serial, int count, std::vector<int> positions, std::string flag = "") {
    return {serial, PositionSet::all_but(count, positions), std::move(flag)};
}

}  // namespace

// SPEC §5.4, first worked example: 2 seats + 1 reserve, base 100.
TEST(Majority, TieStraddlingTheLastOfficialSeat) {
    TallyResult r;
    auto s = decide_votes({90, 80, 80, 70}, 2, 1, 100, &r);
    EXPECT_EQ(s["A"], "elected");
    EXPECT_EQ(s["B"], "tie");
    EXPECT_EQ(s["C"], "tie");
    EXPECT_EQ(s["D"], "not_elected");  // rank 4, beyond the 3 places
    EXPECT_EQ(r.unfilled_seats, 1);
    EXPECT_EQ(r.unfilled_reserves, 1);
}

// SPEC §5.4, second worked example.
TEST(Majority, TieAtTheReserveCut) {
    TallyResult r;
    auto s = decide_votes({90, 85, 80, 80}, 2, 1, 100, &r);
    EXPECT_EQ(s["A"], "elected");
    EXPECT_EQ(s["B"], "elected");
    EXPECT_EQ(s["C"], "tie");
    EXPECT_EQ(s["D"], "tie");
    EXPECT_EQ(r.unfilled_seats, 0);
    EXPECT_EQ(r.unfilled_reserves, 1);
}

// Charter Art. 12.3 and the Party's example: 11 convened, 5 votes is not enough, 6 is.
TEST(Majority, MoreThanHalfOfTheBaseNotOfThoseVoting) {
    TallyResult r;
    auto s = decide_votes({6, 5}, 2, 0, 11, &r);
    EXPECT_EQ(s["A"], "elected");
    EXPECT_EQ(s["B"], "not_elected");
    EXPECT_EQ(r.unfilled_seats, 1);  // too few majorities: the seat stays unfilled
    // Through the counter: 10 ballots present, base 11 convened.
    auto in = list(2, 2, 0, 11);
    std::vector<Ballot> ballots;
    for (int i = 0; i < 10; ++i) ballots.push_back(crossed(i + 1, 2, i < 5 ? std::vector<int>{} : std::vector<int>{1}));
    auto t = tally(in, ballots);  // A kept on 5 ballots, B on all 10
    EXPECT_EQ(t.base, 11);
    EXPECT_EQ(t.needed, 6);
    EXPECT_EQ(t.candidates[0].code, "C2");
    EXPECT_EQ(t.candidates[0].status, Status::Elected);
    EXPECT_EQ(t.candidates[1].votes, 5);
    EXPECT_EQ(t.candidates[1].status, Status::NotElected);  // 5 of 11 is not more than half
}

TEST(Majority, WithoutAMajorityNotElectedWhateverTheRank) {
    TallyResult r;
    auto s = decide_votes({70, 50, 40}, 2, 0, 100, &r);
    EXPECT_EQ(s["A"], "elected");
    EXPECT_EQ(s["B"], "not_elected");  // 50 is not more than half of 100
    EXPECT_EQ(s["C"], "not_elected");
    EXPECT_EQ(r.unfilled_seats, 1);
}

TEST(Majority, TieWithinTheSeatsIsNoTie) {
    auto s = decide_votes({80, 80, 70}, 2, 0, 100);
    EXPECT_EQ(s["A"], "elected");
    EXPECT_EQ(s["B"], "elected");
    EXPECT_EQ(s["C"], "not_elected");
}

TEST(Majority, ReservesFollowOfficialSeatsInRankOrder) {
    TallyResult r;
    auto s = decide_votes({90, 85, 80, 75, 60, 40}, 2, 2, 100, &r);
    EXPECT_EQ(s["A"], "elected");
    EXPECT_EQ(s["B"], "elected");
    EXPECT_EQ(s["C"], "reserve");
    EXPECT_EQ(s["D"], "reserve");
    EXPECT_EQ(s["E"], "not_elected");  // a majority, but beyond the places
    EXPECT_EQ(s["F"], "not_elected");
    EXPECT_EQ(r.unfilled_reserves, 0);
}

TEST(Majority, TieGroupStraddlingBothCuts) {
    TallyResult r;
    auto s = decide_votes({90, 80, 80, 80, 70}, 2, 1, 100, &r);  // B, C, D at ranks 2–4: seats 2, places 3
    EXPECT_EQ(s["B"], "tie");
    EXPECT_EQ(s["C"], "tie");
    EXPECT_EQ(s["D"], "tie");
    EXPECT_EQ(s["E"], "not_elected");
    EXPECT_EQ(r.unfilled_seats, 1);
    EXPECT_EQ(r.unfilled_reserves, 1);
}

TEST(Majority, ATiedGroupOnlyPartlyAboveHalfCountsOnlyItsMajority) {
    // Base 100: 51 is a majority, 50 is not — equal ranks never mix the two.
    auto s = decide_votes({60, 51, 50}, 2, 0, 100);
    EXPECT_EQ(s["B"], "elected");
    EXPECT_EQ(s["C"], "not_elected");
}

TEST(Validity, FlaggedOverVoteAllCrossedAndFewerNamesThanSeats) {
    auto in = list(5, 2, 0, 100);  // 5 names for 2 seats: a surplus
    std::vector<Ballot> b = {
        crossed(1, 5, {3, 4, 5}),              // keeps 2: valid
        crossed(2, 5, {2, 3, 4, 5}),           // keeps 1 (fewer than seats): valid
        crossed(3, 5, {4, 5}),                 // keeps 3 > 2: over_vote
        crossed(4, 5, {1, 2, 3, 4, 5}),        // all crossed on a list with a surplus
        crossed(5, 5, {3, 4, 5}, "unissued"),  // flagged first, whatever it keeps
        crossed(6, 5, {}, "marked"),
    };
    auto t = tally(in, b);
    EXPECT_EQ(t.entered, 6);
    EXPECT_EQ(t.valid, 2);
    EXPECT_EQ(t.invalid, 4);
    EXPECT_EQ(t.invalid_by_reason, (std::map<std::string, std::int64_t>{
                                       {"all_crossed", 1}, {"marked", 1}, {"over_vote", 1}, {"unissued", 1}}));
    EXPECT_EQ(t.candidates[0].name, "A");  // A kept on both valid ballots
    EXPECT_EQ(t.candidates[0].votes, 2);
    EXPECT_EQ(t.candidates[1].votes, 1);   // B on one
}

TEST(Validity, AllCrossedWithoutSurplusIsValidAndGivesNoVotes) {
    auto in = list(2, 2, 0, 10);  // no surplus
    auto t = tally(in, {crossed(1, 2, {1, 2}), crossed(2, 2, {})});
    EXPECT_EQ(t.valid, 2);
    EXPECT_EQ(t.invalid, 0);
    EXPECT_EQ(t.candidates[0].votes, 1);
    EXPECT_EQ(t.candidates[1].votes, 1);
}

TEST(Validity, ReservesCountTowardsTheNamesAllowed) {
    auto in = list(5, 2, 1, 100);  // 3 places
    auto t = tally(in, {crossed(1, 5, {4, 5}), crossed(2, 5, {5})});
    EXPECT_EQ(t.valid, 1);
    EXPECT_EQ(t.invalid_by_reason.at("over_vote"), 1);
}

TEST(Base, ValidBallotsWhenNoNumberIsGiven) {
    auto in = list(3, 1, 0, std::nullopt);
    auto t = tally(in, {crossed(1, 3, {2, 3}), crossed(2, 3, {2, 3}), crossed(3, 3, {1, 3}), crossed(4, 3, {1, 2, 3})});
    EXPECT_EQ(t.base, 3);  // three valid ballots; the all-crossed one is invalid
    EXPECT_EQ(t.needed, 2);
    EXPECT_EQ(t.candidates[0].code, "C1");
    EXPECT_EQ(t.candidates[0].status, Status::Elected);
}

TEST(Ranking, ByVotesThenBallotPositionWithSharedRanks) {
    auto in = list(3, 1, 0, 4);
    auto t = tally(in, {crossed(1, 3, {1, 2}), crossed(2, 3, {1, 2}), crossed(3, 3, {3})});
    // C3 has 2 votes; C1 and C2 have 1 each and share rank 2, listed by position.
    EXPECT_EQ(t.candidates[0].code, "C3");
    EXPECT_EQ(t.candidates[1].code, "C1");
    EXPECT_EQ(t.candidates[2].code, "C2");
    EXPECT_EQ(t.candidates[1].rank, 2);
    EXPECT_EQ(t.candidates[2].rank, 2);
}

TEST(Percent, OfTheBaseRoundedHalfUpToTwoDecimals) {
    EXPECT_EQ(daihoi::number::percent(110, 120), "91.67");
    EXPECT_EQ(daihoi::number::percent(1, 8), "12.50");
    EXPECT_EQ(daihoi::number::percent(1, 3), "33.33");
    EXPECT_EQ(daihoi::number::percent(2, 3), "66.67");
    EXPECT_EQ(daihoi::number::percent(1, 800), "0.13");  // 0.125 rounds up
    EXPECT_EQ(daihoi::number::percent(120, 120), "100.00");
    EXPECT_EQ(daihoi::number::percent(0, 120), "0.00");
    EXPECT_EQ(daihoi::number::percent(5, 0), "");
}

// ---- the value sets the terminal and JSON read (core/election/values) ---------------------

TEST(Values, StatusesHaveStableCodesAndLabelsForPeople) {
    EXPECT_EQ(code(Status::Elected), "elected");
    EXPECT_EQ(code(Status::Reserve), "reserve");
    EXPECT_EQ(code(Status::Tie), "tie");
    EXPECT_EQ(code(Status::NotElected), "not_elected");
    EXPECT_STREQ(statuses().label(Status::Reserve), "elected as reserve");
    EXPECT_STREQ(statuses().label(Status::NotElected), "not elected");
    EXPECT_EQ(statuses().parse("trúng cử"), Status::Elected);
}

TEST(Values, InvalidBallotReasonsInWordsTheBoardsFlagAsWritten) {
    EXPECT_EQ(code(Reason::OverVote), "over_vote");
    EXPECT_EQ(code(Reason::AllCrossed), "all_crossed");
    EXPECT_EQ(reason_label("over_vote"), "more names kept than places");
    EXPECT_EQ(reason_label("all_crossed"), "every name crossed out");
    EXPECT_EQ(reason_label("torn"), "torn");
    EXPECT_EQ(reason_label("Over Vote"), "Over Vote");  // a flag is free text, never taken for a code
}

TEST(Values, PhasesAndBaseKindsParseTheirCodesAndVietnameseWords) {
    EXPECT_EQ(phases().parse("sealed"), Phase::Sealed);
    EXPECT_EQ(code(Phase::Setup), "setup");
    EXPECT_STREQ(phases().label(Phase::Setup), "in preparation");
    EXPECT_EQ(base_kinds().parse("triệu tập"), BaseKind::Convened);
    EXPECT_EQ(base_kinds().parse("hop le"), BaseKind::Valid);  // without diacritics
    EXPECT_EQ(code(BaseKind::Fixed), "fixed");
    EXPECT_EQ(bodies().parse("Ủy ban kiểm tra"), Body::Inspection);
    EXPECT_EQ(sources().parse("tự ứng cử"), Source::Self);
    EXPECT_FALSE(sources().parse("party"));
    EXPECT_NE(sources().unknown("party").find("'party'"), std::string::npos);
}

TEST(PositionSet, BitsRoundTrip) {
    auto s = PositionSet::of({1, 8, 9, 200});
    EXPECT_EQ(s.bytes().size(), 25u);
    EXPECT_EQ(s.positions(), (std::vector<int>{1, 8, 9, 200}));
    EXPECT_EQ(s.size(), 4);
    EXPECT_TRUE(s.has(9));
    EXPECT_FALSE(s.has(10));
    EXPECT_EQ(PositionSet::all_but(4, {2, 3}).positions(), (std::vector<int>{1, 4}));
}
