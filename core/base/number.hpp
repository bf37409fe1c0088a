// Shares and percentages in exact integer arithmetic, rounded half up:
// the one percent of daihoi (tally, credentials, structure, reports).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace daihoi::number {

// `part` / `whole` × 100 in hundredths, rounded half up: (3, 8) → 3750,
// (1, 3) → 3333, (2, 3) → 6667; nullopt when `whole` ≤ 0.
std::optional<std::int64_t> percent_hundredths(std::int64_t part, std::int64_t whole);

// The same as text with two decimals and a '.': "37.50" ("" when `whole` ≤ 0).
// Scripts and JSON take this; people read it through i18n::decimal.
std::string percent(std::int64_t part, std::int64_t whole);

// The same as a JSON number (37.5): the value of the exact text; 0 when
// `whole` ≤ 0 (check `whole` to print null instead).
double percent_value(std::int64_t part, std::int64_t whole);

// `sum` / `count` with one decimal, half up ("47.3"), "" when `count` ≤ 0.
std::string average_tenths(std::int64_t sum, std::int64_t count);

}  // namespace daihoi::number
