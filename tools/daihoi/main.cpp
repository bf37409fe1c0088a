// daihoi: the dispatcher. `daihoi <tool> ARGS…` runs daihoi-<tool> found next
// to this binary, then on PATH, with ARGS unchanged, like git (SPEC §1). The
// list of tools and their summaries is core's (cli::tools()), the one the
// tools print themselves.
#include "core/base/i18n.hpp"
#include "core/cli/cli.hpp"
#include "core/cli/completion.hpp"
#include "core/text/utf8.hpp"

#include <fmt/format.h>

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

using namespace daihoi;

namespace {

int usage_error(const std::string& message) {
    fmt::print(stderr, "daihoi: {}: {}\n", _("error"), message);
    fmt::print(stderr, "{}\n", _("See 'daihoi --help'."));
    return 2;
}

void print_help() {
    // The second line under the first, whatever the width of "usage: " in the reader's language.
    std::string usage = _("usage: daihoi [--lang vi|en] [--version] [--help] <tool> [<args>]");
    std::size_t indent = text::display_width(usage.substr(0, usage.find("daihoi")));
    fmt::print("{}\n{}daihoi help <{}>\n\n{}\n\n", usage, std::string(indent, ' '), _("tool"),
               _("The organizing committee's toolkit for a Party congress. The tools:"));
    for (const auto& t : cli::tools()) fmt::print("  {:<11}{}\n", t.name, _(t.summary));
    fmt::print("\n{}\n", _("Every tool takes --db FILE (default $DAIHOI_DB, else ./daihoi.db), --json, --quiet and\n"
                           "--lang. 'daihoi help <tool>' shows a tool's options, 'man daihoi-<tool>' its manual,\n"
                           "and 'man 7 daihoi' walks through a whole congress."));
}

bool known(std::string_view name) {
    for (const auto& t : cli::tools())
        if (t.name == name) return true;
    return false;
}

std::optional<std::string> locate(std::string_view tool, int& status) {
    if (!cli::plausible_tool_name(tool)) {
        status = usage_error(_f("'{}' is not a daihoi tool", tool));
        return std::nullopt;
    }
    auto path = cli::find_tool(tool);
    if (!path) {
        if (known(tool)) {
            fmt::print(stderr, "daihoi: {}: {}\n", _("error"),
                       _f("daihoi-{} is not installed (looked next to daihoi and on PATH)", tool));
            status = 1;
        } else {
            status = usage_error(_f("'{}' is not a daihoi tool", tool));
        }
    }
    return path;
}

int run(const std::string& path, std::vector<std::string> args) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::fflush(stdout);
    ::execv(path.c_str(), argv.data());
    fmt::print(stderr, "daihoi: {}: {}\n", _("error"), _f("cannot run {}: {}", path, std::strerror(errno)));
    return 1;
}

// `daihoi help TOOL`: the tool's --help, then where the manual is.
int help(std::string_view tool) {
    int status = 0;
    auto path = locate(tool, status);
    if (!path) return status;
    std::fflush(stdout);
    pid_t pid = ::fork();
    if (pid < 0) {
        fmt::print(stderr, "daihoi: {}: {}\n", _("error"), _f("cannot run {}: {}", *path, std::strerror(errno)));
        return 1;
    }
    if (pid == 0) {
        run(*path, {"daihoi-" + std::string(tool), "--help"});
        _exit(127);
    }
    int ws = 0;
    while (::waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(ws) ? WEXITSTATUS(ws) : 1;
}

// `daihoi __complete WORDS…`: the tools, or what the tool offers.
int complete(int argc, char** argv) {
    std::vector<std::string> words(argv + 2, argv + argc);
    while (!words.empty() && words.size() > 1 && words[0].starts_with("--lang")) {
        words.erase(words.begin(), words.begin() + (words[0] == "--lang" && words.size() > 2 ? 2 : 1));
    }
    if (words.size() <= 1) {
        std::string cur = words.empty() ? "" : words[0];
        for (const auto& t : cli::tools())
            if (std::string(t.name).starts_with(cur)) fmt::print("{}\n", t.name);
        if (std::string("help").starts_with(cur)) fmt::print("help\n");
        return 0;
    }
    if (words[0] == "help") {
        for (const auto& t : cli::tools())
            if (std::string(t.name).starts_with(words[1])) fmt::print("{}\n", t.name);
        return 0;
    }
    if (!cli::plausible_tool_name(words[0])) return 0;
    auto path = cli::find_tool(words[0]);
    if (!path) return 0;
    std::vector<std::string> args{"daihoi-" + words[0], "__complete"};
    args.insert(args.end(), words.begin() + 1, words.end());
    return run(*path, args);
}

}  // namespace

int main(int argc, char** argv) {
    // The dispatcher's own options come before the tool: --lang, --help, --version.
    int first = 1;
    std::optional<std::string> lang_given;
    bool want_help = false, want_version = false;
    for (; first < argc && argv[first][0] == '-' && std::string_view(argv[first]) != "--"; ++first) {
        std::string_view a = argv[first];
        if (a == "--lang" && first + 1 < argc) lang_given = argv[++first];
        else if (a.starts_with("--lang=")) lang_given = std::string(a.substr(7));
        else if (a == "--help" || a == "-h") want_help = true;
        else if (a == "--version") want_version = true;
        else break;  // not the dispatcher's: an error below
    }
    std::optional<i18n::Lang> lang = lang_given ? i18n::parse_lang(*lang_given) : std::nullopt;
    i18n::init(lang);
    if (lang_given && !lang) return usage_error("--lang: " + _f("unknown value '{}' (accepted: {})", *lang_given, "vi, en"));
    if (lang) ::setenv("DAIHOI_LANG", std::string(i18n::code(*lang)).c_str(), 1);  // the tool speaks it too
    if (want_version) {
        fmt::print("daihoi {}\n", DAIHOI_VERSION);
        return 0;
    }
    if (want_help || first >= argc) {
        print_help();
        return 0;
    }
    const std::string_view word = argv[first];
    if (word == "__complete") return complete(argc - (first - 1), argv + (first - 1));
    if (word == "__completion") {
        if (argc == first + 2) {
            std::string_view shell = argv[first + 1];
            if (shell == "bash") return fmt::print("{}", cli::bash_completion()), 0;
            if (shell == "zsh") return fmt::print("{}", cli::zsh_completion()), 0;
        }
        return usage_error(_("'__completion' takes bash or zsh"));
    }
    if (word == "help") {
        if (argc == first + 1) {
            print_help();
            return 0;
        }
        if (argc > first + 2) return usage_error(_("'help' takes one tool"));
        return help(argv[first + 1]);
    }
    if (word.starts_with('-')) return usage_error(_f("unknown option '{}'", word));

    int status = 0;
    auto path = locate(word, status);
    if (!path) return status;
    std::vector<std::string> args{"daihoi-" + std::string(word)};
    for (int i = first + 1; i < argc; ++i) args.push_back(argv[i]);
    return run(*path, args);
}
