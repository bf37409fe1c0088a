// Date arithmetic on the proleptic Gregorian calendar (Howard Hinnant's
// days_from_civil), integers only.
#include "core/text/date.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
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
    return y >= kMinYear && y <= kMaxYear && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

namespace {

// Writes `v` as `width` digits at `out` (a bulk import formats millions of dates).
void digits(char* out, int v, int width) {
    for (int i = width - 1; i >= 0; --i, v /= 10) out[i] = static_cast<char>('0' + v % 10);
}

bool formattable(const Date& d) {
    return d.year >= 0 && d.year <= 9999 && d.month >= 0 && d.month <= 99 && d.day >= 0 && d.day <= 99;
}

}  // namespace

std::string Date::iso() const {
    if (!formattable(*this)) return fmt::format("{:04}-{:02}-{:02}", year, month, day);
    std::string s = "0000-00-00";
    digits(s.data(), year, 4);
    digits(s.data() + 5, month, 2);
    digits(s.data() + 8, day, 2);
    return s;
}

std::string Date::vn() const {
    if (!formattable(*this)) return fmt::format("{:02}/{:02}/{:04}", day, month, year);
    std::string s = "00/00/0000";
    digits(s.data(), day, 2);
    digits(s.data() + 3, month, 2);
    digits(s.data() + 6, year, 4);
    return s;
}

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
    // Asked for every row of an import: the time zone's conversion is made
    // once a minute (the date cannot change between two minutes' starts).
    thread_local std::time_t minute = -1;
    thread_local Date cached;
    std::time_t t = std::time(nullptr);
    if (t / 60 != minute) {
        std::tm tm{};
        localtime_r(&t, &tm);
        cached = Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
        minute = t / 60;
    }
    return cached;
}

namespace {

// Spaces and tabs around a value people typed or a cell held.
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// `s` cut at its two separators (the same one twice: '/', '.' or '-'), or
// false when it is not three numbers so separated.
bool three_parts(std::string_view s, std::string_view parts[3]) {
    auto a = s.find_first_of("/.-");
    if (a == std::string_view::npos) return false;
    auto b = s.find(s[a], a + 1);
    if (b == std::string_view::npos || s.find(s[a], b + 1) != std::string_view::npos) return false;
    parts[0] = s.substr(0, a);
    parts[1] = s.substr(a + 1, b - a - 1);
    parts[2] = s.substr(b + 1);
    return s.find_first_of("/.-", a + 1) == b;  // no second kind of separator
}

// The year, month and day `s` writes, whether or not they make a date.
bool date_parts(std::string_view s, int& y, int& m, int& d) {
    std::string_view p[3];
    if (!three_parts(trim(s), p)) return false;
    if (p[0].size() == 4 && s.find('-') != std::string_view::npos)  // ISO: year first
        return p[1].size() <= 2 && p[2].size() <= 2 && parse_int(p[0], y) && parse_int(p[1], m) && parse_int(p[2], d);
    // Vietnamese order: day, month, year in full
    return p[0].size() <= 2 && p[1].size() <= 2 && p[2].size() == 4 && parse_int(p[0], d) && parse_int(p[1], m) &&
           parse_int(p[2], y);
}

}  // namespace

std::optional<Date> parse_date(std::string_view s) {
    int y, m, d;
    if (!date_parts(s, y, m, d) || !is_valid(y, m, d)) return std::nullopt;
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

// D/M/YY: the century is a guess (1975 or 2075?), so it is refused with its reason.
bool two_digit_year(std::string_view s) {
    std::string_view p[3];
    int d, m, y;
    return three_parts(trim(s), p) && p[0].size() <= 2 && p[1].size() <= 2 && p[2].size() == 2 &&
           parse_int(p[0], d) && parse_int(p[1], m) && parse_int(p[2], y);
}

std::string not_a_date(std::string_view s) {
    if (two_digit_year(s)) return _f("'{}': a two-digit year is ambiguous; write the year in full", s);
    // A date, or a year alone (a birth year), whose year is out of range.
    int y = 0, m, d;
    std::string_view t = trim(s);
    bool year_alone = t.size() == 4 && parse_int(t, y);
    if ((year_alone || date_parts(s, y, m, d)) && (y < kMinYear || y > kMaxYear))
        return _f("'{}': the year is outside {}–{}", s, kMinYear, kMaxYear);
    return _f("'{}' is not a date (YYYY-MM-DD or DD/MM/YYYY)", s);
}

Date parse_date_option(std::string_view field, std::string_view s) {
    auto d = parse_date(s);
    if (!d) throw UsageError(fmt::format("{}: {}", field, not_a_date(s)));
    return *d;
}

std::optional<LocalTime> local_date_time(std::string_view iso) {
    std::tm tm{};
    std::string text(iso);
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &tm.tm_sec) != 6)
        return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    std::time_t t = timegm(&tm);
    std::tm local{};
    localtime_r(&t, &local);
    return LocalTime{Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday}, local.tm_hour, local.tm_min,
                     local.tm_sec};
}

std::string local_time(std::string_view iso) {
    auto t = local_date_time(iso);
    if (!t) return std::string(iso);
    return fmt::format("{:02}/{:02}/{:04} {:02}:{:02}:{:02}", t->date.day, t->date.month, t->date.year, t->hour,
                       t->minute, t->second);
}

}  // namespace daihoi::text
