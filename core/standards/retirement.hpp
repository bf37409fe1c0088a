// Retirement age under normal working conditions (Nghị định 135/2020/NĐ-CP,
// Art. 3 and 4) and the whole months a person has left before it — the
// numbers behind the age criterion of the standards (Chỉ thị 45-CT/TW).
#pragma once

#include "core/registry/member.hpp"
#include "core/text/date.hpp"

#include <string>

namespace daihoi::standards {

// Ages are counted in months: 60 years 3 months is 723.
//
// Decree 135 Art. 4: men retire at 60y3m when they reach it in 2021, and
// 3 months later for each following year, up to 62y from 2028; women at
// 55y4m in 2021, 4 months more each year, up to 60y from 2035. The age that
// applies is the one of the year in which the person reaches it — so a man
// born 10/1961, who is 60y3m in 01/2022, falls under 2022's 60y6m and
// retires in 04/2022. People who reached 60 (men) / 55 (women) before 2021
// retired at exactly that age under the earlier law.
int retirement_age_months(const text::Date& birth, registry::Gender gender);

// The month in which the person reaches the retirement age: birth month plus
// the age in months (the appendix of Decree 135 lists exactly this month:
// a man born 01/1961 retires in 04/2021).
struct YearMonth {
    int year = 0, month = 0;
    auto operator<=>(const YearMonth&) const = default;
    int index() const { return year * 12 + (month - 1); }
    std::string vn() const;  // "04/2021"
};
YearMonth retirement_month(const text::Date& birth, registry::Gender gender);

// The retirement date of Decree 135 Art. 3.1: the last day of the month in
// which the person reaches the retirement age.
text::Date retirement_date(const text::Date& birth, registry::Gender gender);

// Whole months from `as_of` to the retirement date. Because the retirement
// date is the last day of its month, this is the number of calendar months
// from the month of `as_of` to the month of retirement, whatever the days:
// at a congress in 09/2025, a man retiring in 09/2030 has 60 months, one
// retiring in 08/2030 has 59. This is how the Party's guidance reads its own
// rule (for 9/2020 it asked first-time members of provincial committees to be
// men "sinh từ tháng 9-1965 trở lại đây", who retire at 60 in 09/2025 or
// later). Negative once the person is past the retirement month.
int months_to_retirement(const text::Date& birth, registry::Gender gender, const text::Date& as_of);

// "60 years 3 months", "62 years".
std::string format_age(int months);

}  // namespace daihoi::standards
