// core/delegates apportionment: published examples, minimums, the national
// formula, ties, refusals.
#include "core/base/i18n.hpp"
#include "core/delegates/apportion.hpp"
#include "core/error.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

using namespace daihoi;
using namespace daihoi::delegates;

namespace {
std::vector<UnitSize> four() {
    return {{"A", 100000}, {"B", 80000}, {"C", 30000}, {"D", 20000}};
}
std::vector<std::int64_t> seats_of(const Apportionment& a) {
    std::vector<std::int64_t> out;
    for (const auto& u : a.units) out.push_back(u.seats);
    return out;
}
}  // namespace

// The textbook example: 100,000 / 80,000 / 30,000 / 20,000 votes, 8 seats.
TEST(Apportion, DHondtPublishedExample) {
    EXPECT_EQ(seats_of(apportion(four(), 8, Method::DHondt, 0)), (std::vector<std::int64_t>{4, 3, 1, 0}));
}

TEST(Apportion, SainteLaguePublishedExample) {
    EXPECT_EQ(seats_of(apportion(four(), 8, Method::SainteLague, 0)), (std::vector<std::int64_t>{3, 3, 1, 1}));
}

TEST(Apportion, HamiltonLargestRemainder) {
    // Quotas 3.478, 2.783, 1.043, 0.696: floors 3+2+1+0 = 6; remainders .783 and .696 take the last two.
    auto a = apportion(four(), 8, Method::Hamilton, 0);
    EXPECT_EQ(seats_of(a), (std::vector<std::int64_t>{3, 3, 1, 1}));
    EXPECT_EQ(a.units[0].quota_num, 80);  // 8 × 100000 / 230000 = 80/23
    EXPECT_EQ(a.units[0].quota_den, 23);
    EXPECT_TRUE(a.ties.empty());
}

TEST(Apportion, MinimumPerUnitIsHonoured) {
    // D'Hondt gives D nothing; with a minimum of 1, D is held at 1 and the
    // other 7 seats go by D'Hondt among A, B, C: 3, 3, 1.
    auto a = apportion(four(), 8, Method::DHondt, 1);
    EXPECT_EQ(seats_of(a), (std::vector<std::int64_t>{3, 3, 1, 1}));
    EXPECT_TRUE(a.units[3].at_minimum);
    // A unit's own minimum overrides the general one.
    auto units = four();
    units[2].min_seats = 2;
    EXPECT_EQ(seats_of(apportion(units, 8, Method::DHondt, 1)), (std::vector<std::int64_t>{3, 2, 2, 1}));
}

std::vector<bool> undecided_of(const Apportionment& a) {
    std::vector<bool> out;
    for (const auto& u : a.units) out.push_back(u.undecided);
    return out;
}

// Hamilton, 5 seats among 140, 130, 130 members: quotas 1.75, 1.625, 1.625;
// floors 1+1+1 = 3; A's .75 takes the 4th seat; B and C tie at 5/8 for the
// 5th. The program does not choose: B and C are sure of 1, one of them gets 2.
TEST(Apportion, ATieForTheLastSeatIsReportedNotBroken) {
    std::vector<UnitSize> u = {{"A", 140}, {"B", 130}, {"C", 130}};
    auto a = apportion(u, 5, Method::Hamilton, 0);
    EXPECT_EQ(seats_of(a), (std::vector<std::int64_t>{2, 1, 1}));
    EXPECT_EQ(undecided_of(a), (std::vector<bool>{false, true, true}));
    EXPECT_FALSE(a.settled());
    ASSERT_EQ(a.ties.size(), 1u);
    const Tie& t = a.ties[0];
    EXPECT_EQ(t.units, (std::vector<std::string>{"B", "C"}));
    EXPECT_EQ(t.seats, 1);
    EXPECT_EQ(t.on, TieOn::Remainder);
    EXPECT_EQ(value_text(t), "5/8");  // 5 × 130 = 650 = 1 × 400 + 250; 250/400
    EXPECT_FALSE(t.broken_by);
    EXPECT_TRUE(t.won_by.empty());
}

// Three equal units, 5 seats: quotas 5/3 each, floors 1 each, the 2 seats
// left tie among all three at the remainder 2/3.
TEST(Apportion, ATieForSeveralSeatsNamesHowManySeats) {
    std::vector<UnitSize> u = {{"A", 100}, {"B", 100}, {"C", 100}};
    auto a = apportion(u, 5, Method::Hamilton, 0);
    EXPECT_EQ(seats_of(a), (std::vector<std::int64_t>{1, 1, 1}));
    ASSERT_EQ(a.ties.size(), 1u);
    EXPECT_EQ(a.ties[0].seats, 2);
    EXPECT_EQ(value_text(a.ties[0]), "2/3");
    auto b = apportion(u, 5, Method::Hamilton, 0, TieBreak::Membership);
    EXPECT_EQ(seats_of(b), (std::vector<std::int64_t>{2, 2, 1}));  // equal membership: the codes A, B
    EXPECT_EQ(b.ties.at(0).won_by, (std::vector<std::string>{"A", "B"}));
}

// D'Hondt, 3 seats among two units of 500: one each, then both quotients
// are 250 for the last seat.
TEST(Apportion, ADHondtTieForTheLastSeatIsReportedNotBroken) {
    std::vector<UnitSize> u = {{"U2", 500}, {"U1", 500}};
    auto d = apportion(u, 3, Method::DHondt, 0);
    EXPECT_EQ(seats_of(d), (std::vector<std::int64_t>{1, 1}));
    EXPECT_EQ(undecided_of(d), (std::vector<bool>{true, true}));
    ASSERT_EQ(d.ties.size(), 1u);
    EXPECT_EQ(d.ties[0].on, TieOn::Quotient);
    EXPECT_EQ(d.ties[0].units, (std::vector<std::string>{"U1", "U2"}));
    EXPECT_EQ(value_text(d.ties[0]), "250");
    // No tie when the tied units all get a seat.
    EXPECT_TRUE(apportion(u, 4, Method::DHondt, 0).ties.empty());
    EXPECT_TRUE(apportion(u, 4, Method::DHondt, 0).settled());
}

// Sainte-Laguë, 3 seats among 300, 100, 100: A first (300); then A's 300/3,
// B's and C's 100/1 are all 100, for the 2 seats left.
TEST(Apportion, ASainteLagueTieForTheLastSeatsIsReportedNotBroken) {
    std::vector<UnitSize> u = {{"A", 300}, {"B", 100}, {"C", 100}};
    auto a = apportion(u, 3, Method::SainteLague, 0);
    EXPECT_EQ(seats_of(a), (std::vector<std::int64_t>{1, 0, 0}));
    ASSERT_EQ(a.ties.size(), 1u);
    EXPECT_EQ(a.ties[0].units, (std::vector<std::string>{"A", "B", "C"}));
    EXPECT_EQ(a.ties[0].seats, 2);
    EXPECT_EQ(value_text(a.ties[0]), "100");
    auto b = apportion(u, 3, Method::SainteLague, 0, TieBreak::Membership);
    EXPECT_EQ(seats_of(b), (std::vector<std::int64_t>{2, 1, 0}));
}

// --tie-break membership: the larger membership first, then the smaller code.
// Z (150) and A (50), 2 seats: quotas 1.5 and 0.5 tie at 1/2 for the last.
TEST(Apportion, TieBreakMembershipAppliesTheDocumentedRule) {
    std::vector<UnitSize> u = {{"Z", 150}, {"A", 50}};
    auto a = apportion(u, 2, Method::Hamilton, 0, TieBreak::Membership);
    EXPECT_EQ(seats_of(a), (std::vector<std::int64_t>{2, 0}));  // Z, though A's code comes first
    EXPECT_EQ(undecided_of(a), (std::vector<bool>{false, false}));
    EXPECT_TRUE(a.settled());
    ASSERT_EQ(a.ties.size(), 1u);
    EXPECT_EQ(a.ties[0].broken_by, TieBreak::Membership);
    EXPECT_EQ(a.ties[0].won_by, (std::vector<std::string>{"Z"}));
    EXPECT_EQ(a.ties[0].units, (std::vector<std::string>{"Z", "A"}));
    // Equal membership: the smaller code.
    std::vector<UnitSize> same = {{"U2", 500}, {"U1", 500}};
    EXPECT_EQ(seats_of(apportion(same, 3, Method::Hamilton, 0, TieBreak::Membership)),
              (std::vector<std::int64_t>{1, 2}));
    EXPECT_EQ(seats_of(apportion(same, 3, Method::DHondt, 0, TieBreak::Membership)),
              (std::vector<std::int64_t>{1, 2}));
}

TEST(Apportion, NationalFormula) {
    // 13 each, plus one per 12,000 members, plus one if the remainder is 6,001 or more.
    std::vector<UnitSize> u = {{"HN", 450000}, {"X", 18000}, {"Y", 18001 + 12000 - 12000}, {"Z", 6000}};
    u[2].members = 18001;
    auto a = apportion_formula(u, 13, 12000, 6001);
    // 450000 = 37 × 12000 + 6000 → 13 + 37 = 50; 18000 = 1 × 12000 + 6000 → 14;
    // 18001 → 14 + 1 = 15; 6000 → 13.
    EXPECT_EQ(seats_of(a), (std::vector<std::int64_t>{50, 14, 15, 13}));
    EXPECT_EQ(a.seats, 92);
}

TEST(Apportion, RefusesImpossibleRequests) {
    EXPECT_THROW(apportion(four(), 3, Method::Hamilton, 1), InputError);  // 4 units × 1 > 3 seats
    EXPECT_THROW(apportion({}, 3, Method::Hamilton, 1), InputError);
    EXPECT_THROW(apportion(four(), 0, Method::DHondt, 0), InputError);
    EXPECT_THROW(apportion_formula(four(), 13, 0, 1), InputError);
    EXPECT_THROW(apportion_formula(four(), 13, 12000, 0), InputError);
}

TEST(Apportion, SeatsAlwaysAddUp) {
    std::vector<UnitSize> u;
    for (int i = 0; i < 37; ++i) u.push_back({fmt::format("U{}", i), 100 + (i * 7919) % 4000});
    for (auto m : {Method::Hamilton, Method::DHondt, Method::SainteLague})
        for (std::int64_t seats : {37, 50, 151, 400}) {
            auto a = apportion(u, seats, m, 1);
            std::int64_t sum = 0;
            for (const auto& x : a.units) {
                sum += x.seats;
                EXPECT_GE(x.seats, 1);
            }
            EXPECT_EQ(sum, seats) << code(m) << " " << seats;
        }
}

TEST(Apportion, TiesAreCodesAndASentence) {
    i18n::init(i18n::Lang::En);
    std::vector<UnitSize> u = {{"U2", 500}, {"U1", 500}};
    auto a = apportion(u, 3, Method::Hamilton, 0);
    ASSERT_EQ(a.ties.size(), 1u);
    EXPECT_EQ(code(a.ties[0].on), "remainder");
    EXPECT_EQ(describe(a.ties[0], a),
              "U1 (500 members), U2 (500 members) tie on the remainder 1/2 for 1 seat: the committee must settle it "
              "(or give --tie-break membership: larger membership, then unit code)");
    auto b = apportion(u, 3, Method::DHondt, 0, TieBreak::Membership);
    EXPECT_EQ(describe(b.ties.at(0), b),
              "U1 (500 members), U2 (500 members) tie on the quotient 250 for 1 seat; broken by larger membership, "
              "then unit code (--tie-break membership): given to U1");
}

// The formula gives each unit its seats alone: nothing to tie, so no --tie-break.
TEST(ApportionOptions, TieBreakIsAChoiceOfSeatsNotOfTheFormula) {
    i18n::init(i18n::Lang::En);
    ApportionArguments a;
    a.seats = 12;
    EXPECT_FALSE(apportion_request(a).tie_break);
    a.tie_break = "membership";
    EXPECT_EQ(apportion_request(a).tie_break, TieBreak::Membership);
    a.tie_break = "số đảng viên";
    EXPECT_EQ(apportion_request(a).tie_break, TieBreak::Membership);
    a.tie_break = "age";
    EXPECT_THROW(apportion_request(a), UsageError);
    ApportionArguments f;
    f.base = 13, f.per = 12000, f.remainder = 6001, f.tie_break = "membership";
    EXPECT_THROW(apportion_request(f), UsageError);
}

// ---- the value set of methods ------------------------------------------------------------

TEST(ApportionMethods, AcceptCodesAndVietnameseWords) {
    EXPECT_EQ(parse_method("hamilton"), Method::Hamilton);
    EXPECT_EQ(parse_method("Số dư lớn nhất"), Method::Hamilton);
    EXPECT_EQ(parse_method("largest remainder"), Method::Hamilton);
    EXPECT_EQ(parse_method("D'Hondt"), Method::DHondt);
    EXPECT_EQ(parse_method("dhondt"), Method::DHondt);
    EXPECT_EQ(parse_method("Sainte-Laguë"), Method::SainteLague);
    EXPECT_EQ(parse_method("sainte_lague"), Method::SainteLague);
    EXPECT_EQ(parse_method("công thức"), Method::Formula);
    EXPECT_FALSE(parse_method("galaxy"));
    i18n::init(i18n::Lang::En);
    EXPECT_EQ(methods().unknown("galaxy"),
              "unknown value 'galaxy' (accepted: hamilton, dhondt, sainte-lague, formula)");
}

// ---- the apportion options: either --seats or the formula's three numbers -----------------

namespace {
std::string usage_error(const ApportionArguments& a) {
    try {
        apportion_request(a);
    } catch (const UsageError& e) {
        return e.what();
    }
    return "accepted";
}
}  // namespace

TEST(ApportionOptions, EitherSeatsOrTheFormulasThreeNumbers) {
    i18n::init(i18n::Lang::En);
    ApportionArguments a;
    a.seats = 12;
    auto r = apportion_request(a);
    EXPECT_EQ(r.method, Method::Hamilton);  // the defaults: hamilton, at least 1 seat each
    EXPECT_EQ(r.seats, 12);
    EXPECT_EQ(r.min_seats, 1);
    a.method = "dự khuyết";  // not a method
    EXPECT_NE(usage_error(a).find("unknown value 'dự khuyết'"), std::string::npos);
    a.method = "D'Hondt";
    a.min_seats = 2;
    r = apportion_request(a);
    EXPECT_EQ(r.method, Method::DHondt);
    EXPECT_EQ(r.min_seats, 2);

    ApportionArguments f;
    f.base = 13, f.per = 12000, f.remainder = 6001;
    r = apportion_request(f);
    EXPECT_EQ(r.method, Method::Formula);
    EXPECT_EQ(r.base, 13);
    EXPECT_EQ(r.per, 12000);
    EXPECT_EQ(r.remainder, 6001);
    f.method = "formula";
    EXPECT_EQ(apportion_request(f).method, Method::Formula);

    auto with = [](auto change) {
        ApportionArguments x;
        x.base = 13, x.per = 12000, x.remainder = 6001;
        change(x);
        return usage_error(x);
    };
    EXPECT_EQ(with([](auto& x) { x.seats = 10; }),
              "give either --seats or the formula's --base, --per and --remainder, not both");
    EXPECT_EQ(with([](auto& x) { x.remainder.reset(); }), "the formula needs all three of --base, --per and --remainder");
    EXPECT_EQ(with([](auto& x) { x.min_seats = 2; }), "--min applies to --seats, not to the formula");
    EXPECT_EQ(with([](auto& x) { x.method = "hamilton"; }),
              "--method chooses how --seats are shared; the formula is given by --base, --per and --remainder");
    EXPECT_EQ(usage_error({}), "--seats is required (or the formula's --base, --per and --remainder)");
    ApportionArguments only_method;
    only_method.method = "formula";
    EXPECT_EQ(usage_error(only_method), "the formula needs all three of --base, --per and --remainder");
}
