// Redraws at most ten times a second, and only after the first second.
#include "core/cli/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace daihoi::cli {

void TerminalProgress::start(const std::string& label, std::size_t total) {
    label_ = label;
    total_ = total;
    enabled_ = isatty(STDERR_FILENO);
    shown_ = false;
    start_ = last_ = std::chrono::steady_clock::now();
}

void TerminalProgress::update(std::size_t done) {
    if (!enabled_ || (done & 0x3ff)) return;  // check the clock every 1024 items
    auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    shown_ = true;
    if (total_) {
        int width = 30, filled = static_cast<int>(width * std::min(done, total_) / total_);
        fmt::print(stderr, "\r{} [{}{}] {}/{}", label_, std::string(filled, '#'), std::string(width - filled, ' '),
                   done, total_);
    } else {
        fmt::print(stderr, "\r{} {}", label_, done);
    }
}

void TerminalProgress::finish() {
    if (shown_) fmt::print(stderr, "\r\033[K");
    shown_ = false;
    enabled_ = false;
}

}  // namespace daihoi::cli
