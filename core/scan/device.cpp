#include "core/scan/device.hpp"

#include "core/base/i18n.hpp"
#include "core/election/scanned.hpp"
#include "core/error.hpp"
#include "core/scan/image_io.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace daihoi::scan {

namespace fs = std::filesystem;

namespace {

// Why scanimage stopped: its first error line ("scanimage: open of device x
// failed: Invalid argument", without its name) — what follows it, such as
// "trying to stop scanner", comes and goes with the timing — else its last line.
std::string why_stopped(const std::string& text) {
    std::string last, error, line;
    for (char c : text + "\n") {
        if (c != '\n' && c != '\r') {
            line += c;
            continue;
        }
        if (line.rfind("scanimage: ", 0) == 0 && error.empty()) error = line.substr(11);
        if (line.find_first_not_of(" \t") != std::string::npos) last = line;
        line.clear();
    }
    return error.empty() ? last : error;
}

struct Run {
    int status = -1;     // the exit status; -1 killed or not run
    bool missing = false;  // the program is not installed
    std::string err;     // what it wrote to its standard error
};

Run run(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw Refused(_f("cannot start {}: {}", args[0], std::strerror(errno)));
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDERR_FILENO);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    ::close(fds[1]);
    Run r;
    if (rc != 0) {
        ::close(fds[0]);
        r.missing = rc == ENOENT;
        if (!r.missing) throw Refused(_f("cannot start {}: {}", args[0], std::strerror(rc)));
        return r;
    }
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        r.err.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

}  // namespace

std::vector<fs::path> feed(const FeedOptions& o, const fs::path& dir) {
    make_empty_folder(dir);
    // Grey at the reading resolution, PNG (lossless: the image kept is the
    // scanner's own), one file a sheet side, numbered in the order fed.
    std::vector<std::string> args = {"scanimage", "--device-name=" + o.device};
    if (!o.source.empty()) args.push_back("--source=" + o.source);
    args.insert(args.end(), {"--mode=Gray", "--resolution=" + std::to_string(o.dpi), "--format=png",
                             "--batch=" + (dir / "page-%04d.png").string()});
    const Run r = run(args);
    if (r.missing)
        throw Refused(_("scanimage is not installed: the scanner is driven by SANE (Debian package sane-utils)"));
    std::vector<fs::path> pages;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".png") pages.push_back(e.path());
    std::sort(pages.begin(), pages.end());
    // scanimage stops its batch when the feeder runs out, and says so; any
    // other end is the scanner's failure.
    if (r.status != 0 && pages.empty())
        throw Refused(_f("the scanner {} failed: {}", o.device, why_stopped(r.err)));
    if (r.status != 0)
        throw Refused(_f("the scanner {} stopped after {} pages: {} (the pages fed are in {})", o.device,
                         pages.size(), why_stopped(r.err), dir.string()));
    if (pages.empty())
        throw Refused(_f("no page came out of the feeder of {}: is the stack in it? ({})", o.device,
                         why_stopped(r.err)));
    return pages;
}

fs::path default_feed_folder(const std::string& id, int pass) {
    return fmt::format("scan-{}-p{}-{:%Y%m%d-%H%M%S}", id, pass, fmt::localtime(std::time(nullptr)));
}

std::vector<fs::path> feed_for(SQLite::Database& db, const std::string& id, int pass, const FeedOptions& o,
                               const fs::path& dir, const std::function<void()>& on_feeding) {
    election::check_scan(db, id, pass);
    if (on_feeding) on_feeding();
    return feed(o, dir);
}

}  // namespace daihoi::scan
