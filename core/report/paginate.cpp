// The page breaks of a printed paper (paginate.hpp).
#include "core/report/paginate.hpp"

namespace daihoi::report {

namespace {

// allowed[i]: may a page start at block i (a break between i-1 and i)?
std::vector<bool> allowed_breaks(const std::vector<Block>& b) {
    const std::size_t n = b.size();
    std::vector<bool> allowed(n, true);
    if (n) allowed[0] = false;
    for (std::size_t i = 1; i < n; ++i) {
        if (b[i - 1].keep_with_next) allowed[i] = false;
        if (b[i].role == BlockRole::Closing) allowed[i] = false;  // with what comes before it
    }
    // Runs of rows: break only with two rows or more on each side.
    for (std::size_t i = 0; i < n;) {
        if (b[i].role != BlockRole::Row) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < n && b[end].role == BlockRole::Row && b[end].group == b[i].group) ++end;
        for (std::size_t k = i + 1; k < end; ++k)
            if (k - i < 2 || end - k < 2) allowed[k] = false;
        i = end;
    }
    return allowed;
}

}  // namespace

std::vector<std::size_t> paginate(const std::vector<Block>& blocks, double page_height) {
    std::vector<std::size_t> starts{0};
    const std::vector<bool> allowed = allowed_breaks(blocks);
    std::size_t start = 0;
    double y = blocks.empty() ? 0 : blocks[0].repeat;
    for (std::size_t j = 0; j < blocks.size(); ++j) {
        const Block& b = blocks[j];
        double need = (j == start ? 0 : b.space_before) + b.height;
        if (j == start || y + need <= page_height) {
            y += need;
            continue;
        }
        // The latest break on this page the rules allow; none: where it overflows.
        std::size_t at = j;
        for (std::size_t k = j; k > start; --k)
            if (allowed[k]) {
                at = k;
                break;
            }
        starts.push_back(at);
        start = at;
        y = blocks[at].repeat;
        j = at - 1;  // lays out from `at` again on the new page
    }
    return starts;
}

}  // namespace daihoi::report
