// One line typed at a terminal (with libedit's editing and history) or read
// from a pipe, for the tools that take input line by line (ballots enter,
// scan review). Header-only: only the tools that include it link libedit.
#pragma once

#include <editline/readline.h>

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

namespace daihoi::cli {

// The next line, without surrounding blanks; nullopt at the end of input.
inline std::optional<std::string> read_line(bool tty, const std::string& prompt) {
    std::string line;
    if (tty) {
        char* raw = readline(prompt.c_str());
        if (!raw) return std::nullopt;
        line = raw;
        if (!line.empty()) add_history(raw);
        std::free(raw);
    } else if (!std::getline(std::cin, line)) {
        return std::nullopt;
    }
    auto t = line.find_first_not_of(" \t\r");
    return t == std::string::npos ? "" : line.substr(t, line.find_last_not_of(" \t\r") - t + 1);
}

}  // namespace daihoi::cli
