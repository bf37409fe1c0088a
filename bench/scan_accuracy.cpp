// bench-scan_accuracy — the reader against the 2002 US voting-system
// standard's accuracy volume (a scanner passes outright after 1,549,703
// ballot positions read without one error): test-deck pages made in memory
// (core/scan/deck: pen strokes of known truth, the faults of paper and
// scanners, odd ballots that must be held), read by the reader, every page
// compared with its truth. Prints positions read, wrong automatic decisions
// (must be 0), pages and rows held, by fault kind. Not a test: a benchmark.
//
// usage: bench-scan_accuracy [--positions N] [--chunk PAGES] [--seed S] [--threads T] [--first CHUNK]
#include "core/scan/deck.hpp"
#include "core/scan/image_io.hpp"
#include "core/scan/reader.hpp"

#include <opencv2/core.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace paper = daihoi::paper;
namespace sc = daihoi::scan;

namespace {

struct Tally {
    long pages = 0, accepted = 0, held = 0, rejected = 0, blank = 0, wrong = 0, positions = 0, rows_held = 0;
};

}  // namespace

int main(int argc, char** argv) {
    long want = 1'549'703;
    int chunk = 400;
    std::uint64_t seed = 1;
    long first = 0;  // the first chunk (to replay one)
    int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--positions")) want = std::atol(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--chunk")) chunk = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--seed")) seed = std::strtoull(argv[i + 1], nullptr, 10);
        else if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--first")) first = std::atol(argv[i + 1]);
    }
    cv::setNumThreads(1);
    struct Paper {
        paper::BallotContent c;
        std::unique_ptr<sc::Reader> reader;
        const char* name;
    };
    std::vector<Paper> papers;
    papers.push_back({sc::sample_content(55, false, 1), nullptr, "A4, 55 names"});
    papers.push_back({sc::sample_content(30, false, 2), nullptr, "A5, 30 names"});
    papers.push_back({sc::sample_content(12, false, 3), nullptr, "A5, 12 names"});
    papers.push_back({sc::sample_content(10, true, 4), nullptr, "A5, agree, 10 names"});
    for (auto& p : papers) p.reader = std::make_unique<sc::Reader>(p.c);
    // --read FILE K: one page read against paper K (0…3), every row printed
    // (to look at a failure the run dumped).
    for (int i = 1; i + 2 < argc; ++i)
        if (!std::strcmp(argv[i], "--read")) {
            sc::Page page;
            sc::for_each_page(argv[i + 1], [&](sc::Page&& p) { page = std::move(p); });
            const auto r = papers[static_cast<std::size_t>(std::atoi(argv[i + 2]))].reader->read(page.image, page.dpi);
            std::printf("%s %s %s\n", sc::code(r.status), r.reason.c_str(), r.detail.c_str());
            for (const auto& row : r.rows)
                std::printf("%3d %-9s score %4d boxes %4d %4d stray %.1f %s\n", row.position, row.decision.c_str(),
                            row.score, row.agree_score, row.disagree_score, row.stray_mm2, row.why.c_str());
            return 0;
        }
    // Chunks in turn: 55 names, 30, 55, 30, 12, agree 10 …
    const int order[] = {0, 1, 0, 1, 2, 3};

    std::map<std::string, Tally> by_kind;
    std::map<std::string, long> causes;  // of the doubtful rows of ordinary pages
    std::mutex m;
    Tally all;
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::string> failures;
    for (long round = first; all.positions < want; ++round) {
        const Paper& p = papers[static_cast<std::size_t>(order[round % 6])];
        sc::DeckOptions o;
        o.count = chunk;
        o.seed = seed * 1'000'003 + static_cast<std::uint64_t>(round);
        const sc::DeckMaker maker(p.c, o);
        std::atomic<int> next{1};
        auto work = [&] {
            sc::GrayImage img;
            for (int n; (n = next++) <= chunk;) {
                int quality = 0;
                sc::DeckPage d = maker.page(n, img, quality);
                if (quality) img = sc::decode_jpeg(sc::encode_jpeg(img, quality, o.dpi));
                const sc::PageReading r = p.reader->read(img, o.dpi);
                const std::string kind = d.fault.empty() ? (d.odd.empty() ? d.kind : d.odd) : d.fault;
                Tally t;
                t.pages = 1;
                switch (r.status) {
                    case sc::PageStatus::Accepted: t.accepted = 1; break;
                    case sc::PageStatus::Held: t.held = 1; break;
                    case sc::PageStatus::Rejected: t.rejected = 1; break;
                    case sc::PageStatus::Blank: t.blank = 1; break;
                }
                t.rows_held = static_cast<long>(r.doubtful.size());
                std::string failure;
                if (r.status == sc::PageStatus::Accepted) {
                    t.positions = static_cast<long>(r.rows.size());
                    auto sorted = [](std::vector<int> v) {
                        std::sort(v.begin(), v.end());
                        return v;
                    };
                    const bool same = sorted(r.crossed) == sorted(d.crossed) && sorted(r.disagree) == sorted(d.disagree) &&
                                      sorted(r.both) == sorted(d.both) && sorted(r.neither) == sorted(d.neither);
                    if (d.expect != "accepted" || !same) {
                        // Every row of the page counts as wrong at most once: the
                        // rows that differ (or all, for a page that had to be held).
                        t.wrong = 1;
                        failure = "seed " + std::to_string(o.seed) + " page " + std::to_string(n) + " (" + p.name +
                                  ", " + kind + "): accepted but " +
                                  (d.expect != "accepted" ? "must be " + d.expect : "misread");
                    }
                } else if (r.status == sc::PageStatus::Blank && d.expect != "skipped") {
                    failure = "seed " + std::to_string(o.seed) + " page " + std::to_string(n) + ": skipped as blank";
                } else if (r.status == sc::PageStatus::Rejected) {
                    failure = "seed " + std::to_string(o.seed) + " page " + std::to_string(n) + ": rejected (" + r.reason + ")";
                }
                if (const char* dir = std::getenv("DAIHOI_BENCH_DUMP_HELD"); dir && d.kind == "ordinary" &&
                                                                           r.status == sc::PageStatus::Held)
                    sc::write_file(std::string(dir) + "/" + std::to_string(o.seed) + "-" + std::to_string(n) + "-" +
                                       std::to_string(order[round % 6]) + ".png",
                                   sc::encode_png(img, o.dpi));
                std::lock_guard lock(m);
                if (d.kind == "ordinary")
                    for (const auto& row : r.rows)
                        if (row.decision == "doubtful") ++causes[row.cause];
                auto add = [&](Tally& x) {
                    x.pages += t.pages, x.accepted += t.accepted, x.held += t.held, x.rejected += t.rejected;
                    x.blank += t.blank, x.wrong += t.wrong, x.positions += t.positions, x.rows_held += t.rows_held;
                };
                add(by_kind[kind]);
                add(all);
                if (!failure.empty()) {
                    std::fprintf(stderr, "\nFAIL %s\n", failure.c_str());
                    // The page itself, to look at (DAIHOI_BENCH_DUMP=DIR).
                    if (const char* dir = std::getenv("DAIHOI_BENCH_DUMP"))
                        sc::write_file(std::string(dir) + "/" + std::to_string(o.seed) + "-" + std::to_string(n) + "-" +
                                           kind + ".png",
                                       sc::encode_png(img, o.dpi));
                    failures.push_back(failure);
                }
            }
        };
        std::vector<std::thread> pool;
        for (int i = 0; i < threads; ++i) pool.emplace_back(work);
        for (auto& th : pool) th.join();
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::fprintf(stderr, "\r%ld pages, %ld positions, %ld wrong, %.0f s", all.pages, all.positions, all.wrong, s);
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "\n");
    std::printf("%-24s %8s %9s %7s %9s %6s %7s %11s %10s\n", "kind", "pages", "accepted", "held", "rejected", "blank",
                "wrong", "positions", "rows held");
    for (const auto& [kind, t] : by_kind)
        std::printf("%-24s %8ld %9ld %7ld %9ld %6ld %7ld %11ld %10ld\n", kind.c_str(), t.pages, t.accepted, t.held,
                    t.rejected, t.blank, t.wrong, t.positions, t.rows_held);
    const Tally& o = by_kind["ordinary"];
    std::printf("pages %ld in %.0f s (%d threads); row positions read on accepted pages %ld (target 1,549,703); "
                "wrong automatic decisions %ld; ordinary pages accepted %.2f %%\n",
                all.pages, s, threads, all.positions, all.wrong, o.pages ? 100.0 * o.accepted / o.pages : 0.0);
    std::printf("doubtful rows of ordinary pages, by cause:");
    for (const auto& [cause, n] : causes) std::printf(" %s %ld", cause.c_str(), n);
    std::printf("\n");
    for (std::size_t i = 0; i < failures.size() && i < 50; ++i) std::printf("FAIL %s\n", failures[i].c_str());
    return all.wrong == 0 && failures.empty() ? 0 : 1;
}
