// bench-gen_ballots — writes N ballots for a list of C candidates and S seats
// as `serial,crossed,flag` (the import format), deterministic. Each voter
// crosses C − S names (a full ballot); one in 500 crosses fewer (an
// over-vote), one in 1000 is flagged. Usage: bench-gen_ballots N C S > FILE
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: bench-gen_ballots BALLOTS CANDIDATES SEATS\n");
        return 2;
    }
    long n = std::atol(argv[1]);
    int c = std::atoi(argv[2]), s = std::atoi(argv[3]);
    std::uint64_t x = 88172645463325252ull;
    auto rnd = [&] { x ^= x << 13, x ^= x >> 7, x ^= x << 17; return x; };
    std::vector<int> order(static_cast<std::size_t>(c));
    std::string out = "serial,crossed,flag\n";
    for (long i = 1; i <= n; ++i) {
        for (int k = 0; k < c; ++k) order[static_cast<std::size_t>(k)] = k + 1;
        int cross = c - s - (i % 500 == 0 ? 3 : 0);
        // Partial Fisher–Yates: the first `cross` entries, biased to the list's end.
        for (int k = 0; k < cross; ++k) {
            int j = k + static_cast<int>(rnd() % static_cast<std::uint64_t>(c - k));
            if (rnd() % 4 == 0) j = c - 1 - static_cast<int>(rnd() % static_cast<std::uint64_t>(c - k));
            std::swap(order[static_cast<std::size_t>(k)], order[static_cast<std::size_t>(j)]);
        }
        out += std::to_string(i);
        out += ',';
        for (int k = 0; k < cross; ++k) {
            if (k) out += ' ';
            out += std::to_string(order[static_cast<std::size_t>(k)]);
        }
        out += i % 1000 == 0 ? ",unissued\n" : ",\n";
        if (out.size() > (1 << 20)) {
            std::fwrite(out.data(), 1, out.size(), stdout);
            out.clear();
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
}
