// Reading a stack of scanned ballots, and the pages kept.
#include "commands.hpp"

#include "core/cli/table.hpp"
#include "core/election/scanned.hpp"
#include "core/scan/device.hpp"
#include "core/scan/scan.hpp"

#include <fmt/ranges.h>

namespace daihoi::scan_tool {

namespace el = daihoi::election;
namespace sc = daihoi::scan;
using cli::Effect;

namespace {

// ---- scan ballots -------------------------------------------------------------------

struct BallotsOptions {
    std::string id, station;
    std::vector<std::string> paths;
    std::string device, source, images;
    int resolution = 200;
    int pass = 1;
    bool stamp = false, scores = false;
    int pdf_dpi = 200;
    int threads = 0;
};

void declare_ballots(CLI::App& app, BallotsOptions& o) {
    add_id(app, o.id);
    auto* paths = app.add_option("PATH", o.paths, _("scanned pages: PNG, JPEG, TIFF or PDF files, or folders of them"));
    auto* device = app.add_option("--device", o.device,
                                  _("feed the stack through this scanner's sheet feeder (SANE: as scanimage -L names it)"))
                       ->type_name("NAME");
    paths->excludes(device);
    device->excludes(paths);
    app.add_option("--source", o.source, _("with --device: the feeder, as the scanner names it (\"ADF Duplex\")"))
        ->type_name("NAME")
        ->needs(device);
    app.add_option("--resolution", o.resolution, _("with --device: the resolution scanned at (default 200)"))
        ->type_name("DPI")
        ->check(cli::in_range(150, 600))
        ->needs(device);
    app.add_option("--images", o.images,
                   _("with --device: the new folder the pages are written to (default scan-ID-pN-YYYYMMDD-HHMMSS)"))
        ->type_name("FOLDER")
        ->needs(device);
    add_pass(app, o.pass, _("the pass the pages are entered in, 1 to 9 (default 1)"));
    app.add_option("--station", o.station, _("the scanning station, kept with each page and ballot"))->type_name("NAME");
    app.add_flag("--stamp", o.stamp, _("hold a page whose stamp box is empty (no_stamp)"));
    app.add_flag("--scores", o.scores, _("show how the rows' scores of the stack lie against the thresholds"));
    app.add_option("--pdf-dpi", o.pdf_dpi, _("the resolution a PDF's pages are read at (default 200)"))
        ->type_name("DPI")
        ->check(cli::in_range(100, 600));
    app.add_option("--threads", o.threads, _("pages read at once (default: one per core)"))
        ->type_name("N")
        ->check(cli::in_range(1, 64));
}

std::string page_line(const sc::ScannedPage& p) {
    const std::string where = fmt::format("{} p{}", p.file, p.page);
    const auto& r = p.reading;
    switch (r.status) {
        case sc::PageStatus::Accepted:
            return _f("{}: ballot {} — {}", where, *p.serial,
                      r.crossed.empty() && r.disagree.empty() && r.both.empty() && r.neither.empty()
                          ? std::string(_("no mark"))
                          : !r.crossed.empty() ? _f("crossed {}", fmt::join(r.crossed, " "))
                                               : _f("disagree {} both {} neither {}", fmt::join(r.disagree, " "),
                                                    fmt::join(r.both, " "), fmt::join(r.neither, " ")));
        case sc::PageStatus::Held: return _f("{}: HELD, page {} ({}): {}", where, *p.page_id, r.reason, r.detail);
        case sc::PageStatus::Rejected: return _f("{}: REJECTED ({}): {}", where, r.reason, r.detail);
        case sc::PageStatus::Blank: return _f("{}: blank, skipped", where);
    }
    return where;
}

void print_scores(const sc::ScanResult& r) {
    const auto b = sc::score_bands(r);
    const auto& t = sc::default_thresholds();
    fmt::print("{}\n", r.agree ? _f("box scores (‰ of a box inked): {} rows, {} doubtful", b.rows, b.doubtful)
                               : _f("row scores (‰ of the name struck): {} rows, {} doubtful", b.rows, b.doubtful));
    const int low = r.agree ? t.box_empty_max : t.kept_max, high = r.agree ? t.box_marked_min : t.crossed_min;
    int most = 1;
    for (int c : b.counts) most = std::max(most, c);
    for (std::size_t i = 0; i < b.counts.size(); ++i) {
        const int from = static_cast<int>(i) * 50;
        std::string mark;
        if (from <= low && low < from + 50)
            mark = " ← " + (r.agree ? _f("empty at or below {}", low) : _f("kept at or below {}", low));
        if (from <= high && high < from + 50)
            mark = " ← " + (r.agree ? _f("marked at or above {}", high) : _f("crossed at or above {}", high));
        fmt::print("  {:>4}–{:<4} {:>7}  {}{}\n", from, from + 49, b.counts[i],
                   std::string(static_cast<std::size_t>(40 * b.counts[i] / most), '#'), mark);
    }
}

void run_ballots(const cli::Common& common, const BallotsOptions& o) {
    auto ws = common.open();
    std::vector<std::filesystem::path> paths(o.paths.begin(), o.paths.end());
    if (o.device.empty() && paths.empty())
        throw UsageError(_("name the scanned pages (PATH…) or the scanner to feed them through (--device)"));
    std::string dir;  // with --device: the folder fed into
    if (!o.device.empty()) {
        dir = o.images.empty() ? sc::default_feed_folder(o.id, o.pass).string() : o.images;
        paths = sc::feed_for(ws.db(), o.id, o.pass, {o.device, o.source, o.resolution}, dir, [&] {
            if (!common.quiet) fmt::print(stderr, "{}\n", _f("feeding the stack through {} into {} …", o.device, dir));
        });
        if (!common.quiet) fmt::print(stderr, "{}\n", _f("{} pages fed; reading them", paths.size()));
    }
    sc::ScanOptions so;
    so.pass = o.pass;
    so.station = o.station;
    so.stamp = o.stamp;
    so.pdf_dpi = o.pdf_dpi;
    so.threads = o.threads;
    so.progress = common.progress();
    const auto r = sc::scan_ballots(ws, o.id, paths, so);
    if (common.json) {
        auto j = sc::to_json(r, o.scores);
        if (!dir.empty()) j["images"] = dir;
        cli::print_json(j);
        return;
    }
    for (const auto& p : r.pages) fmt::print("{}\n", page_line(p));
    if (o.scores) print_scores(r);
    fmt::print("{}\n", _f("pass {}: {} accepted, {} held, {} rejected, {} blank", o.pass, r.accepted, r.held,
                          r.rejected, r.blank));
    if (r.held)
        fmt::print("{}\n", _f("the held pages wait for a person: daihoi scan review {} --pass {}", o.id, o.pass));
}

// ---- scan pages -----------------------------------------------------------------------

struct PagesOptions {
    std::string id;
    int pass = 0;
    bool waiting = false;
};

void declare_pages(CLI::App& app, PagesOptions& o) {
    add_id(app, o.id);
    add_pass(app, o.pass, _("only the pages of this pass"));
    app.add_flag("--waiting", o.waiting, _("only the held pages still waiting for a person"));
}

void run_pages(const cli::Common& common, const PagesOptions& o) {
    auto ws = common.open();
    auto pages = el::scanned_pages(ws.db(), o.id, o.pass ? std::optional<int>(o.pass) : std::nullopt);
    if (o.waiting) std::erase_if(pages, [](const el::StoredPage& p) { return !p.waiting(); });
    if (common.json) {
        auto a = nlohmann::ordered_json::array();
        for (const auto& p : pages) {
            nlohmann::ordered_json d = nlohmann::ordered_json::object();
            for (const auto& [pass, serial] : p.decided) d[std::to_string(pass)] = serial;
            a.push_back({{"page_id", p.id},
                         {"pass", p.pass},
                         {"station", p.station},
                         {"file", p.file},
                         {"page", p.page},
                         {"sha256", p.sha256},
                         {"status", p.status},
                         {"reason", p.reason.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(p.reason)},
                         {"serial", p.serial ? nlohmann::ordered_json(*p.serial) : nlohmann::ordered_json(nullptr)},
                         {"decided", d},
                         {"waiting", p.waiting()},
                         {"at", p.at}});
        }
        cli::print_json({{"election", o.id}, {"pages", a}});
        return;
    }
    cli::TextTable t({_("page"), _("pass"), _("file"), _("status"), _("ballot"), _("SHA-256")});
    for (const auto& p : pages) {
        std::string status = status_label(p.status) + (p.reason.empty() ? "" : " (" + p.reason + ")");
        std::string ballot = p.serial ? std::to_string(*p.serial) : "";
        for (const auto& [pass, serial] : p.decided)
            ballot += (ballot.empty() ? "" : ", ") + _f("{} in pass {} (by a person)", serial, pass);
        if (p.waiting()) ballot = _("waiting for a person");
        t.add({std::to_string(p.id), std::to_string(p.pass), fmt::format("{} p{}", p.file, p.page), status, ballot,
               p.sha256.substr(0, 16)});
    }
    t.print();
    fmt::print("{}\n", _fn("{} page", "{} pages", pages.size(), pages.size()));
}

}  // namespace

std::vector<cli::Command> read_commands() {
    return {
        cli::backed_up(cli::command<BallotsOptions>({"ballots"}, N_("read scanned ballots and enter them as a pass"),
                                                    Effect::Changes, declare_ballots, run_ballots)),
        cli::command<PagesOptions>({"pages"}, N_("the scanned pages kept, with their hash and what became of them"),
                                   Effect::Reads, declare_pages, run_pages),
    };
}

}  // namespace daihoi::scan_tool
