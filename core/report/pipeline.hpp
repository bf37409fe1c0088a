// Runs a table's row source on a producer thread while the calling thread
// renders: reading SQLite and writing .xlsx overlap on two cores. Internal to
// core/report.
#pragma once

#include "core/report/report.hpp"

#include <functional>

namespace daihoi::report {

// Calls `consume` on the calling thread for every row `source` emits, in
// order. Rows travel in recycled batches, so their strings keep their
// capacity. An exception on either side stops both and is rethrown here.
void pump_rows(const RowSource& source, const std::function<void(const Row&)>& consume);

}  // namespace daihoi::report
