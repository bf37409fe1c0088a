// `scan review`: a person decides the held pages at the terminal, one at a
// time, each decision committed (and journaled) as it is typed. The page is
// written to an image, the doubtful rows enlarged under it, and opened with
// the desktop's viewer when there is one; what was read is printed row by
// row; the decision is typed as at `election ballots enter`, or 'ok' to take
// what was read.
#include "commands.hpp"

#include "core/base/atomic_file.hpp"
#include "core/election/scanned.hpp"
#include "core/scan/scan.hpp"

#include "core/cli/line_input.hpp"
#include <fcntl.h>
#include <fmt/ranges.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

extern char** environ;

namespace daihoi::scan_tool {

namespace el = daihoi::election;
namespace sc = daihoi::scan;

namespace {

struct ReviewOptions {
    std::string id, station, images;
    int pass = 1, into = 0;
    bool all = false, no_open = false;
};

void declare_review(CLI::App& app, ReviewOptions& o) {
    add_id(app, o.id);
    add_pass(app, o.pass, _("the pass whose pages are reviewed (default 1)"));
    app.add_flag("--all", o.all, _("every page of the pass, each decided by a person into another pass (--into)"));
    app.add_option("--into", o.into, _("with --all: the pass the decisions make (default: the next pass)"))
        ->type_name("N")
        ->check(cli::in_range(1, el::kMaxPass));
    app.add_option("--station", o.station, _("the review desk, kept with each decision"))->type_name("NAME");
    app.add_option("--images", o.images, _("the folder the page images are written to (default: a temporary one)"))
        ->type_name("DIR");
    app.add_flag("--no-open", o.no_open, _("do not open the images with the desktop's viewer"));
}

using cli::read_line;

// The desktop's viewer, when there is a desktop: xdg-open, not waited for.
void open_image(const std::string& file) {
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")) return;
    pid_t pid;
    const char* argv[] = {"xdg-open", file.c_str(), nullptr};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    if (posix_spawnp(&pid, "xdg-open", &fa, nullptr, const_cast<char**>(argv), environ) == 0)
        waitpid(pid, nullptr, WNOHANG);
    posix_spawn_file_actions_destroy(&fa);
}

// What was read, row by row, with the names: the rows a person must look at first.
void print_reading(const sc::PageReading& r, const std::vector<el::Candidate>& list) {
    for (const auto& row : r.rows) {
        if (row.decision == "kept" || row.decision == "agree") continue;
        const std::string name = row.position >= 1 && row.position <= static_cast<int>(list.size())
                                     ? list[static_cast<std::size_t>(row.position) - 1].name
                                     : "";
        std::string what = row.decision == "doubtful" ? _("DOUBTFUL") : row.decision;
        if (!row.why.empty()) what += ": " + row.why;
        fmt::print("  {:>3}  {}  — {}\n", row.position, name, what);
    }
    if (!r.doubtful.empty())
        fmt::print("  {}\n", _f("doubtful: {}", fmt::join(r.doubtful, " ")));
}

std::string proposal(const sc::PageReading& r, el::Form form) {
    if (form == el::Form::Agree) {
        std::vector<std::string> parts;
        for (int p : r.disagree) parts.push_back(std::to_string(p));
        for (int p : r.both) parts.push_back("b" + std::to_string(p));
        for (int p : r.neither) parts.push_back("o" + std::to_string(p));
        return parts.empty() ? "-" : fmt::format("{}", fmt::join(parts, " "));
    }
    return r.crossed.empty() ? "-" : fmt::format("{}", fmt::join(r.crossed, " "));
}

void run_review(const cli::Common& common, const ReviewOptions& o) {
    auto ws = common.open();
    const int into = o.all ? (o.into ? o.into : o.pass + 1) : o.pass;
    if (o.all && into == o.pass)
        throw UsageError(_("--all makes another pass: --into must differ from --pass"));
    if (!o.all && o.into)
        throw UsageError(_("--into goes with --all"));
    if (into > el::kMaxPass) throw UsageError(_f("there is no pass after {}: give --into", o.pass));
    const el::EntrySession s = el::start_entry(ws.db(), o.id, into);
    const auto list = el::candidates(ws.db(), o.id);
    const el::Form form = s.election.form;
    std::vector<el::StoredPage> pages;
    for (auto& p : el::scanned_pages(ws.db(), o.id, o.pass)) {
        if (o.all ? (p.status != "rejected" && !p.decided.count(into)) : p.waiting()) pages.push_back(std::move(p));
    }
    const std::string dir = o.images.empty() ? (std::filesystem::temp_directory_path() / "daihoi-review").string()
                                             : o.images;
    std::filesystem::create_directories(dir);
    if (!common.quiet) {
        fmt::print("{}\n", o.all ? _fn("{} page of pass {} to confirm into pass {}",
                                       "{} pages of pass {} to confirm into pass {}", pages.size(), pages.size(),
                                       o.pass, into)
                                 : _fn("{} held page of pass {} waits for a person",
                                       "{} held pages of pass {} wait for a person", pages.size(), pages.size(),
                                       o.pass));
        if (!pages.empty()) {
            fmt::print("{}\n", el::entry_help(form));
            fmt::print("{}\n", _("'ok' takes what was read (when no row is doubtful); 'skip' leaves the page for "
                                 "later; 'quit' stops."));
        }
    }
    const bool tty = isatty(STDIN_FILENO);
    int decided = 0, skipped = 0;
    const sc::Reader reader(sc::paper_of(ws.db(), o.id));  // the layout each page is drawn on
    for (const auto& p : pages) {
        const sc::PageReading r = sc::reading_from_json(p.reading);
        const std::string image = (std::filesystem::path(dir) / fmt::format("{}-page-{}.png", o.id, p.id)).string();
        const auto png = sc::annotated_page(ws.db(), o.id, p, reader, true);
        write_file_atomically(image, std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
        fmt::print("\n{}\n", _f("page {} ({} p{}): {}{} — image {}", p.id, p.file, p.page, status_label(p.status),
                                p.reason.empty() ? "" : " (" + p.reason + ")", image));
        if (!r.detail.empty()) fmt::print("  {}\n", r.detail);
        print_reading(r, list);
        const bool certain = r.doubtful.empty() && !r.rows.empty();
        if (certain) fmt::print("  {}\n", _f("read: {} ('ok' to take it)", proposal(r, form)));
        if (!o.no_open) open_image(image);
        std::fflush(stdout);
        for (;;) {
            auto line = read_line(tty, _f("{} page {}> ", o.id, p.id));
            if (!line || *line == "quit" || *line == "q") {
                fmt::print("{}\n", _f("{} decided, {} left for later", decided, pages.size() - decided - skipped));
                return;
            }
            if (line->empty()) continue;
            if (*line == "skip") {
                ++skipped;
                break;
            }
            if (*line == "help" || *line == "?") {
                fmt::print("{}\n", el::entry_help(form));
                continue;
            }
            std::string typed = *line;
            if (typed == "ok") {
                if (!certain) {
                    fmt::print("  {}\n", _("a row is doubtful: type the ballot's marks"));
                    continue;
                }
                typed = proposal(r, form);
            }
            try {
                const el::EntryLine e = el::parse_entry(typed, s.candidates, form);
                if (e.serial) {
                    fmt::print("  {}\n", _("the ballot's number is the pass's next: type the marks alone"));
                    continue;
                }
                const auto v = el::decide_page(ws, o.id, p.id, into, o.station, e);
                fmt::print("  {}\n", v.valid() ? _f("ballot {} of pass {}: valid", v.serial, into)
                                               : _f("ballot {} of pass {}: invalid ({})", v.serial, into,
                                                    el::reason_label(v.reason)));
                ++decided;
                break;
            } catch (const Error& err) {
                if (const auto* in = dynamic_cast<const InputError*>(&err))
                    for (const auto& d : in->diagnostics()) fmt::print("  {}\n", _f("not entered: {}", d.message));
                else
                    fmt::print("  {}\n", _f("not entered: {}", err.what()));
            }
        }
        std::fflush(stdout);
    }
    fmt::print("\n{}\n", _f("{} decided, {} left for later", decided, pages.size() - decided));
}

}  // namespace

cli::Command review_command() {
    return cli::command<ReviewOptions>({"review"}, N_("decide the held pages at the terminal, one by one"),
                                       cli::Effect::Changes, declare_review, run_review);
}

}  // namespace daihoi::scan_tool
