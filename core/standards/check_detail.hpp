// Inside core/standards: what the check of a list (check.cpp) and of the
// whole registry (check_all.cpp) share.
#pragma once

#include "core/standards/check.hpp"

namespace daihoi::standards::detail {

// evaluate() into a reused vector: its strings keep their capacity.
void evaluate_into(const StandardSet& set, const registry::Member& m, const Records& records,
                   const text::Date& as_of, const Flags* flags, std::vector<Outcome>& out);

// Whether the set reads grades (and over how many years at most) or discipline.
bool needs_grades(const StandardSet& set, int* max_years);
bool needs_discipline(const StandardSet& set);

// --all: the whole registry in name order, in bounded memory.
void check_all(SQLite::Database& db, const StandardSet& set, const CheckOptions& opt,
               CheckSink& sink);

}  // namespace daihoi::standards::detail
