// core/standards: the retirement schedule of Decree 135/2020 (RULES.md
// "Personnel standards", every worked row), each criterion kind at and around
// its boundary, standard-set files good and bad, the check of a selection
// (the --all spool path against the list path) and the structure measures.
#include "core/audit/audit.hpp"
#include "core/base/json_stream.hpp"
#include "core/base/number.hpp"
#include "core/error.hpp"
#include "core/registry/members.hpp"
#include "core/standards/check.hpp"
#include "core/standards/retirement.hpp"
#include "core/standards/standard_set.hpp"
#include "core/standards/structure.hpp"
#include "helpers.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <tuple>

using namespace daihoi;
using namespace daihoi::standards;
using registry::Gender;
using test::ScratchDir;

namespace {

constexpr Gender kMan = Gender::Male, kWoman = Gender::Female;

text::Date d(int y, int m, int day = 1) { return {y, m, day}; }

// ---- the retirement schedule ---------------------------------------------------------

// RULES.md: "a man born 01/1961 retires at 60y3m (04/2021)".
TEST(Retirement, ManBorn01_1961RetiresAt60y3mIn04_2021) {
    EXPECT_EQ(retirement_age_months(d(1961, 1, 15), kMan), 60 * 12 + 3);
    EXPECT_EQ(retirement_month(d(1961, 1, 15), kMan), (YearMonth{2021, 4}));
}

// "born 10/1961 → 60y6m (04/2022)": 60y3m would fall in 01/2022, so 2022's age applies.
TEST(Retirement, ManBorn10_1961RetiresAt60y6mIn04_2022) {
    EXPECT_EQ(retirement_age_months(d(1961, 10, 20), kMan), 60 * 12 + 6);
    EXPECT_EQ(retirement_month(d(1961, 10, 20), kMan), (YearMonth{2022, 4}));
}

// "born 04/1966 or later → 62y".
TEST(Retirement, ManBorn04_1966OrLaterRetiresAt62) {
    EXPECT_EQ(retirement_age_months(d(1966, 4, 1), kMan), 62 * 12);
    EXPECT_EQ(retirement_month(d(1966, 4, 1), kMan), (YearMonth{2028, 4}));
    EXPECT_EQ(retirement_age_months(d(1966, 12, 31), kMan), 62 * 12);
    EXPECT_EQ(retirement_age_months(d(1980, 6, 6), kMan), 62 * 12);
    EXPECT_EQ(retirement_age_months(d(2000, 1, 1), kMan), 62 * 12);
    // The month before: the last of 2027's 61y9m.
    EXPECT_EQ(retirement_age_months(d(1966, 3, 31), kMan), 61 * 12 + 9);
    EXPECT_EQ(retirement_month(d(1966, 3, 31), kMan), (YearMonth{2027, 12}));
}

// "A woman born 01/1966 → 55y4m (05/2021)".
TEST(Retirement, WomanBorn01_1966RetiresAt55y4mIn05_2021) {
    EXPECT_EQ(retirement_age_months(d(1966, 1, 10), kWoman), 55 * 12 + 4);
    EXPECT_EQ(retirement_month(d(1966, 1, 10), kWoman), (YearMonth{2021, 5}));
}

// "born 09/1966 → 55y8m (05/2022)".
TEST(Retirement, WomanBorn09_1966RetiresAt55y8mIn05_2022) {
    EXPECT_EQ(retirement_age_months(d(1966, 9, 1), kWoman), 55 * 12 + 8);
    EXPECT_EQ(retirement_month(d(1966, 9, 1), kWoman), (YearMonth{2022, 5}));
}

// "born 05/1975 or later → 60y".
TEST(Retirement, WomanBorn05_1975OrLaterRetiresAt60) {
    EXPECT_EQ(retirement_age_months(d(1975, 5, 1), kWoman), 60 * 12);
    EXPECT_EQ(retirement_month(d(1975, 5, 1), kWoman), (YearMonth{2035, 5}));
    EXPECT_EQ(retirement_age_months(d(1975, 11, 30), kWoman), 60 * 12);
    EXPECT_EQ(retirement_age_months(d(1990, 2, 2), kWoman), 60 * 12);
    // The month before: the last of 2034's 59y8m.
    EXPECT_EQ(retirement_age_months(d(1975, 4, 30), kWoman), 59 * 12 + 8);
    EXPECT_EQ(retirement_month(d(1975, 4, 30), kWoman), (YearMonth{2034, 12}));
}

// "people who reached 60 (men) / 55 (women) before 2021 retire at exactly that age".
TEST(Retirement, ReachedTheAgeBefore2021RetiresAtExactly60Or55) {
    EXPECT_EQ(retirement_age_months(d(1955, 6, 1), kMan), 60 * 12);
    EXPECT_EQ(retirement_month(d(1955, 6, 1), kMan), (YearMonth{2015, 6}));
    EXPECT_EQ(retirement_age_months(d(1960, 12, 31), kMan), 60 * 12);  // 60 in 12/2020
    EXPECT_EQ(retirement_age_months(d(1960, 3, 8), kWoman), 55 * 12);
    EXPECT_EQ(retirement_month(d(1960, 3, 8), kWoman), (YearMonth{2015, 3}));
    EXPECT_EQ(retirement_age_months(d(1965, 12, 1), kWoman), 55 * 12);  // 55 in 12/2020
}

// The whole schedule of Decree 135 (its appendix): for each year, the age and
// the first and last birth months retiring that year, checked month by month.
TEST(Retirement, EveryBirthMonthOfTheTransitionFallsInItsYear) {
    struct Row {
        int year, age, from_y, from_m, to_y, to_m;
    };
    const Row men[] = {{2021, 723, 1961, 1, 1961, 9},  {2022, 726, 1961, 10, 1962, 6}, {2023, 729, 1962, 7, 1963, 3},
                       {2024, 732, 1963, 4, 1963, 12}, {2025, 735, 1964, 1, 1964, 9},  {2026, 738, 1964, 10, 1965, 6},
                       {2027, 741, 1965, 7, 1966, 3},  {2028, 744, 1966, 4, 1966, 12}};
    const Row women[] = {{2021, 664, 1966, 1, 1966, 8},  {2022, 668, 1966, 9, 1967, 4},  {2023, 672, 1967, 5, 1967, 12},
                         {2024, 676, 1968, 1, 1968, 8},  {2025, 680, 1968, 9, 1969, 4},  {2026, 684, 1969, 5, 1969, 12},
                         {2027, 688, 1970, 1, 1970, 8},  {2028, 692, 1970, 9, 1971, 4},  {2029, 696, 1971, 5, 1971, 12},
                         {2030, 700, 1972, 1, 1972, 8},  {2031, 704, 1972, 9, 1973, 4},  {2032, 708, 1973, 5, 1973, 12},
                         {2033, 712, 1974, 1, 1974, 8},  {2034, 716, 1974, 9, 1975, 4},  {2035, 720, 1975, 5, 1975, 12}};
    auto check = [](const Row& r, Gender g) {
        for (int i = r.from_y * 12 + r.from_m - 1; i <= r.to_y * 12 + r.to_m - 1; ++i) {
            text::Date birth{i / 12, i % 12 + 1, 28};
            EXPECT_EQ(retirement_age_months(birth, g), r.age) << birth.iso();
            EXPECT_EQ(retirement_month(birth, g).year, r.year) << birth.iso();
        }
    };
    for (const auto& r : men) check(r, kMan);
    for (const auto& r : women) check(r, kWoman);
}

// Decree 135 Art. 3.1: the last day of the month in which the age is reached.
TEST(Retirement, DateIsTheLastDayOfTheMonthTheAgeIsReached) {
    EXPECT_EQ(retirement_date(d(1961, 1, 15), kMan), d(2021, 4, 30));
    EXPECT_EQ(retirement_date(d(1961, 1, 31), kMan), d(2021, 4, 30));
    EXPECT_EQ(retirement_date(d(1966, 9, 1), kWoman), d(2022, 5, 31));
    EXPECT_EQ(retirement_date(d(1968, 2, 29), kMan), d(2030, 2, 28));
}

// Whole months from as_of to the retirement date = calendar months between
// their months, whatever the days.
TEST(Retirement, MonthsToRetirementCountCalendarMonths) {
    // A man born 09/1968 retires at 62 in 09/2030: 60 months at a 09/2025 congress.
    EXPECT_EQ(months_to_retirement(d(1968, 9, 30), kMan, d(2025, 9, 1)), 60);
    EXPECT_EQ(months_to_retirement(d(1968, 9, 1), kMan, d(2025, 9, 30)), 60);
    EXPECT_EQ(months_to_retirement(d(1968, 8, 31), kMan, d(2025, 9, 1)), 59);
    // The same count as full_months_between to the retirement date.
    EXPECT_EQ(text::full_months_between(d(2025, 9, 1), retirement_date(d(1968, 9, 30), kMan)), 60);
    EXPECT_EQ(text::full_months_between(d(2025, 9, 1), retirement_date(d(1968, 8, 31), kMan)), 59);
    // The Party's reading of "trọn 1 nhiệm kỳ" counts months, not days (in
    // 2020, at 60 and a 9/2020 congress: men "sinh từ tháng 9-1965 trở lại
    // đây"). Today: a man born any day of 09/1968 qualifies at a 09/2025
    // congress held on any day; one born on the last day of 08/1968 does not.
    EXPECT_EQ(months_to_retirement(d(1968, 9, 30), kMan, d(2025, 9, 30)), 60);
    EXPECT_EQ(months_to_retirement(d(1968, 8, 31), kMan, d(2025, 9, 1)), 59);
    // Past retirement: negative.
    EXPECT_EQ(months_to_retirement(d(1961, 1, 15), kMan, d(2025, 9, 1)), -53);
}

TEST(Retirement, AgeInWords) {
    EXPECT_EQ(format_age(723), "60 years 3 months");
    EXPECT_EQ(format_age(744), "62 years");
    EXPECT_EQ(format_age(661), "55 years 1 month");
}

// ---- criteria ------------------------------------------------------------------------

const text::Date kAsOf{2025, 9, 1};

registry::Member person(const std::string& code = "P1") {
    registry::Member m;
    m.code = code;
    m.full_name = "Nguyễn Văn An";
    m.gender = kMan;
    m.birth_date = d(1975, 5, 5);
    m.party_join_date = d(2000, 1, 1);
    m.official_date = d(2001, 1, 1);
    m.degree = registry::Degree::Bachelor;
    m.theory = registry::Theory::TrungCap;
    return m;
}

StandardSet one(Rule rule, std::string id = "c") {
    StandardSet s;
    s.name = "t";
    s.criteria.push_back({std::move(id), "", std::move(rule), 1});
    return s;
}

Outcome run(const Rule& rule, const registry::Member& m, const Records& r = {}, const Flags* flags = nullptr,
            text::Date as_of = kAsOf) {
    return evaluate(one(rule), m, r, as_of, flags).at(0);
}

// The result and its reason as people read it (the English source text: the
// tests run before any language is chosen).
void expect(const Outcome& o, Result r, const std::string& reason) {
    EXPECT_EQ(code(o.result), code(r)) << describe(o);
    EXPECT_EQ(describe(o), reason);
}

// A man born 09/1968 has exactly 60 months at 01/09/2025; born 08/1968, 59.
TEST(Criteria, RetirementMonthsFirstTime59Fails60Passes) {
    auto m = person();
    m.birth_date = d(1968, 9, 12);
    expect(run(RetirementMonths{60, 48}, m), Result::Pass, "60 months to retirement (09/2030), needs 60");
    m.birth_date = d(1968, 8, 12);
    expect(run(RetirementMonths{60, 48}, m), Result::Fail, "59 months to retirement (08/2030), needs 60");
}

// Incumbents need 48: a woman born 01/1972 (58y4m → 05/2030) has 56; born
// 05/1970 (57y8m → 01/2028) has 28, below 48.
TEST(Criteria, RetirementMonthsIncumbent47Fails48Passes) {
    auto m = person();
    m.incumbent = true;
    m.gender = kMan;
    m.birth_date = d(1967, 9, 1);  // 62y → 09/2029: 48 months
    expect(run(RetirementMonths{60, 48}, m), Result::Pass, "48 months to retirement (09/2029), needs 48 (incumbent)");
    m.birth_date = d(1967, 8, 1);
    expect(run(RetirementMonths{60, 48}, m), Result::Fail, "47 months to retirement (08/2029), needs 48 (incumbent)");
    // The same 48 months are not enough for a first-time nominee.
    m.incumbent = false;
    m.birth_date = d(1967, 9, 1);
    expect(run(RetirementMonths{60, 48}, m), Result::Fail, "48 months to retirement (09/2029), needs 60");
    m.gender = kWoman;
    m.birth_date = d(1972, 1, 1);
    expect(run(RetirementMonths{60, 48}, m), Result::Fail, "56 months to retirement (05/2030), needs 60");
}

TEST(Criteria, RetirementMonthsPastRetirementFails) {
    auto m = person();
    m.birth_date = d(1961, 1, 15);
    expect(run(RetirementMonths{60, 48}, m), Result::Fail, "reached retirement age in 04/2021, needs 60 months before it");
}

// Only the year of birth ("Năm sinh"): the rule is asked for the earliest
// and the latest birth date. Hand-worked at 01/09/2025, a first-time man
// (62y from 04/1966): born 01/1969 retires 01/2031 (64 months), born 12/1969
// retires 12/2031 (75): every day of 1969 gives 60 or more, a pass. Born in
// 1967: 01/2029 (40) to 12/2029 (51), a fail whatever the day. Born in
// 1968: 01/2030 (52) to 12/2030 (63) straddles 60: unknown, never the
// answer of a made-up 1 January.
TEST(Criteria, RetirementMonthsYearOfBirthAloneExactOnlyWhenTheWholeYearAgrees) {
    auto m = person();
    m.birth_date = registry::BirthDate::year_only(1969);
    expect(run(RetirementMonths{60, 48}, m), Result::Pass,
           "born in 1969: 64 to 75 months to retirement (01/2031–12/2031), needs 60");
    m.birth_date = registry::BirthDate::year_only(1967);
    expect(run(RetirementMonths{60, 48}, m), Result::Fail,
           "born in 1967: 40 to 51 months to retirement (01/2029–12/2029), needs 60");
    m.birth_date = registry::BirthDate::year_only(1968);
    expect(run(RetirementMonths{60, 48}, m), Result::Unknown,
           "only the year of birth (1968) is known: 52 to 63 months to retirement, needs 60");
    // The same boundary year is enough for an incumbent (48): exact again.
    m.incumbent = true;
    EXPECT_EQ(run(RetirementMonths{60, 48}, m).result, Result::Pass);
    // Long retired whatever the day: a man born in 1955 reached 60 in 2015.
    m.incumbent = false;
    m.birth_date = registry::BirthDate::year_only(1955);
    expect(run(RetirementMonths{60, 48}, m), Result::Fail,
           "born in 1955: reached retirement age by 12/2015, needs 60 months before it");
    // A woman born 01/1975 retires at 59y8m (09/2034), born 12/1975 at 60 (12/2035).
    m.gender = kWoman;
    m.birth_date = registry::BirthDate::year_only(1975);
    auto o = run(RetirementMonths{60, 48}, m);
    EXPECT_EQ(o.result, Result::Pass) << describe(o);
    EXPECT_EQ(o.reason, Reason::ToRetirementYear);
    EXPECT_EQ(o.count, 108);
    EXPECT_EQ(o.last, 123);
}

// A birth year is a BirthDate of its own: parsed from "1968" alone, shown
// and stored as "1968", sorted by its earliest day before the full dates of
// that 1 January; ages at a date are a range.
TEST(BirthDates, YearAloneKeepsItsPrecision) {
    auto y = registry::BirthDate::parse("1968");
    ASSERT_TRUE(y);
    EXPECT_TRUE(y->is_year_only());
    EXPECT_EQ(y->iso(), "1968");
    EXPECT_EQ(y->vn(), "1968");
    EXPECT_EQ(y->earliest(), d(1968, 1, 1));
    EXPECT_EQ(y->latest(), d(1968, 12, 31));
    EXPECT_EQ(registry::BirthDate::parse(" 1968 "), y);
    auto full = registry::BirthDate::parse("05.03.1968");
    ASSERT_TRUE(full);
    EXPECT_FALSE(full->is_year_only());
    EXPECT_EQ(full->iso(), "1968-03-05");
    EXPECT_EQ(full->vn(), "05/03/1968");
    for (const char* bad : {"68", "19680", "1968a", "", "0000", "05/03/68"})
        EXPECT_FALSE(registry::BirthDate::parse(bad)) << bad;
    // Order: the year alone before 01/01/1968, after any day of 1967.
    EXPECT_LT(*y, registry::BirthDate(d(1968, 1, 1)));
    EXPECT_LT(registry::BirthDate(d(1967, 12, 31)), *y);
    EXPECT_NE(*y, registry::BirthDate(d(1968, 1, 1)));
    // Ages: 56 or 57 at 01/09/2025; exact on 31/12 when the whole year has turned.
    EXPECT_EQ(y->min_age_at(kAsOf), 56);
    EXPECT_EQ(y->max_age_at(kAsOf), 57);
    EXPECT_FALSE(y->age_at(kAsOf));
    EXPECT_EQ(y->age_at(d(2025, 12, 31)), 57);
    EXPECT_EQ(full->age_at(kAsOf), 57);
}

TEST(Criteria, PartyYearsAtAndAroundTheMinimum) {
    auto m = person();
    m.party_join_date = d(2020, 9, 1);
    expect(run(PartyYearsMin{5}, m), Result::Pass, "5 full years in the party (admitted 01/09/2020), needs 5");
    m.party_join_date = d(2020, 9, 2);
    expect(run(PartyYearsMin{5}, m), Result::Fail, "4 full years in the party (admitted 02/09/2020), needs 5");
    m.party_join_date = d(2025, 10, 1);
    expect(run(PartyYearsMin{5}, m), Result::Fail, "admitted on 01/10/2025, after the as-of date");
    m.party_join_date.reset();
    expect(run(PartyYearsMin{5}, m), Result::Unknown, "no party join date");
}

TEST(Criteria, FullMemberByTheAsOfDate) {
    auto m = person();
    m.official_date = kAsOf;
    expect(run(FullMember{}, m), Result::Pass, "full member since 01/09/2025");
    m.official_date = d(2025, 9, 2);
    expect(run(FullMember{}, m), Result::Fail, "full member only from 02/09/2025");
    m.official_date.reset();
    expect(run(FullMember{}, m), Result::Fail, "probationary member (no official date)");
}

TEST(Criteria, DegreeMinimum) {
    using registry::Degree;
    auto m = person();
    m.degree = Degree::College;
    expect(run(DegreeMin{Degree::Bachelor}, m), Result::Fail, "degree college, needs bachelor");
    m.degree = Degree::Bachelor;
    expect(run(DegreeMin{Degree::Bachelor}, m), Result::Pass, "degree bachelor");
    m.degree = Degree::Doctor;
    expect(run(DegreeMin{Degree::Bachelor}, m), Result::Pass, "degree doctor");
    m.degree.reset();
    expect(run(DegreeMin{Degree::Bachelor}, m), Result::Unknown, "no degree recorded");
}

TEST(Criteria, TheoryMinimum) {
    using registry::Theory;
    auto m = person();
    m.theory = Theory::TrungCap;
    expect(run(TheoryMin{Theory::CaoCap}, m), Result::Fail, "theory trung-cap, needs cao-cap");
    m.theory = Theory::CaoCap;
    expect(run(TheoryMin{Theory::CaoCap}, m), Result::Pass, "theory cao-cap");
    m.theory = Theory::CuNhan;
    expect(run(TheoryMin{Theory::CaoCap}, m), Result::Pass, "theory cu-nhan");
    m.theory.reset();
    expect(run(TheoryMin{Theory::CaoCap}, m), Result::Unknown, "no political theory recorded");
}

// The 3 calendar years before 2025: 2022, 2023, 2024.
TEST(Criteria, GradeMinEachOfTheLastYears) {
    using registry::Grade;
    const GradeMin rule{3, Grade::Tot};
    auto m = person();
    Records r;
    r.evaluations = {{2022, Grade::Tot}, {2023, Grade::XuatSac}, {2024, Grade::Tot}};
    expect(run(rule, m, r), Result::Pass, "tot or better in 2022–2024");
    r.evaluations = {{2021, Grade::KhongHoanThanh}, {2022, Grade::Tot}, {2023, Grade::Tot}, {2024, Grade::Tot},
                     {2025, Grade::KhongHoanThanh}};
    expect(run(rule, m, r), Result::Pass, "tot or better in 2022–2024");  // 2021 and 2025 are outside
    r.evaluations = {{2022, Grade::Tot}, {2023, Grade::HoanThanh}, {2024, Grade::Tot}};
    expect(run(rule, m, r), Result::Fail, "grade hoan-thanh in 2023, needs tot");
    r.evaluations = {{2022, Grade::Tot}, {2024, Grade::Tot}};
    expect(run(rule, m, r), Result::Unknown, "no grade for 2023");
    r.evaluations = {{2024, Grade::KhongHoanThanh}};
    expect(run(rule, m, r), Result::Fail, "grade khong-hoan-thanh in 2024, needs tot");  // a low grade outweighs gaps
    r.evaluations.clear();
    expect(run(rule, m, r), Result::Unknown, "no grade for 2022, 2023, 2024");
    r.evaluations = {{2024, Grade::HoanThanh}};
    expect(run(GradeMin{1, Grade::HoanThanh}, m, r), Result::Pass, "hoan-thanh or better in 2024");
}

// Within 5 years of 01/09/2025: dated after 01/09/2020.
TEST(Criteria, NoDisciplineWithinYearsAndNoneInEffect) {
    const NoDiscipline rule{5};
    auto m = person();
    Records r;
    expect(run(rule, m, r), Result::Pass, "no discipline within 5 years");
    r.discipline = {{d(2020, 9, 1), "khiển trách", std::nullopt}};
    expect(run(rule, m, r), Result::Pass, "no discipline within 5 years");
    r.discipline = {{d(2020, 9, 2), "khiển trách", std::nullopt}};
    expect(run(rule, m, r), Result::Fail, "discipline 'khiển trách' on 02/09/2020, within 5 years");
    r.discipline = {{d(2019, 1, 1), "cảnh cáo", std::nullopt}, {d(2023, 6, 1), "khiển trách", d(2024, 6, 1)}};
    expect(run(rule, m, r), Result::Fail, "discipline 'khiển trách' on 01/06/2023, within 5 years");
    // Older than the window but still in effect.
    r.discipline = {{d(2018, 1, 1), "cách chức", d(2026, 1, 1)}};
    expect(run(rule, m, r), Result::Fail, "discipline 'cách chức' on 01/01/2018, in effect until 01/01/2026");
    r.discipline = {{d(2018, 1, 1), "cách chức", kAsOf}};
    expect(run(rule, m, r), Result::Pass, "no discipline within 5 years");
    // A record after the as-of date did not exist then.
    r.discipline = {{d(2025, 9, 2), "khiển trách", std::nullopt}};
    expect(run(rule, m, r), Result::Pass, "no discipline within 5 years");
}

TEST(Criteria, FlagFromTheFlagsFile) {
    ScratchDir dir;
    auto flags = Flags::load(dir.write("f.csv", "Mã,political-verified,health\nP1,1,\nP2,không,x\nP3,,1\n"));
    const Flag rule{"political-verified"};
    expect(run(rule, person("P1"), {}, &flags), Result::Pass, "political-verified: yes");
    expect(run(rule, person("P2"), {}, &flags), Result::Fail, "political-verified: no");
    expect(run(rule, person("P3"), {}, &flags), Result::Unknown, "no record of political-verified");
    expect(run(rule, person("P9"), {}, &flags), Result::Unknown, "no record of political-verified");
    expect(run(Flag{"Health"}, person("P2"), {}, &flags), Result::Pass, "Health: yes");
    expect(run(Flag{"other"}, person("P1"), {}, &flags), Result::Unknown, "no record of other");
    expect(run(rule, person("P1")), Result::Unknown, "no record of political-verified");
}

TEST(Criteria, BadFlagsFileListsEveryBadRow) {
    ScratchDir dir;
    try {
        Flags::load(dir.write("f.csv", "code,verified\nP1,maybe\n,1\nP2,1\nP2,0\n"));
        FAIL() << "accepted a bad flags file";
    } catch (const InputError& e) {
        ASSERT_EQ(e.diagnostics().size(), 3u);
        EXPECT_EQ(e.diagnostics()[0].line, 2u);
        EXPECT_NE(e.diagnostics()[0].message.find("'maybe' is neither yes"), std::string::npos);
        EXPECT_EQ(e.diagnostics()[1].line, 3u);
        EXPECT_EQ(e.diagnostics()[2].line, 5u);
        auto shown = [&](std::size_t i) { return e.diagnostics()[i].to_string().substr(e.diagnostics()[i].file.size()); };
        EXPECT_EQ(shown(1), ":3:1: code: missing");
        EXPECT_EQ(shown(2), ":5:1: code: 'P2' repeats line 4");
    }
    EXPECT_THROW(Flags::load(dir.write("g.csv", "name,verified\nP1,1\n")), InputError);
}

TEST(Criteria, PassesOnlyWhenEveryCriterionPasses) {
    PersonCheck p{"P1", "A", {{Result::Pass}, {Result::Unknown}}};
    EXPECT_FALSE(p.passes());
    EXPECT_FALSE(p.fails());
    p.results[1].result = Result::Fail;
    EXPECT_TRUE(p.fails());
    p.results[1].result = Result::Pass;
    EXPECT_TRUE(p.passes());
}

// ---- standard-set files -------------------------------------------------------------------

const char* kSpecExample = R"(name  = "cap-uy-2025"
title = "Ủy viên ban chấp hành nhiệm kỳ 2025–2030"
as_of = 2025-09-01                    # default for --as-of

[[criterion]]
id = "age"
kind = "retirement_months"            # full months from as_of to retirement
first_time_min = 60                   # not incumbent
incumbent_min  = 48

[[criterion]]
id = "theory"
kind = "theory_min"
min = "trung-cap"

[[criterion]]
id = "degree"
kind = "degree_min"
min = "bachelor"

[[criterion]]
id = "party-years"
kind = "party_years_min"              # full years from party_join_date to as_of
min = 5

[[criterion]]
id = "grades"
kind = "grade_min"                    # each of the `years` years before as_of
years = 3
min = "tot"

[[criterion]]
id = "discipline"
kind = "no_discipline"
years = 5

[structure]
women_min    = 0.15
young_age    = 40                     # "young" = under this age at as_of
young_min    = 0.10
minority_min = 0.0
renewal_min  = 0.33
)";

TEST(StandardSetFile, TheSpecExampleParses) {
    auto s = parse_standard_set(kSpecExample, "x.toml");
    EXPECT_EQ(s.name, "cap-uy-2025");
    EXPECT_EQ(s.title, "Ủy viên ban chấp hành nhiệm kỳ 2025–2030");
    ASSERT_TRUE(s.as_of);
    EXPECT_EQ(*s.as_of, kAsOf);
    ASSERT_EQ(s.criteria.size(), 6u);
    EXPECT_EQ(s.criteria[0].id, "age");
    EXPECT_EQ(s.criteria[0].line, 5u);
    auto age = std::get<RetirementMonths>(s.criteria[0].rule);
    EXPECT_EQ(age.first_time_min, 60);
    EXPECT_EQ(age.incumbent_min, 48);
    EXPECT_EQ(std::get<TheoryMin>(s.criteria[1].rule).min, registry::Theory::TrungCap);
    EXPECT_EQ(std::get<DegreeMin>(s.criteria[2].rule).min, registry::Degree::Bachelor);
    EXPECT_EQ(std::get<PartyYearsMin>(s.criteria[3].rule).min, 5);
    EXPECT_EQ(std::get<GradeMin>(s.criteria[4].rule).years, 3);
    EXPECT_EQ(std::get<GradeMin>(s.criteria[4].rule).min, registry::Grade::Tot);
    EXPECT_EQ(std::get<NoDiscipline>(s.criteria[5].rule).years, 5);
    EXPECT_TRUE(s.has_structure);
    EXPECT_EQ(s.structure.women_min, 1500);
    EXPECT_EQ(s.structure.young_age, 40);
    EXPECT_EQ(s.structure.young_min, 1000);
    EXPECT_EQ(s.structure.minority_min, 0);
    EXPECT_EQ(s.structure.renewal_min, 3300);
    EXPECT_EQ(describe(s.criteria[0]), "at least 60 months before retirement (48 for incumbents)");
}

TEST(StandardSetFile, ShippedSetsLoadAndNameTheirFiles) {
    const auto dir = std::filesystem::path(DAIHOI_TEST_DATA) / ".." / ".." / "templates" / "standards";
    auto cap = load_standard_set(dir / "cap-uy-2025.toml");
    EXPECT_EQ(cap.name, "cap-uy-2025");
    ASSERT_EQ(cap.criteria.size(), 7u);
    EXPECT_FALSE(cap.as_of);  // the congress date applies
    EXPECT_EQ(std::get<RetirementMonths>(cap.criteria[0].rule).incumbent_min, 48);
    EXPECT_EQ(kind_code(cap.criteria[1].rule), "full_member");
    EXPECT_EQ(cap.structure.renewal_min, 3300);
    auto del = load_standard_set(dir / "dai-bieu-2025.toml");
    EXPECT_EQ(del.name, "dai-bieu-2025");
    EXPECT_FALSE(del.has_structure);
    EXPECT_EQ(std::get<GradeMin>(del.criteria[2].rule).min, registry::Grade::HoanThanh);
}

// The diagnostics of a bad set, as "LINE:COLUMN: message".
std::vector<std::string> problems(const std::string& toml) {
    std::vector<std::string> out;
    try {
        parse_standard_set(toml, "bad.toml");
        ADD_FAILURE() << "accepted a bad set";
    } catch (const InputError& e) {
        EXPECT_EQ(e.code(), Exit::BadInput);
        for (const auto& dg : e.diagnostics()) {
            EXPECT_EQ(dg.file, "bad.toml");
            out.push_back(fmt::format("{}:{}: {}", dg.line, dg.column,
                                      dg.field.empty() ? dg.message : dg.field + ": " + dg.message));
        }
    }
    return out;
}

const char* kHead = "name = \"t\"\ntitle = \"T\"\n";

TEST(StandardSetFile, SyntaxErrorNamesTheLine) {
    auto p = problems(std::string(kHead) + "\n[[criterion]]\nid = \"age\nkind = \"full_member\"\n");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].substr(0, 2), "5:");
    EXPECT_NE(p[0].find("not valid TOML"), std::string::npos) << p[0];
}

TEST(StandardSetFile, UnknownKindNamesTheLine) {
    auto p = problems(std::string(kHead) + "\n[[criterion]]\nid = \"x\"\nkind = \"shoe_size\"\n");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].substr(0, 5), "6:8: ");
    EXPECT_NE(p[0].find("criterion 'x': unknown kind 'shoe_size' (one of retirement_months, party_years_min"),
              std::string::npos)
        << p[0];
}

TEST(StandardSetFile, MissingFieldNamesTheCriterionsLine) {
    auto p = problems(std::string(kHead) +
                      "\n[[criterion]]\nid = \"ok\"\nkind = \"full_member\"\n\n[[criterion]]\nid = \"age\"\n"
                      "kind = \"retirement_months\"\nincumbent_min = 48\n");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0], "8:1: criterion 'age': missing field 'first_time_min'");
    p = problems(std::string(kHead) + "[[criterion]]\nkind = \"full_member\"\n");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0], "3:1: criterion 1: missing field 'id'");
    p = problems("title = \"T\"\n[[criterion]]\nid = \"a\"\nkind = \"full_member\"\n");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0], "1:1: missing field 'name'");
}

TEST(StandardSetFile, WrongTypeNamesTheValue) {
    auto p = problems(std::string(kHead) +
                      "[[criterion]]\nid = \"age\"\nkind = \"retirement_months\"\nfirst_time_min = \"60\"\n"
                      "[structure]\nwomen_min = \"15%\"\nyoung_age = 40.5\n");
    ASSERT_EQ(p.size(), 3u);
    EXPECT_EQ(p[0], "6:18: criterion 'age': first_time_min: expected a whole number, got a string");
    EXPECT_EQ(p[1], "8:13: structure: women_min: expected a share between 0 and 1 (e.g. 0.15), got a string");
    EXPECT_EQ(p[2], "9:13: structure: young_age: expected a whole number, got a number with a fraction");
}

TEST(StandardSetFile, UnknownValuesAndFieldsAreNamed) {
    auto p = problems(std::string(kHead) +
                      "as_of = \"01/13/2025\"\n"
                      "[[criterion]]\nid = \"degree\"\nkind = \"degree_min\"\nmin = \"phd\"\n"
                      "[[criterion]]\nid = \"degree\"\nkind = \"grade_min\"\nyears = 0\nmin = \"tot\"\nyaers = 3\n"
                      "[structure]\nwomen_min = 15\nwomen = 0.2\n");
    ASSERT_EQ(p.size(), 7u) << fmt::format("{}", fmt::join(p, "\n"));
    EXPECT_EQ(p[0], "3:9: as_of: '01/13/2025' is not a date (YYYY-MM-DD or DD/MM/YYYY)");
    EXPECT_EQ(p[1], "7:7: criterion 'degree': min: unknown degree 'phd' (one of none, college, bachelor, master, doctor)");
    EXPECT_EQ(p[2], "9:6: criterion 'degree': the id repeats an earlier criterion");
    EXPECT_EQ(p[3], "11:9: criterion 'degree': years: 0 is out of range (1 to 20)");
    EXPECT_EQ(p[4].substr(0, 50), "13:1: criterion 'degree': unknown field 'yaers' fo");
    EXPECT_EQ(p[5], "15:13: structure: women_min: 15 is not a share between 0 and 1 (write 0.15 for 15 %)");
    EXPECT_EQ(p[6].substr(0, 39), "16:1: structure: unknown field 'women' ");
}

TEST(StandardSetFile, NameMustBeUsableAsAFileName) {
    auto p = problems("name = \"../etc/x\"\ntitle = \"T\"\n[structure]\nwomen_min = 0.1\n");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].find("cannot name a set"), std::string::npos);
    EXPECT_TRUE(valid_set_name("cap-uy-2025"));
    EXPECT_FALSE(valid_set_name("Cap"));
    EXPECT_FALSE(valid_set_name(".hidden"));
    EXPECT_FALSE(valid_set_name(""));
}

TEST(StandardSetFile, EmptySetRefused) {
    auto p = problems(kHead);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].find("neither [[criterion]] tables nor a [structure] table"), std::string::npos);
}

// ---- the check over a workspace -------------------------------------------------------------

// The congress opens on 15/07/2025 (test::sample_congress()).
const char* kMembers =
    "code,full_name,gender,birth_date,ethnicity,party_join_date,official_date,degree,theory,incumbent\n"
    "B01,Đỗ Thị Lan,F,1980-02-02,Kinh,2005-01-01,2006-01-01,master,cao-cap,1\n"
    "B02,Nguyễn Văn An,M,1968-07-10,Tày,1990-01-01,1991-01-01,bachelor,trung-cap,0\n"
    "B03,Lê Văn Ân,M,1990-05-05,Kinh,2022-01-01,,college,so-cap,0\n"
    "B04,Trần Văn Bình,M,1975-03-03,Kinh,2000-01-01,2001-01-01,,trung-cap,1\n"
    "B05,Phạm Thị Đào,F,1988-09-09,Khmer,2010-01-01,2011-01-01,bachelor,trung-cap,0\n"
    "B06,Hoàng Văn An,M,1985-07-16,Kinh,2009-01-01,2010-01-01,doctor,cu-nhan,0\n";

struct Check : ::testing::Test {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    registry::ImportOptions opt{};
    StandardSet set = parse_standard_set(kSpecExample, "cap.toml");

    void SetUp() override {
        set.as_of.reset();  // the congress date: 15/07/2025
        registry::import_members(ws, dir.write("m.csv", kMembers), opt);
        registry::import_evaluations(ws,
                                     dir.write("e.csv",
                                               "code,year,grade\nB01,2022,tot\nB01,2023,tot\nB01,2024,xuat-sac\n"
                                               "B02,2022,tot\nB02,2024,tot\nB05,2022,tot\nB05,2023,tot\nB05,2024,"
                                               "hoan-thanh\nB06,2022,tot\nB06,2023,tot\nB06,2024,tot\n"),
                                     opt);
        registry::import_discipline(ws, dir.write("d.csv", "code,date,form,until\nB06,2023-06-01,khiển trách,\n"), opt);
    }

    struct Collect : CheckSink {
        std::vector<PersonCheck> people;
        std::size_t begun = 0, cw = 0, nw = 0;
        void begin(std::size_t n, std::size_t c, std::size_t w) override { begun = n, cw = c, nw = w; }
        void person(const PersonCheck& p) override { people.push_back(p); }
    };
    Collect run(const Selection& sel, std::size_t bucket = 1 << 16) {
        Collect c;
        CheckOptions o;
        o.as_of = as_of_date(ws.db(), set, std::nullopt);
        o.bucket_people = bucket;
        check(ws.db(), set, sel, o, c);
        EXPECT_EQ(c.begun, c.people.size());
        return c;
    }
    static std::vector<std::string> codes(const Collect& c) {
        std::vector<std::string> out;
        for (const auto& p : c.people) out.push_back(p.code);
        return out;
    }
};

TEST_F(Check, AsOfIsTheOverrideThenTheSetsThenTheCongressDate) {
    EXPECT_EQ(as_of_date(ws.db(), set, std::nullopt), d(2025, 7, 15));
    set.as_of = kAsOf;
    EXPECT_EQ(as_of_date(ws.db(), set, std::nullopt), kAsOf);
    EXPECT_EQ(as_of_date(ws.db(), set, d(2025, 1, 2)), d(2025, 1, 2));
}

TEST_F(Check, CodesInVietnameseNameOrderWithReasons) {
    auto c = run({{"B05", "B02", "B06", "B03", "B02"}, std::nullopt, false});
    // Given names An (Hoàng, Nguyễn), Ân, Đào: Vietnamese order, not byte order.
    EXPECT_EQ(codes(c), (std::vector<std::string>{"B06", "B02", "B03", "B05"}));
    EXPECT_EQ(c.cw, 3u);
    EXPECT_EQ(c.nw, 13u);
    const auto& an = c.people[1];  // B02, born 07/1968: 62y → 07/2030, 60 months at 07/2025
    EXPECT_EQ(an.full_name, "Nguyễn Văn An");
    expect(an.results[0], Result::Pass, "60 months to retirement (07/2030), needs 60");
    expect(an.results[4], Result::Unknown, "no grade for 2023");
    EXPECT_FALSE(an.passes());
    EXPECT_FALSE(an.fails());
    const auto& hoang = c.people[0];
    expect(hoang.results[5], Result::Fail, "discipline 'khiển trách' on 01/06/2023, within 5 years");
    const auto& dao = c.people[3];
    expect(dao.results[4], Result::Fail, "grade hoan-thanh in 2024, needs tot");
    const auto& at = c.people[2];
    expect(at.results[3], Result::Fail, "3 full years in the party (admitted 01/01/2022), needs 5");
}

// Codes that name nobody: bad input (exit 3), one line each, before anyone is checked.
TEST_F(Check, UnknownCodesAreBadInputNamingEach) {
    Collect c;
    CheckOptions o;
    o.as_of = kAsOf;
    try {
        check(ws.db(), set, {{"B01", "X1", "X2"}, std::nullopt, false}, o, c);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.code(), Exit::BadInput);
        ASSERT_EQ(e.diagnostics().size(), 2u);
        EXPECT_EQ(e.diagnostics()[0].to_string(), "no member with code 'X1' in the registry");
        EXPECT_EQ(e.diagnostics()[1].to_string(), "no member with code 'X2' in the registry");
    }
    EXPECT_TRUE(c.people.empty());
    EXPECT_EQ(c.begun, 0u);
}

// --all spools to buckets by name rank; with buckets of 2 people (three
// temporary files) it must give exactly what the list path gives.
TEST_F(Check, AllThroughBucketsEqualsTheListPath) {
    auto all = run({{}, std::nullopt, true}, 2);
    auto list = run({{"B01", "B02", "B03", "B04", "B05", "B06"}, std::nullopt, false});
    ASSERT_EQ(all.people.size(), 6u);
    EXPECT_EQ(codes(all), codes(list));
    for (std::size_t i = 0; i < 6; ++i) {
        ASSERT_EQ(all.people[i].results.size(), set.criteria.size());
        for (std::size_t k = 0; k < set.criteria.size(); ++k) {
            const auto &a = all.people[i].results[k], &l = list.people[i].results[k];
            EXPECT_EQ(a.result, l.result);
            EXPECT_EQ(a.reason, l.reason);
            EXPECT_EQ(describe(a), describe(l));
            std::string ja, jl;
            append_reason_json(ja, a, "");
            append_reason_json(jl, l, "");
            EXPECT_EQ(ja, jl);
        }
    }
    EXPECT_EQ(all.cw, list.cw);
    EXPECT_EQ(all.nw, list.nw);
    auto one_bucket = run({{}, std::nullopt, true});
    EXPECT_EQ(codes(one_bucket), codes(list));
}

// Two results as `standards check --json` writes them: codes and facts,
// laid out as json::ArrayStream lays out an element.
TEST_F(Check, JsonOfOnePersonIsCodesAndFacts) {
    Outcome official{Result::Pass, Reason::Official};
    official.date = d(2001, 1, 1);
    Outcome within{Result::Fail, Reason::DisciplineWithin};
    within.text = "tab\there";
    within.date = d(2023, 6, 1);
    within.count = 5;
    PersonCheck p{"B\"1", "Đỗ Thị Lan", {official, within}};
    StandardSet s = one(FullMember{}, "full");
    s.criteria.push_back({"discipline", "", NoDiscipline{5}, 2});
    std::string out;
    JsonWriter(s).append(out, p);
    EXPECT_EQ(out,
              "  {\n"
              "    \"code\": \"B\\\"1\",\n"
              "    \"full_name\": \"Đỗ Thị Lan\",\n"
              "    \"passes\": false,\n"
              "    \"results\": [\n"
              "      {\n"
              "        \"criterion\": \"full\",\n"
              "        \"result\": \"pass\",\n"
              "        \"reason\": \"official\",\n"
              "        \"official\": \"2001-01-01\"\n"
              "      },\n"
              "      {\n"
              "        \"criterion\": \"discipline\",\n"
              "        \"result\": \"fail\",\n"
              "        \"reason\": \"discipline_within\",\n"
              "        \"form\": \"tab\\there\",\n"
              "        \"date\": \"2023-06-01\",\n"
              "        \"years\": 5\n"
              "      }\n"
              "    ]\n"
              "  }");
    // The same text the one JSON writer gives for the same object.
    using J = nlohmann::ordered_json;
    J results = J::array();
    results.push_back({{"criterion", "full"}, {"result", "pass"}, {"reason", "official"}, {"official", "2001-01-01"}});
    results.push_back({{"criterion", "discipline"},
                       {"result", "fail"},
                       {"reason", "discipline_within"},
                       {"form", "tab\there"},
                       {"date", "2023-06-01"},
                       {"years", 5}});
    J j{{"code", "B\"1"}, {"full_name", "Đỗ Thị Lan"}, {"passes", false}, {"results", results}};
    EXPECT_EQ(out, json::serialize_element(j));
}

// Every reason's facts, as nlohmann lays them out (lists included), and no
// sentence: JSON does not change with the language.
TEST(Reasons, EveryReasonsJsonIsItsCodeAndFacts) {
    using J = nlohmann::ordered_json;
    auto facts = [](const Outcome& o) {
        std::string members = "{\n  \"x\": 0";
        append_reason_json(members, o, "  ");
        return J::parse(members + "\n}");
    };
    Outcome o{Result::Fail, Reason::ToRetirement};
    o.count = 59;
    o.date = d(2030, 8, 1);
    o.needs = 60;
    EXPECT_EQ(facts(o).dump(),
              R"({"x":0,"reason":"to_retirement","months":59,"retires":"2030-08","needs":60,"incumbent":false})");
    o = {Result::Unknown, Reason::BirthYearOnly};
    o.first = 1968;
    o.count = 52;
    o.last = 63;
    o.date = d(2030, 1, 1);
    o.until = d(2030, 12, 1);
    o.needs = 60;
    EXPECT_EQ(facts(o).dump(), R"({"x":0,"reason":"birth_year_only","birth_year":1968,"retires_from":"2030-01",)"
                               R"("retires_to":"2030-12","months_from":52,"months_to":63,"needs":60,"incumbent":false})");
    o = {Result::Fail, Reason::GradesLow};
    o.grades = {{2023, registry::Grade::HoanThanh}, {2024, registry::Grade::KhongHoanThanh}};
    o.needs = static_cast<int>(registry::Grade::Tot);
    EXPECT_EQ(facts(o).dump(), R"({"x":0,"reason":"grades_low","grades":[{"year":2023,"grade":"hoan-thanh"},)"
                               R"({"year":2024,"grade":"khong-hoan-thanh"}],"needs":"tot"})");
    o = {Result::Unknown, Reason::NoGrade};
    o.grades = {{2022, {}}, {2024, {}}};
    EXPECT_EQ(facts(o).dump(), R"({"x":0,"reason":"no_grade","years":[2022,2024]})");
    o = {Result::Pass, Reason::Flag};
    o.text = "political-verified";
    o.value = 1;
    EXPECT_EQ(facts(o).dump(), R"({"x":0,"reason":"flag","flag":"political-verified","value":true})");
    o = {Result::Fail, Reason::TheoryLow};
    o.value = static_cast<int>(registry::Theory::SoCap);
    o.needs = static_cast<int>(registry::Theory::TrungCap);
    EXPECT_EQ(facts(o).dump(), R"({"x":0,"reason":"theory_low","theory":"so-cap","needs":"trung-cap"})");
    // The layout itself is nlohmann's (two-space indent, lists one item a line).
    o = {Result::Fail, Reason::GradesLow};
    o.grades = {{2023, registry::Grade::HoanThanh}};
    std::string members = "{\n  \"x\": 0";
    append_reason_json(members, o, "  ");
    members += "\n}";
    EXPECT_EQ(members, J::parse(members).dump(2));
}

// One sentence per reason, the same words at the terminal and in the report.
TEST(Reasons, DescribeMakesOneSentencePerReason) {
    Outcome o{Result::Fail, Reason::ToRetirement};
    o.count = 1;
    o.date = d(2025, 10, 1);
    o.needs = 48;
    o.incumbent = true;
    EXPECT_EQ(describe(o), "1 month to retirement (10/2025), needs 48 (incumbent)");
    o.reason = Reason::Retired;
    EXPECT_EQ(describe(o), "reached retirement age in 10/2025, needs 48 months before it (incumbent)");
    o = {Result::Pass, Reason::Flag};
    o.text = "health";
    o.value = 1;
    EXPECT_EQ(describe(o), "health: yes");
    o.value = 0;
    EXPECT_EQ(describe(o), "health: no");
    o = {Result::Fail, Reason::DisciplineInEffect};
    o.text = "cảnh cáo";
    o.date = d(2018, 3, 1);
    o.until = d(2026, 3, 1);
    EXPECT_EQ(describe(o), "discipline 'cảnh cáo' on 01/03/2018, in effect until 01/03/2026");
    EXPECT_EQ(code(Reason::NoFlag), "no_flag");
    EXPECT_EQ(code(Reason::Flag), "flag");
}

// ---- adding and finding sets ------------------------------------------------------------------

TEST_F(Check, AddCopiesTheFileBesideTheWorkspaceAndAudits) {
    const std::string file = dir.write("mine.toml", std::string("# my set\nname = \"mine\"\ntitle = \"Mine\"\n") +
                                                        "[[criterion]]\nid = \"fm\"\nkind = \"full_member\"\n");
    auto before = test::count(ws, "audit");
    auto r = add_set(ws, file, false);
    EXPECT_EQ(r.path, std::filesystem::path(dir.file("standards/mine.toml")));
    EXPECT_FALSE(r.replaced);
    EXPECT_FALSE(r.shadows_shipped);
    EXPECT_EQ(test::count(ws, "audit"), before + 1);
    auto log = audit::log(ws.db());
    EXPECT_NE(log.back().summary.find("standards add mine from"), std::string::npos) << log.back().summary;
    Origin o;
    auto found = find_set(ws.path(), "mine", &o);
    EXPECT_EQ(o, Origin::Workspace);
    EXPECT_EQ(found.criteria.size(), 1u);
    // Copied as is: comments kept.
    std::ifstream in(r.path);
    std::string first;
    std::getline(in, first);
    EXPECT_EQ(first, "# my set");

    EXPECT_THROW(add_set(ws, file, false), Refused);
    EXPECT_TRUE(add_set(ws, file, true).replaced);
    EXPECT_EQ(test::count(ws, "audit"), before + 2);

    // A bad file adds nothing.
    const std::string bad = dir.write("bad.toml", "name = \"bad\"\ntitle = 3\n[structure]\n");
    EXPECT_THROW(add_set(ws, bad, false), InputError);
    EXPECT_FALSE(std::filesystem::exists(dir.file("standards/bad.toml")));
    EXPECT_EQ(test::count(ws, "audit"), before + 2);

    auto sets = list_sets(ws.path());
    ASSERT_GE(sets.size(), 3u);
    EXPECT_EQ(sets[0].name, "mine");
    EXPECT_EQ(sets[0].origin, Origin::Workspace);
    EXPECT_EQ(find_set(ws.path(), "cap-uy-2025", &o).name, "cap-uy-2025");
    EXPECT_EQ(o, Origin::Shipped);
    try {
        find_set(ws.path(), "nope");
        ADD_FAILURE() << "found a set that does not exist";
    } catch (const InputError& e) {
        EXPECT_EQ(e.code(), Exit::BadInput);
        EXPECT_EQ(e.diagnostics().at(0).message,
                  "no standard set 'nope' (known: mine, cap-uy-2025, dai-bieu-2025); add one with 'daihoi standards "
                  "add FILE'");
    }
    EXPECT_EQ(find_set(ws.path(), file, &o).name, "mine");
    EXPECT_EQ(o, Origin::File);
}

TEST_F(Check, AnAddedSetHidesTheShippedOneOfItsName) {
    std::string text = kSpecExample;
    text.replace(text.find("as_of"), 5, "# as_of");
    auto r = add_set(ws, dir.write("c.toml", text), false);
    EXPECT_TRUE(r.shadows_shipped);
    Origin o;
    auto s = find_set(ws.path(), "cap-uy-2025", &o);
    EXPECT_EQ(o, Origin::Workspace);
    EXPECT_EQ(s.criteria.size(), 6u);  // the spec example's, not the shipped seven
    bool hidden = false;
    for (const auto& e : list_sets(ws.path()))
        if (e.name == "cap-uy-2025" && e.origin == Origin::Shipped) hidden = e.shadowed;
    EXPECT_TRUE(hidden);
}

// ---- structure -----------------------------------------------------------------------------

TEST(Structure, CountsSharesAndExactTargets) {
    Structure s;
    s.women_min = 1500;
    s.young_age = 40;
    s.young_min = 1000;
    s.minority_min = 0;
    s.renewal_min = 3300;
    std::vector<registry::Member> people;
    for (int i = 0; i < 20; ++i) {
        auto m = person(fmt::format("P{}", i));
        m.gender = i < 3 ? kWoman : kMan;                         // 3 of 20 = 15.00 %: met exactly
        m.birth_date = i == 0 ? d(1985, 9, 2) : d(1985, 9, 1);    // 39 and 40 at 01/09/2025
        m.ethnicity = i == 5 ? "tày" : i == 6 ? "KINH" : "Kinh";
        m.incumbent = i >= 7;                                      // 7 new of 20 = 35 %
        people.push_back(m);
    }
    auto r = measure_structure(people, s, kAsOf);
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[0].id, "women");
    EXPECT_EQ(r[0].count, 3);
    EXPECT_TRUE(r[0].met);
    EXPECT_EQ(r[1].label, "under 40");
    EXPECT_EQ(r[1].count, 1);
    EXPECT_FALSE(r[1].met);  // 5 % < 10 %
    EXPECT_EQ(r[2].count, 1);
    EXPECT_TRUE(r[2].met);
    EXPECT_EQ(r[3].count, 7);
    EXPECT_TRUE(r[3].met);
    people.resize(17);
    people[2].gender = kMan;  // 2 of 17 = 11.76 %, short of 15 %
    r = measure_structure(people, s, kAsOf);
    EXPECT_EQ(r[0].count, 2);
    EXPECT_FALSE(r[0].met);
    // Renewal 1 of 3 = 33.33 % meets 0.33.
    std::vector<registry::Member> three = {person("a"), person("b"), person("c")};
    three[1].incumbent = three[2].incumbent = true;
    EXPECT_TRUE(measure_structure(three, s, kAsOf)[3].met);
    // Nobody listed: only a zero target is met; no target, nothing to meet.
    r = measure_structure({}, s, kAsOf);
    EXPECT_FALSE(r[0].met);
    EXPECT_TRUE(r[2].met);
    // Only the year of birth: under 40 when the whole year says so, else
    // unknown; the target then turns on the unknown, so whether it is met is unknown.
    std::vector<registry::Member> ten(10, person());          // born 1975: 50
    ten[0].birth_date = registry::BirthDate::year_only(1985);  // 39 or 40 at 01/09/2025: unknown
    r = measure_structure(ten, s, kAsOf);
    EXPECT_EQ(r[1].count, 0);
    EXPECT_EQ(r[1].unknown, 1);
    EXPECT_FALSE(r[1].met);
    EXPECT_TRUE(r[1].met_unknown);  // 1 of 10 would meet 10 %
    ten[1].birth_date = registry::BirthDate::year_only(1986);  // 38 or 39: young whatever the day
    r = measure_structure(ten, s, kAsOf);
    EXPECT_EQ(r[1].count, 1);
    EXPECT_EQ(r[1].unknown, 1);
    EXPECT_TRUE(r[1].met);
    EXPECT_FALSE(r[1].met_unknown);
    // Targets print through the one percent: ten-thousandths of the whole.
    EXPECT_EQ(number::percent(3300, 10000), "33.00");
    EXPECT_EQ(number::percent(5, 10000), "0.05");
}

}  // namespace

namespace {
TEST(Json, NoCriteriaGivesAnEmptyResultsArray) {
    StandardSet s;
    std::string out;
    JsonWriter(s).append(out, PersonCheck{"A", "B", {}});
    nlohmann::ordered_json j = nlohmann::ordered_json::object(
        {{"code", "A"}, {"full_name", "B"}, {"passes", true}, {"results", nlohmann::ordered_json::array()}});
    EXPECT_EQ(out, json::serialize_element(j));
}
}  // namespace

namespace {
// The hand-written JSON equals nlohmann's for every byte that needs an escape,
// wherever it falls in a string (the scan looks at eight bytes at a time).
TEST(Json, EscapesAtEveryPositionAsNlohmannDoes) {
    StandardSet s = one(FullMember{}, "c");
    for (char special : {'"', '\\', '\n', '\t', '\x01', '\x1f', '\x7f', ' ', '~'}) {
        for (std::size_t pos = 0; pos < 19; ++pos) {
            std::string flag = "48 months to retirement";  // ASCII: any position splits no character
            flag.insert(std::min(pos, flag.size()), 1, special);
            Outcome o{Result::Unknown, Reason::NoFlag};
            o.text = flag;
            PersonCheck p{fmt::format("DV{}", pos), "Đỗ Thị Lan", {o}};
            std::string out;
            JsonWriter(s).append(out, p);
            using J = nlohmann::ordered_json;
            J results = J::array();
            results.push_back({{"criterion", "c"}, {"result", "unknown"}, {"reason", "no_flag"}, {"flag", flag}});
            J j{{"code", p.code}, {"full_name", p.full_name}, {"passes", false}, {"results", results}};
            EXPECT_EQ(out, json::serialize_element(j)) << int(special) << " at " << pos;
        }
    }
}
}  // namespace

// ---- the rules of the commands, in core ----------------------------------------------------

namespace {

// `standards check` and `report standards`: exactly one of codes, --election, --all.
TEST(Selection, ExactlyOneOfCodesElectionOrAll) {
    auto s = Selection::of({"A", "B"}, "", false);
    EXPECT_EQ(s.codes.size(), 2u);
    EXPECT_FALSE(s.election);
    EXPECT_FALSE(s.all);
    EXPECT_EQ(Selection::of({}, "bch", false).election, "bch");
    EXPECT_TRUE(Selection::of({}, "", true).all);
    for (auto bad : {std::tuple{std::vector<std::string>{}, std::string(), false},
                     std::tuple{std::vector<std::string>{"A"}, std::string(), true},
                     std::tuple{std::vector<std::string>{"A"}, std::string("bch"), false},
                     std::tuple{std::vector<std::string>{}, std::string("bch"), true}}) {
        try {
            Selection::of(std::get<0>(bad), std::get<1>(bad), std::get<2>(bad));
            ADD_FAILURE() << "accepted a selection that is not exactly one way";
        } catch (const UsageError& e) {
            EXPECT_EQ(e.code(), Exit::Usage);
            EXPECT_STREQ(e.what(), "give member codes, --election ID or --all (exactly one of them)");
        }
    }
}

// --as-of: not given, a date in either form, or a usage error with the one date message.
TEST(AsOf, ParsedThroughTheOneDateOptionParser) {
    EXPECT_FALSE(parse_as_of(""));
    EXPECT_EQ(parse_as_of("2026-09-01"), d(2026, 9, 1));
    EXPECT_EQ(parse_as_of("1/9/2026"), d(2026, 9, 1));
    try {
        parse_as_of("31/02/2025");
        ADD_FAILURE();
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(), "--as-of: '31/02/2025' is not a date (YYYY-MM-DD or DD/MM/YYYY)");
    }
}

// `standards show --json`: the set's criteria with their kinds' fields, the
// targets as percent numbers, no sentence.
TEST(StandardSetJson, CriteriaWithTheirFieldsAndTargetsAsNumbers) {
    auto s = parse_standard_set(kSpecExample, "x.toml");
    auto j = to_json(s, Origin::File);
    EXPECT_EQ(j["name"], "cap-uy-2025");
    EXPECT_EQ(j["origin"], "file");
    EXPECT_EQ(j["as_of"], "2025-09-01");
    ASSERT_EQ(j["criteria"].size(), 6u);
    EXPECT_EQ(j["criteria"][0].dump(),
              R"({"id":"age","kind":"retirement_months","label":"","first_time_min":60,"incumbent_min":48})");
    EXPECT_EQ(j["criteria"][1].dump(), R"({"id":"theory","kind":"theory_min","label":"","min":"trung-cap"})");
    EXPECT_EQ(j["criteria"][4].dump(), R"({"id":"grades","kind":"grade_min","label":"","years":3,"min":"tot"})");
    EXPECT_EQ(j["structure"].dump(),
              R"({"women_min":15.0,"young_age":40,"young_min":10.0,"minority_min":0.0,"renewal_min":33.0})");
    s.has_structure = false;
    s.as_of.reset();
    j = to_json(s, Origin::Shipped);
    EXPECT_TRUE(j["structure"].is_null());
    EXPECT_TRUE(j["as_of"].is_null());
}

// --strict: refused (exit 1) when anyone fails or lacks data, never otherwise.
TEST(Strict, RefusedWhenAnyoneDoesNotPass) {
    StandardSet s;
    s.name = "t";
    CheckCounts c;
    c.add({"A", "A", {{Result::Pass}}});
    EXPECT_NO_THROW(require_all_pass(c, s));
    c.add({"B", "B", {{Result::Unknown}}});
    c.add({"C", "C", {{Result::Fail}, {Result::Unknown}}});
    EXPECT_EQ(c.people, 3u);
    EXPECT_EQ(c.failing, 1u);
    EXPECT_EQ(c.unknown, 1u);
    EXPECT_EQ(c.passing(), 1u);
    try {
        require_all_pass(c, s);
        ADD_FAILURE();
    } catch (const Refused& e) {
        EXPECT_STREQ(e.what(), "2 of 3 do not pass t (1 fail, 1 with data missing)");
    }
}

}  // namespace
