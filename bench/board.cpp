// bench-board — the counting room's screen under load (SPEC §13): four
// entry stations type ballots (each commit synced, as at a real terminal),
// first alone, then while a hundred browsers poll the board every second,
// then alone again. Prints the stations' time per ballot in each phase, the
// ratio of the phase with browsers to the two without (target: unchanged),
// and the board's answers: how many, their latency, and how many took more
// than 100 ms (target: none). The board is the real daihoi-board, started on
// a free port; the stations and browsers are threads of this program.
//
// usage: bench-board DAIHOI_BOARD WORKDIR [STATIONS] [BROWSERS] [SECONDS] [PACE_MS]
#include "core/db/workspace.hpp"
#include "core/election/election.hpp"
#include "core/registry/congress.hpp"
#include "core/registry/members.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace daihoi;
namespace el = daihoi::election;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kCandidates = 30, kSeats = 15;

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Stats {
    std::vector<double> v;
    long refused = 0;  // ballots a station could not enter (none expected)
    std::string first_refusal;
    double mean() const {
        double s = 0;
        for (double x : v) s += x;
        return v.empty() ? 0 : s / static_cast<double>(v.size());
    }
    double pct(double p) {
        if (v.empty()) return 0;
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
    }
};

// Each station types ballots for `seconds` into a pass of its own (station
// k, pass k), at its own connection, one each `pace_ms` (0: as fast as it
// can), numbered on from those of the phases before; returns every
// ballot's time.
int pace_ms = 0;
Stats stations(const std::string& db, int count, int seconds, int phase) {
    std::mutex m;
    Stats all;
    std::vector<std::thread> ts;
    for (int s = 0; s < count; ++s)
        ts.emplace_back([&, s] {
            auto ws = db::Workspace::open(db);
            std::mt19937 rng(static_cast<unsigned>(phase * 100 + s));
            std::vector<int> pos(kCandidates);
            for (int i = 0; i < kCandidates; ++i) pos[i] = i + 1;
            std::vector<double> mine;
            const auto end = Clock::now() + std::chrono::seconds(seconds);
            for (int b = 0; Clock::now() < end; ++b) {
                std::shuffle(pos.begin(), pos.end(), rng);
                std::string line = fmt::format("{}:", phase * 1'000'000 + b + 1);
                for (int i = 0; i < kCandidates - kSeats; ++i) line += fmt::format(" {}", pos[i]);
                const auto t0 = Clock::now();
                try {
                    el::enter_ballot(ws, "bch", s + 1, fmt::format("Máy {}", s + 1),
                                     el::parse_entry(line, kCandidates));
                } catch (const std::exception& e) {
                    std::lock_guard lock(m);
                    ++all.refused;
                    if (all.first_refusal.empty()) all.first_refusal = e.what();
                }
                mine.push_back(ms(Clock::now() - t0));
                if (pace_ms > 0) std::this_thread::sleep_until(t0 + std::chrono::milliseconds(pace_ms));
            }
            std::lock_guard lock(m);
            all.v.insert(all.v.end(), mine.begin(), mine.end());
        });
    for (auto& t : ts) t.join();
    return all;
}

void setup(const std::string& db, const std::string& dir) {
    registry::Congress c;
    c.name = "Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI";
    c.organization = "Đảng bộ tỉnh";
    c.level = registry::Level::Province;
    c.kind = registry::CongressKind::Delegates;
    c.term_start = 2025;
    c.term_end = 2030;
    c.date = {2025, 9, 1};
    auto ws = registry::init_congress(db, c);
    const std::string csv = dir + "/members.csv";
    {
        std::ofstream out(csv);
        out << "code,full_name,gender,birth_date,party_join_date,official_date\n";
        for (int i = 1; i <= kCandidates; ++i)
            out << fmt::format("DV{:04},Nguyễn Văn Thành {},M,1970-01-01,2000-01-01,2001-01-01\n", i, i);
    }
    registry::import_members(ws, csv, {});
    el::create(ws, {"bch", "Bầu Ban Chấp hành", kSeats, 0, "committee", "500"});
    std::vector<std::string> codes;
    for (int i = 1; i <= kCandidates; ++i) codes.push_back(fmt::format("DV{:04}", i));
    el::add_candidates(ws, "bch", codes, "committee");
    el::open(ws, "bch");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench-board DAIHOI_BOARD WORKDIR [STATIONS] [BROWSERS] [SECONDS] [PACE_MS]\n");
        return 2;
    }
    const std::string board_exe = argv[1], dir = argv[2];
    const int n_stations = std::clamp(argc > 3 ? std::atoi(argv[3]) : 4, 1, el::kMaxPass);
    const int n_browsers = argc > 4 ? std::atoi(argv[4]) : 100;
    const int seconds = std::max(1, argc > 5 ? std::atoi(argv[5]) : 10);  // a phase
    pace_ms = std::max(0, argc > 6 ? std::atoi(argv[6]) : 0);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string db = dir + "/w.db";
    setup(db, dir);

    // Phase 1: the stations alone.
    Stats alone1 = stations(db, n_stations, seconds, 0);

    // The board, as a hall runs it.
    int out[2];
    if (pipe(out) != 0) return 1;
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], 1);
        close(out[0]);
        execl(board_exe.c_str(), board_exe.c_str(), "--db", db.c_str(), "--listen", "127.0.0.1:0", "--json",
              "--quiet", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(out[1]);
    std::string printed;  // the JSON it prints once listening
    char c;
    while (!nlohmann::json::accept(printed) && read(out[0], &c, 1) == 1) printed += c;
    const int port = nlohmann::json::parse(printed).at("port").get<int>();

    // Phase 2: the stations while the browsers poll.
    std::atomic<bool> done{false};
    std::mutex m;
    Stats answers;
    std::atomic<long> failed{0};
    std::vector<std::thread> browsers;
    for (int b = 0; b < n_browsers; ++b)
        browsers.emplace_back([&, b] {
            httplib::Client cl("127.0.0.1", port);
            cl.set_connection_timeout(5);
            std::string etag;
            std::vector<double> mine;
            // Each browser starts at its own moment of the second.
            std::this_thread::sleep_for(std::chrono::milliseconds(b * 1000 / std::max(1, n_browsers)));
            auto next = Clock::now();
            for (int k = 0; !done; ++k) {
                const auto t0 = Clock::now();
                httplib::Headers h;
                if (!etag.empty()) h.emplace("If-None-Match", etag);
                auto r = k == 0 ? cl.Get("/") : cl.Get("/state.json", h);
                mine.push_back(ms(Clock::now() - t0));
                if (!r || (r->status != 200 && r->status != 304)) ++failed;
                else if (k > 0 && r->status == 200) etag = r->get_header_value("ETag");
                next += std::chrono::seconds(1);
                while (!done && Clock::now() < next) std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            std::lock_guard lock(m);
            answers.v.insert(answers.v.end(), mine.begin(), mine.end());
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // every browser polling
    Stats watched = stations(db, n_stations, seconds, 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the board shows the last ballots
    done = true;
    for (auto& t : browsers) t.join();
    // The board's own CPU time, from /proc (utime and stime, fields 14 and 15).
    double board_cpu_s = 0;
    {
        std::ifstream stat(fmt::format("/proc/{}/stat", pid));
        std::string all((std::istreambuf_iterator<char>(stat)), {});
        std::istringstream rest(all.substr(all.rfind(')') + 2));
        std::string f;
        long ticks = 0;
        for (int i = 3; i <= 15 && rest >> f; ++i)
            if (i >= 14) ticks += std::stol(f);
        board_cpu_s = static_cast<double>(ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
    }
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);

    // Phase 3: the stations alone again (the disk and the machine drift).
    Stats alone2 = stations(db, n_stations, seconds, 2);

    Stats alone = alone1;
    alone.v.insert(alone.v.end(), alone2.v.begin(), alone2.v.end());
    alone.refused += alone2.refused;
    const long refused = alone.refused + watched.refused;
    const std::string why = !alone1.first_refusal.empty() ? alone1.first_refusal
                            : !watched.first_refusal.empty() ? watched.first_refusal
                                                             : alone2.first_refusal;
    const long slow = std::count_if(answers.v.begin(), answers.v.end(), [](double x) { return x > 100; });
    fmt::print("daihoi board benchmark: {} stations typing {} for {} s a phase ({} ballots in all), {} browsers "
               "polling every second, {} cores\n",
               n_stations, pace_ms ? fmt::format("a ballot every {} ms", pace_ms) : std::string("as fast as they can"),
               seconds, alone.v.size() + watched.v.size(), n_browsers, std::thread::hardware_concurrency());
    const double alone_mean = alone.mean(), watched_mean = watched.mean();
    fmt::print("  stations alone (before, after)   mean {:6.2f} ms a ballot  p50 {:6.2f} ms  p95 {:6.2f} ms\n",
               alone_mean, alone.pct(0.5), alone.pct(0.95));
    fmt::print("  stations with the browsers       mean {:6.2f} ms a ballot  p50 {:6.2f} ms  p95 {:6.2f} ms\n",
               watched_mean, watched.pct(0.5), watched.pct(0.95));
    fmt::print("  ratio with / without             {:6.2f}  (target: unchanged, <= 1.25)\n",
               watched_mean / alone_mean);
    fmt::print("  board answers {:6}  p50 {:.2f} ms  p99 {:.2f} ms  max {:.2f} ms  over 100 ms: {}  failed: {}  "
               "(target: none over 100 ms)\n",
               answers.v.size(), answers.pct(0.5), answers.pct(0.99), answers.pct(1.0), slow, failed.load());
    fmt::print("  the board's own CPU time          {:.2f} s over the {} s of the browsers' phase\n", board_cpu_s,
               seconds + 3);
    if (refused) fmt::print("  ballots refused: {} (the first: {})\n", refused, why);
    const bool ok = refused == 0 && slow == 0 && failed == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) fmt::print("  the board did not stop cleanly ({})\n", status);
    return ok ? 0 : 1;
}
