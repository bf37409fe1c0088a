// The ballot-entry line (election::parse_entry): what a person types at the
// counting terminal. The first byte gives the list's length (1–64) and the
// form (cross out / agree–disagree); the rest is the line.
#include "common.hpp"

#include "core/election/election.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace daihoi;
    if (size < 1) return 0;
    const int candidates = (data[0] & 63) + 1;
    const auto form = (data[0] & 64) ? election::Form::Agree : election::Form::Cross;
    std::string line(fuzz::bytes(data + 1, size - 1));
    fuzz::expect_clean([&] {
        election::EntryLine e = election::parse_entry(line, candidates, form);
        auto in_list = [&](const std::vector<int>& v) {
            for (int p : v)
                if (p < 1 || p > candidates) fuzz::finding("a position outside the list accepted");
        };
        in_list(e.crossed);
        in_list(e.disagree);
        in_list(e.both);
        in_list(e.neither);
        if (e.serial && *e.serial < 1) fuzz::finding("a serial below 1 accepted");
    });
    return 0;
}
