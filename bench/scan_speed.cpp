// bench-scan_speed — how fast pages are read (SPEC §11): milliseconds a page
// on one core to decode and read every page of a folder, against merely
// decoding the same files (the reference), and pages a second with every
// core. Run by bench/scan.sh.
//
// usage: bench-scan_speed decode DIR
//        bench-scan_speed read WORKSPACE ID DIR [THREADS]
#include "core/db/workspace.hpp"
#include "core/scan/image_io.hpp"
#include "core/scan/reader.hpp"
#include "core/scan/scan.hpp"

#include <opencv2/core.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace sc = daihoi::scan;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench-scan_speed decode DIR | read WORKSPACE ID DIR [THREADS]\n");
        return 2;
    }
    cv::setNumThreads(1);
    const bool decode_only = !std::strcmp(argv[1], "decode");
    if (!decode_only && argc < 5) return 2;
    const auto files = sc::expand_paths({decode_only ? argv[2] : argv[4]});
    std::unique_ptr<sc::Reader> reader;
    if (!decode_only) {
        auto ws = daihoi::db::Workspace::open(argv[2]);
        reader = std::make_unique<sc::Reader>(sc::paper_of(ws.db(), argv[3]));
    }
    const int threads = !decode_only && argc > 5 ? std::atoi(argv[5]) : 1;
    std::atomic<std::size_t> next{0};
    std::atomic<long> pages{0}, accepted{0};
    const auto start = std::chrono::steady_clock::now();
    auto work = [&] {
        for (std::size_t i; (i = next++) < files.size();)
            sc::for_each_page(files[i], [&](sc::Page&& p) {
                ++pages;
                if (reader) accepted += reader->read(p.image, p.dpi).status == sc::PageStatus::Accepted;
            });
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work);
    for (auto& t : pool) t.join();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("pages=%ld threads=%d wall_s=%.3f ms_per_page=%.2f pages_per_s=%.1f accepted=%ld\n", pages.load(),
                threads, s, 1000 * s / static_cast<double>(pages), static_cast<double>(pages) / s, accepted.load());
    return 0;
}
