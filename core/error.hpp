// The error model shared by every tool: each failure carries the exit code
// SPEC §2 promises (1 refused, 2 usage, 3 bad input, 4 integrity, 70 a bug).
// Messages are read by people: core writes them translated (core/base/i18n).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace daihoi {

enum class Exit : int {
    Ok = 0,
    Refused = 1,    // the operation was refused or failed
    Usage = 2,      // bad command line
    BadInput = 3,   // bad input data; nothing was changed
    Integrity = 4,  // tampering detected, corrupt database
    Internal = 70,  // a bug in daihoi (EX_SOFTWARE): nothing was changed
};

class Error : public std::runtime_error {
public:
    Error(Exit code, const std::string& what) : std::runtime_error(what), code_(code) {}
    Exit code() const { return code_; }

private:
    Exit code_;
};

struct Refused : Error {
    explicit Refused(const std::string& what) : Error(Exit::Refused, what) {}
};
struct UsageError : Error {
    explicit UsageError(const std::string& what) : Error(Exit::Usage, what) {}
};
struct IntegrityError : Error {
    explicit IntegrityError(const std::string& what) : Error(Exit::Integrity, what) {}
};

// One problem in an input file, located as FILE:LINE[:COLUMN], naming the
// field when there is one: "members.csv:3:4: birth_date: '31/02/1990' is not a date".
struct Diagnostic {
    std::string file;
    std::size_t line = 0;    // 0: the file as a whole
    std::size_t column = 0;  // 0: the row as a whole
    std::string message;
    std::string field = {};  // the column's canonical name ("birth_date"), or empty

    std::string to_string() const;
};

// Bad input: every bad row found (up to a limit), and the total count.
class InputError : public Error {
public:
    explicit InputError(std::vector<Diagnostic> diagnostics, std::size_t total = 0);
    explicit InputError(Diagnostic d) : InputError(std::vector<Diagnostic>{std::move(d)}) {}
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
    std::size_t total() const { return total_; }

private:
    std::vector<Diagnostic> diagnostics_;
    std::size_t total_;
};

// Collects diagnostics while a file is read, keeping at most `limit` of them
// but counting all, so a user sees every bad row of a normal file and a
// summary line for a hopeless one.
class DiagnosticList {
public:
    explicit DiagnosticList(std::size_t limit = 100) : limit_(limit) {}
    void add(Diagnostic d);
    bool empty() const { return total_ == 0; }
    std::size_t total() const { return total_; }
    // Takes in `other`'s diagnostics; the list is then ordered by file and line.
    void merge(const DiagnosticList& other);
    // Throws InputError if anything was added.
    void throw_if_any() const;

private:
    std::size_t limit_;
    std::size_t total_ = 0;
    std::vector<Diagnostic> kept_;
};

}  // namespace daihoi
