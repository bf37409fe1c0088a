// The retirement schedule of Decree 135/2020, iterated year by year.
#include "core/standards/retirement.hpp"

#include "core/base/i18n.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace daihoi::standards {

namespace {

struct Schedule {
    int base;        // the age before 2021, in months (60y / 55y)
    int step;        // added per year from 2021 (3 / 4 months)
    int cap;         // the final age (62y / 60y)
};

Schedule schedule(registry::Gender g) {
    return g == registry::Gender::Male ? Schedule{60 * 12, 3, 62 * 12} : Schedule{55 * 12, 4, 60 * 12};
}

// The year in which someone born in `birth_index` (year*12 + month-1) is `age` months old.
int year_reached(int birth_index, int age) { return (birth_index + age) / 12; }

}  // namespace

std::string YearMonth::vn() const { return fmt::format("{:02}/{:04}", month, year); }

int retirement_age_months(const text::Date& birth, registry::Gender gender) {
    const Schedule s = schedule(gender);
    const int b = birth.year * 12 + (birth.month - 1);
    if (year_reached(b, s.base) < 2021) return s.base;
    // The age of year Y grows by `step` months a year while Y grows by 12, so
    // the first Y whose age is reached no later than Y is reached in Y itself.
    for (int year = 2021;; ++year) {
        const int age = std::min(s.base + s.step * (year - 2020), s.cap);
        if (year_reached(b, age) <= year || age == s.cap) return age;
    }
}

YearMonth retirement_month(const text::Date& birth, registry::Gender gender) {
    const int i = birth.year * 12 + (birth.month - 1) + retirement_age_months(birth, gender);
    return {i / 12, i % 12 + 1};
}

text::Date retirement_date(const text::Date& birth, registry::Gender gender) {
    const YearMonth m = retirement_month(birth, gender);
    // The first of the next month, less one day.
    const text::Date next = text::add_months({m.year, m.month, 1}, 1);
    return text::Date::from_days(next.days() - 1);
}

int months_to_retirement(const text::Date& birth, registry::Gender gender, const text::Date& as_of) {
    return retirement_month(birth, gender).index() - (as_of.year * 12 + (as_of.month - 1));
}

std::string format_age(int months) {
    const int years = months / 12, rest = months % 12;
    if (rest == 0) return _fn("{} year", "{} years", years, years);
    return _fn("{} years {} month", "{} years {} months", rest, years, rest);
}

}  // namespace daihoi::standards
