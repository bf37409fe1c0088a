// Formatting of input diagnostics.
#include "core/error.hpp"

#include "core/base/i18n.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace daihoi {

std::string Diagnostic::to_string() const {
    std::string where = file;
    if (line) where += fmt::format(":{}", line);
    if (line && column) where += fmt::format(":{}", column);
    std::string what = field.empty() ? message : field + ": " + message;
    return where.empty() ? what : where + ": " + what;
}

static std::string summarize(const std::vector<Diagnostic>& ds, std::size_t total) {
    if (ds.empty()) return _("bad input");
    if (total <= 1) return ds.front().to_string();
    return _fn("{} problem in the input; nothing was changed", "{} problems in the input; nothing was changed",
               total, total);
}

InputError::InputError(std::vector<Diagnostic> diagnostics, std::size_t total)
    : Error(Exit::BadInput, summarize(diagnostics, total ? total : diagnostics.size())),
      diagnostics_(std::move(diagnostics)),
      total_(total ? total : diagnostics_.size()) {}

void DiagnosticList::add(Diagnostic d) {
    ++total_;
    if (kept_.size() < limit_) kept_.push_back(std::move(d));
}

void DiagnosticList::merge(const DiagnosticList& other) {
    if (other.empty()) return;
    total_ += other.total_;
    kept_.insert(kept_.end(), other.kept_.begin(), other.kept_.end());
    std::stable_sort(kept_.begin(), kept_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.line) < std::tie(b.file, b.line);
    });
    if (kept_.size() > limit_) kept_.resize(limit_);
}

void DiagnosticList::throw_if_any() const {
    if (total_) throw InputError(kept_, total_);
}

}  // namespace daihoi
