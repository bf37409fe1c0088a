// The progress bar on stderr for work over about a second, shown only when
// stderr is a terminal and --quiet is off (SPEC §2): the terminal's side of
// daihoi::Progress, which core counts into.
#pragma once

#include "core/base/progress.hpp"

#include <chrono>
#include <cstddef>
#include <string>

namespace daihoi::cli {

class TerminalProgress final : public Progress {
public:
    void start(const std::string& label, std::size_t total) override;
    void update(std::size_t done) override;
    void finish() override;

private:
    std::string label_;
    std::size_t total_ = 0;
    bool enabled_ = false;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace daihoi::cli
