// A progress bar on stderr for work over about a second, shown only when
// stderr is a terminal and --quiet is off (SPEC §2).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace daihoi::cli {

class Progress {
public:
    // total 0: unknown (counts only).
    Progress(std::string label, std::size_t total, bool quiet);
    ~Progress();
    void update(std::size_t done);
    void finish();

private:
    std::string label_;
    std::size_t total_;
    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace daihoi::cli
