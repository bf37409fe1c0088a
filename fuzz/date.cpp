// Dates (core/text/date.cpp): any text as a date as lists write it, and the
// date arithmetic on whatever parses; the first 8 bytes are also read as an
// Excel serial.
#include "common.hpp"

#include "core/text/date.hpp"

#include <cmath>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace daihoi;
    std::string_view s = fuzz::bytes(data, size);
    if (auto d = text::parse_date(s)) {
        if (!text::is_valid(d->year, d->month, d->day)) fuzz::finding("parse_date gave an impossible date");
        if (text::parse_date(d->iso()) != d) fuzz::finding("a date's ISO form does not read back");
        if (text::parse_date(d->vn()) != d) fuzz::finding("a date's DD/MM/YYYY form does not read back");
        if (text::Date::from_days(d->days()) != *d) fuzz::finding("days() and from_days() disagree");
        const text::Date pivot{2025, 9, 1};
        int months = text::full_months_between(*d, pivot);
        (void)text::full_years_between(*d, pivot);
        (void)text::add_months(*d, months);
    } else {
        (void)text::not_a_date(s);
    }
    if (size >= 8) {
        double serial;
        std::memcpy(&serial, data, sizeof serial);
        // Excel's own range (1900 … 9999): a year beyond daihoi's (is_valid) is
        // shown as Excel shows it, then refused where a date is read.
        if (auto d = text::from_excel_serial(serial))
            if (d->year < 1900 || d->year > 9999 || d->month < 1 || d->month > 12 || d->day < 1 ||
                text::Date::from_days(d->days()) != *d)
                fuzz::finding("an Excel serial gave an impossible date");
    }
    (void)text::local_time(s);
    (void)text::local_date_time(s);
    return 0;
}
