// Formatting of input diagnostics.
#include "core/error.hpp"

#include <fmt/format.h>

namespace daihoi {

std::string Diagnostic::to_string() const {
    std::string where = file;
    if (line) where += fmt::format(":{}", line);
    if (line && column) where += fmt::format(":{}", column);
    return where.empty() ? message : where + ": " + message;
}

static std::string summarize(const std::vector<Diagnostic>& ds, std::size_t total) {
    if (ds.empty()) return "bad input";
    if (total <= 1) return ds.front().to_string();
    return fmt::format("{} problems in the input; nothing was changed", total);
}

InputError::InputError(std::vector<Diagnostic> diagnostics, std::size_t total)
    : Error(Exit::BadInput, summarize(diagnostics, total ? total : diagnostics.size())),
      diagnostics_(std::move(diagnostics)),
      total_(total ? total : diagnostics_.size()) {}

void DiagnosticList::add(Diagnostic d) {
    ++total_;
    if (kept_.size() < limit_) kept_.push_back(std::move(d));
}

void DiagnosticList::throw_if_any() const {
    if (total_) throw InputError(kept_, total_);
}

}  // namespace daihoi
