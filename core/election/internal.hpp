// Shared by the files of core/election only: the phase checks every change
// makes, and the pass numbers every command takes.
#pragma once

#include "core/election/election.hpp"

namespace daihoi::election::detail {

// What a change would do, so that a refusal is one whole sentence.
enum class Action { ChangeCandidates, Open, EnterBallots, RemoveBallot, RecordCounts, Close, Seal };

// Refused (exit 1) unless `e` is in phase `wanted`, saying what cannot be
// done, the election's phase, and what to do instead.
void require_phase(const Election& e, Phase wanted, Action action);

// A usage error (exit 2) for a pass outside 1…kMaxPass.
void check_pass(int pass);

}  // namespace daihoi::election::detail
