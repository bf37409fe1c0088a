// Redraws at most ten times a second, and only after the first second.
#include "core/cli/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace daihoi::cli {

Progress::Progress(std::string label, std::size_t total, bool quiet)
    : label_(std::move(label)),
      total_(total),
      enabled_(!quiet && isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() { finish(); }

void Progress::update(std::size_t done) {
    if (!enabled_ || (done & 0x3ff)) return;  // check the clock every 1024 items
    auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(100))
        return;
    last_ = now;
    shown_ = true;
    if (total_) {
        int width = 30, filled = static_cast<int>(width * done / total_);
        fmt::print(stderr, "\r{} [{}{}] {}/{}", label_, std::string(filled, '#'),
                   std::string(width - filled, ' '), done, total_);
    } else {
        fmt::print(stderr, "\r{} {}", label_, done);
    }
}

void Progress::finish() {
    if (shown_) fmt::print(stderr, "\r\033[K");
    shown_ = false;
}

}  // namespace daihoi::cli
