// Standard sets (core/standards/standard_set.cpp): any text as a set's TOML
// file, parsed and, when it parses, described and printed as JSON.
#include "common.hpp"

#include "core/standards/standard_set.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace daihoi;
    std::string_view text = fuzz::bytes(data, size);
    fuzz::expect_clean([&] {
        standards::StandardSet set = standards::parse_standard_set(text, "fuzz.toml");
        for (const auto& c : set.criteria) (void)standards::describe(c);
        (void)standards::to_json(set, standards::Origin::File).dump();
    });
    return 0;
}
