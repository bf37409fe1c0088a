// What every harness shares: the fuzzer's bytes as a file the readers can
// open (on tmpfs, so a run costs no disk), and the one rule for exceptions —
// bad input is an InputError (or another daihoi::Error that is not an
// internal error); anything else escaping a parser is a finding.
#pragma once

#include "core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <new>
#include <string>
#include <string_view>
#include <unistd.h>

namespace daihoi::fuzz {

// A folder of this process's own on tmpfs (/dev/shm when there is one),
// removed at exit. Never destroyed itself, so the exit handler still has it.
inline const std::filesystem::path& scratch() {
    static const std::filesystem::path* dir = [] {
        std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
        auto* d = new std::filesystem::path(base / ("daihoi-fuzz-" + std::to_string(::getpid())));
        std::filesystem::create_directories(*d);
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(scratch(), ec);
        });
        return d;
    }();
    return *dir;
}

// Writes `data` to scratch()/input.<ext> and returns its path.
inline std::string as_file(const std::uint8_t* data, std::size_t size, const std::string& ext) {
    auto path = (scratch() / ("input." + ext)).string();
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) std::abort();
    if (size && std::fwrite(data, 1, size, f) != size) std::abort();
    std::fclose(f);
    return path;
}

[[noreturn]] inline void finding(const char* what) {
    std::fprintf(stderr, "daihoi-fuzz: %s\n", what);
    std::abort();
}

// Runs `f`; the exceptions bad input may give are fine, any other is a finding.
template <class F>
void expect_clean(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        if (e.code() == Exit::Internal) finding(e.what());
    } catch (const std::bad_alloc&) {
        finding("std::bad_alloc: an input allocated without bound");
    } catch (const std::exception& e) {
        finding(e.what());
    }
}

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace daihoi::fuzz
