// The ballot paper's content from the workspace (ballot.cpp): what
// core/paper prints and the scanner reads back.
#pragma once

#include "core/paper/ballot_paper.hpp"

#include <SQLiteCpp/Database.h>

#include <string>

namespace daihoi::report {

// The paper of election `election_id` in its words (the labels of `lang`,
// Vietnamese by default: the paper's own language): the heading from the
// congress, the title, the places, the round after the first, the list in
// ballot order, how to vote, and the code — the round;
// hash20(congress name \x1f organization \x1f election ID); and
// hash20(form \x1f seats \x1f reserves, then for each name in ballot order
// \x1e code \x1f name). Refused, as the .xlsx ballot, for an election still
// in setup (its ballot positions not yet assigned), and for a round past 15.
paper::BallotContent ballot_paper(SQLite::Database& db, const std::string& election_id,
                                  const std::string& lang = "vi");

}  // namespace daihoi::report
