// Date arithmetic on the proleptic Gregorian calendar (Howard Hinnant's
// days_from_civil), integers only.
#include "core/text/date.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"

#include <fmt/format.h>

#include <cmath>
#include <ctime>

namespace daihoi::text {

namespace {

int days_in_month(int y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

// Parses 1–4 ASCII digits; false if anything else.
bool parse_int(std::string_view s, int& out) {
    if (s.empty() || s.size() > 4) return false;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

}  // namespace

bool is_valid(int y, int m, int d) {
    return y >= 1800 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::string Date::iso() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }
std::string Date::vn() const { return fmt::format("{:02}/{:02}/{:04}", day, month, year); }

long Date::days() const {
    long y = year - (month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (month + 9) % 12;
    long doy = (153 * mp + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date Date::from_days(long z) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

Date Date::today() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::optional<Date> parse_date(std::string_view s) {
    int y, m, d;
    if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
        if (!parse_int(s.substr(0, 4), y) || !parse_int(s.substr(5, 2), m) ||
            !parse_int(s.substr(8, 2), d))
            return std::nullopt;
    } else {
        auto a = s.find('/');
        auto b = a == std::string_view::npos ? a : s.find('/', a + 1);
        if (b == std::string_view::npos || s.size() - b - 1 != 4) return std::nullopt;
        if (a == 0 || a > 2 || b - a - 1 == 0 || b - a - 1 > 2) return std::nullopt;
        if (!parse_int(s.substr(0, a), d) || !parse_int(s.substr(a + 1, b - a - 1), m) ||
            !parse_int(s.substr(b + 1), y))
            return std::nullopt;
    }
    if (!is_valid(y, m, d)) return std::nullopt;
    return Date{y, m, d};
}

std::optional<Date> from_excel_serial(double serial) {
    if (!(serial >= 1 && serial < 2958466)) return std::nullopt;  // 1900-01-01 .. 9999-12-31
    long whole = static_cast<long>(std::floor(serial));
    if (whole == 60) return Date{1900, 2, 29 - 1};  // Lotus's phantom 29/02/1900: nearest real day
    if (whole > 60) --whole;                          // skip the phantom day
    return Date::from_days(Date{1899, 12, 31}.days() + whole);
}

int full_months_between(const Date& from, const Date& to) {
    int months = (to.year - from.year) * 12 + (to.month - from.month);
    if (months > 0 && to.day < from.day) --months;
    if (months < 0 && to.day > from.day) ++months;
    return months;
}

int full_years_between(const Date& from, const Date& to) { return full_months_between(from, to) / 12; }

Date add_months(const Date& d, int months) {
    int total = d.year * 12 + (d.month - 1) + months;
    int y = total / 12, m = total % 12 + 1;
    return Date{y, m, std::min(d.day, days_in_month(y, m))};
}

std::string not_a_date(std::string_view s) { return _f("'{}' is not a date (YYYY-MM-DD or DD/MM/YYYY)", s); }

Date parse_date_option(std::string_view field, std::string_view s) {
    auto d = parse_date(s);
    if (!d) throw UsageError(fmt::format("{}: {}", field, not_a_date(s)));
    return *d;
}

}  // namespace daihoi::text
