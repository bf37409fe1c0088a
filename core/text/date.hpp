// Calendar dates: parsing ISO and Vietnamese DD/MM/YYYY, printing both,
// Excel serial numbers, and the whole-month arithmetic the rules need.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace daihoi::text {

struct Date {
    int year = 0, month = 0, day = 0;
    auto operator<=>(const Date&) const = default;

    std::string iso() const;  // 2025-09-01
    std::string vn() const;   // 01/09/2025
    long days() const;        // days since 1970-01-01
    static Date from_days(long days);
    static Date today();      // local calendar date
};

// A date as Vietnamese lists write it, day first: DD/MM/YYYY, DD.MM.YYYY or
// DD-MM-YYYY (one or two digits for day and month), or ISO YYYY-MM-DD;
// spaces around are ignored. nullopt when not a real calendar date, and for
// a two-digit year (05/03/75: 1975 or 2075 is a guess).
std::optional<Date> parse_date(std::string_view s);

// The one message for a date that does not parse, translated:
// "'31/02/1990' is not a date (YYYY-MM-DD or DD/MM/YYYY)", or for a
// two-digit year "'05/03/75': a two-digit year is ambiguous; write the year
// in full". Callers put the field in front ("birth_date: …", "--as-of: …").
std::string not_a_date(std::string_view s);

// parse_date for a value people typed in option `field` (--as-of): a usage
// error (exit 2) with the one message when it is not a date.
Date parse_date_option(std::string_view field, std::string_view s);

// The years a date of daihoi's may have: a birth, a party date, a
// standard set's as_of, a discipline. Far around any real one, and a typo
// such as 9999 or 0000 is refused, not stored.
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2100;

// A real calendar date within kMinYear … kMaxYear.
bool is_valid(int year, int month, int day);

// A time as stored (ISO 8601 UTC, "2025-07-15T01:30:05.123Z", as the audit
// trail and the journals write it) as people read it where the congress
// sits: "15/07/2025 08:30:05" in the local time zone (TZ). Text that is not
// such a time is returned as it is.
std::string local_time(std::string_view iso);

// The same time as a local date and clock time, for papers that write it in
// words ("Hồi 9 giờ 30 phút, ngày …"); nullopt when `iso` is not such a time.
struct LocalTime {
    Date date;
    int hour = 0, minute = 0, second = 0;
};
std::optional<LocalTime> local_date_time(std::string_view iso);

// Excel's 1900 date system (serial 1 = 1900-01-01, with its phantom 29/02/1900).
std::optional<Date> from_excel_serial(double serial);

// Whole months from `from` to `to` (negative when `to` is earlier):
// 15/01 → 14/02 is 0 months, 15/01 → 15/02 is 1.
int full_months_between(const Date& from, const Date& to);
int full_years_between(const Date& from, const Date& to);

// `d` plus `months` months; the day is clamped to the end of a short month.
Date add_months(const Date& d, int months);

}  // namespace daihoi::text
