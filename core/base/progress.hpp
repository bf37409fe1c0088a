// How long work tells how far it is. core/ only counts; the tools draw
// (cli::TerminalProgress, a bar on stderr when it is a terminal).
#pragma once

#include <cstddef>
#include <string>

namespace daihoi {

class Progress {
public:
    virtual ~Progress() = default;
    // `total` 0: unknown (counts only). `label` is read by people: translated.
    virtual void start(const std::string& label, std::size_t total) = 0;
    virtual void update(std::size_t done) = 0;
    virtual void finish() = 0;
};

// Progress that nobody watches (the default in core's options).
Progress& silent_progress();

// Started on construction, finished on destruction; `p` null: silent.
class ProgressScope {
public:
    ProgressScope(Progress* p, const std::string& label, std::size_t total) : p_(p ? *p : silent_progress()) {
        p_.start(label, total);
    }
    ~ProgressScope() { p_.finish(); }
    ProgressScope(const ProgressScope&) = delete;
    ProgressScope& operator=(const ProgressScope&) = delete;
    void update(std::size_t done) { p_.update(done); }
    void finish() { p_.finish(); }

private:
    Progress& p_;
};

}  // namespace daihoi
