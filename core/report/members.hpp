// The `members` report: the registry as a list, filtered and ordered like
// `daihoi members list`; CSV/JSON keys are the import columns, so a CSV
// export imports back with `daihoi members import`.
#pragma once

#include "core/report/kinds.hpp"

namespace daihoi::report {

ReportKind members_kind();

}  // namespace daihoi::report
