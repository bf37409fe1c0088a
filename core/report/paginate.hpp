// Where the pages of a printed paper break: a pure function from blocks
// (their heights and what they are) to the first block of every page, so
// that the rules a Party office checks on a signed paper are kept in one
// place and tested without drawing anything (tests/unit/test_paginate.cpp):
//   - a block marked keep_with_next (a caption, a table's header, the line
//     that introduces a table) is never the last on a page;
//   - a table's rows break only where at least two rows stay on each side:
//     no page holds a single row of a table at its top or its bottom;
//   - the closing block (the signatures) stays whole and on the page of the
//     block before it — with the rule above, at least the last two rows;
//   - a page that starts inside a table's rows repeats its header (`repeat`
//     points), and only rows do: a chart never starts under an empty header;
//   - `space_before` is dropped at the top of a page.
// A block taller than the page is the caller's to avoid (a chart is drawn to
// fit); when the rules cannot all be kept (a chain longer than a page), the
// page breaks where it overflows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace daihoi::report {

enum class BlockRole : std::uint8_t { Other, Row, Closing };

struct Block {
    double height = 0;        // points
    double space_before = 0;  // points above it, unless it starts a page
    double repeat = 0;        // points drawn above it when it starts a page (its table's header)
    bool keep_with_next = false;
    BlockRole role = BlockRole::Other;
    int group = 0;  // rows: which table they belong to (consecutive rows of one group are one table)
};

// The index of the first block of each page, in order; {0} for a paper of
// one page (and for no blocks at all).
std::vector<std::size_t> paginate(const std::vector<Block>& blocks, double page_height);

}  // namespace daihoi::report
