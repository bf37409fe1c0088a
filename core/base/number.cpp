#include "core/base/number.hpp"

#include <fmt/format.h>

namespace daihoi::number {

std::optional<std::int64_t> percent_hundredths(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return std::nullopt;
    return (part * 20000 + whole) / (2 * whole);
}

std::string percent(std::int64_t part, std::int64_t whole) {
    auto h = percent_hundredths(part, whole);
    return h ? fmt::format("{}.{:02}", *h / 100, *h % 100) : std::string();
}

double percent_value(std::int64_t part, std::int64_t whole) {
    auto h = percent_hundredths(part, whole);
    return h ? static_cast<double>(*h) / 100.0 : 0.0;
}

std::string average_tenths(std::int64_t sum, std::int64_t count) {
    if (count <= 0) return {};
    std::int64_t tenths = (sum * 20 + count) / (2 * count);
    return fmt::format("{}.{}", tenths / 10, tenths % 10);
}

}  // namespace daihoi::number
