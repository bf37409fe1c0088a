// daihoi: the dispatcher. `daihoi <tool> ARGS…` runs daihoi-<tool> found next
// to this binary, then on PATH, with ARGS unchanged, like git (SPEC §1).
#include <fmt/format.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Tool {
    std::string_view name, summary;
};

// The one table of tools: `daihoi --help` lists it in this order.
constexpr Tool kTools[] = {
    {"congress", "the congress: init, show, set"},
    {"members", "registry of party members"},
    {"delegates", "apportionment, delegates convened, attendance, quorum, credentials"},
    {"election", "candidate lists, ballots, tally, close, seal"},
    {"standards", "candidate standards and structure targets"},
    {"report", "print-ready Excel, CSV and JSON reports"},
    {"audit", "the hash-chained audit log: log, verify, export"},
    {"sample", "deterministic synthetic congress data"},
};

int usage_error(const std::string& message) {
    fmt::print(stderr, "daihoi: error: {}; see 'daihoi --help'\n", message);
    return 2;
}

void print_help() {
    fmt::print(
        "usage: daihoi [--version] [--help] <tool> [<args>]\n"
        "       daihoi help <tool>\n"
        "\n"
        "The organizing committee's toolkit for a Party congress. The tools:\n"
        "\n");
    for (const Tool& t : kTools) fmt::print("  {:<11}{}\n", t.name, t.summary);
    fmt::print(
        "\n"
        "Every tool takes --db FILE (default $DAIHOI_DB, else ./daihoi.db), --json and --quiet.\n"
        "'daihoi help <tool>' shows a tool's options, 'man daihoi-<tool>' its manual,\n"
        "and 'man 7 daihoi' walks through a whole congress.\n");
}

bool executable(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
           ::access(path.c_str(), X_OK) == 0;
}

// daihoi-<tool> next to this binary, else on PATH.
std::optional<std::string> find_tool(std::string_view tool) {
    const std::string file = "daihoi-" + std::string(tool);
    char self[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        std::string dir(self, static_cast<std::size_t>(n));
        dir.erase(dir.rfind('/') + 1);
        if (executable(dir + file)) return dir + file;
    }
    const char* path = std::getenv("PATH");
    std::string_view rest = path ? path : "";
    while (path) {
        std::size_t colon = rest.find(':');
        std::string_view entry = rest.substr(0, colon);
        std::string candidate =
            (entry.empty() ? std::string(".") : std::string(entry)) + "/" + file;
        if (executable(candidate)) return candidate;
        if (colon == std::string_view::npos) break;
        rest.remove_prefix(colon + 1);
    }
    return std::nullopt;
}

bool known(std::string_view name) {
    for (const Tool& t : kTools)
        if (t.name == name) return true;
    return false;
}

// A plain word, so that `daihoi ../x` cannot run anything but daihoi-*.
bool plausible(std::string_view name) {
    if (name.empty() || name.front() == '-') return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

std::optional<std::string> locate(std::string_view tool, int& status) {
    if (!plausible(tool)) {
        status = usage_error(fmt::format("'{}' is not a daihoi tool", tool));
        return std::nullopt;
    }
    auto path = find_tool(tool);
    if (!path) {
        if (known(tool)) {
            fmt::print(
                stderr,
                "daihoi: error: daihoi-{} is not installed (looked next to daihoi and on PATH)\n",
                tool);
            status = 1;
        } else {
            status = usage_error(fmt::format("'{}' is not a daihoi tool", tool));
        }
    }
    return path;
}

// `daihoi help TOOL`: the tool's --help, then where the manual is.
int help(std::string_view tool) {
    int status = 0;
    auto path = locate(tool, status);
    if (!path) return status;
    std::string argv0 = "daihoi-" + std::string(tool);
    char* args[] = {argv0.data(), const_cast<char*>("--help"), nullptr};
    std::fflush(stdout);
    pid_t pid = ::fork();
    if (pid < 0) {
        fmt::print(stderr, "daihoi: error: cannot run {}: {}\n", *path, std::strerror(errno));
        return 1;
    }
    if (pid == 0) {
        ::execv(path->c_str(), args);
        _exit(127);
    }
    int ws = 0;
    while (::waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
    }
    fmt::print("The full manual: man daihoi-{}\n", tool);
    return WIFEXITED(ws) ? WEXITSTATUS(ws) : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        print_help();
        return 0;
    }
    const std::string_view first = argv[1];
    if (first == "--help" || first == "-h") {
        print_help();
        return 0;
    }
    if (first == "--version") {
        fmt::print("daihoi {}\n", DAIHOI_VERSION);
        return 0;
    }
    if (first == "help") {
        if (argc == 2) {
            print_help();
            return 0;
        }
        if (argc > 3) return usage_error("'help' takes one tool");
        return help(argv[2]);
    }
    if (first.starts_with('-')) return usage_error(fmt::format("unknown option '{}'", first));

    int status = 0;
    auto path = locate(first, status);
    if (!path) return status;
    std::string argv0 = "daihoi-" + std::string(first);
    std::vector<char*> args{argv0.data()};
    for (int i = 2; i < argc; ++i) args.push_back(argv[i]);
    args.push_back(nullptr);
    ::execv(path->c_str(), args.data());
    fmt::print(stderr, "daihoi: error: cannot run {}: {}\n", *path, std::strerror(errno));
    return 1;
}
