// `scan show`: one scanned page written as an image, what was read drawn on
// it, or the page exactly as kept.
#include "commands.hpp"

#include "core/base/atomic_file.hpp"
#include "core/election/scanned.hpp"
#include "core/scan/scan.hpp"

namespace daihoi::scan_tool {

namespace el = daihoi::election;
namespace sc = daihoi::scan;
using cli::Effect;

namespace {

struct ShowOptions {
    std::string id, out;
    std::int64_t serial = 0, page = 0;
    int pass = 1;
    bool plain = false;
};

void declare_show(CLI::App& app, ShowOptions& o) {
    add_id(app, o.id);
    app.add_option("SERIAL", o.serial, _("the ballot's number in its pass (or --page)"))->check(cli::in_range(1, el::kMaxSerial));
    add_pass(app, o.pass, _("the pass of the ballot (default 1)"));
    app.add_option("--page", o.page, _("the page's number as kept (scan pages), instead of a ballot"))
        ->type_name("N")
        ->check(cli::in_range(1, el::kMaxSerial));
    app.add_option("-o,--output", o.out, _("the image to write: a PNG, or with --plain the page as kept (PNG or JPEG)"))
        ->required()
        ->type_name("FILE");
    app.add_flag("--plain", o.plain, _("the image exactly as kept (its SHA-256 is the page's), nothing drawn"));
}

void run_show(const cli::Common& common, const ShowOptions& o) {
    auto ws = common.open();
    if (!o.serial == !o.page)
        throw UsageError(_("give either the ballot's SERIAL or --page N"));
    el::StoredPage p;
    if (o.page) {
        p = el::scanned_page(ws.db(), o.id, o.page);
    } else {
        auto found = el::page_of_ballot(ws.db(), o.id, o.pass, o.serial);
        if (!found)
            throw InputError(Diagnostic{"", 0, 0, _f("ballot {} of pass {} was not read from a scanned page", o.serial,
                                                     o.pass)});
        p = *found;
    }
    std::vector<std::uint8_t> bytes =
        o.plain ? el::page_image(ws.db(), o.id, p.id)
                : sc::annotated_page(ws.db(), o.id, p, sc::Reader(sc::paper_of(ws.db(), o.id)), false);
    write_file_atomically(o.out, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    if (common.json) {
        cli::print_json({{"page_id", p.id}, {"file", p.file}, {"page", p.page}, {"sha256", p.sha256},
                         {"status", p.status}, {"output", o.out}});
        return;
    }
    fmt::print("{}\n", _f("page {} ({} p{}, SHA-256 {}): {} → {}", p.id, p.file, p.page, p.sha256, status_label(p.status),
                          o.out));
}

}  // namespace

cli::Command show_command() {
    return cli::command<ShowOptions>(
        {"show"}, N_("a scanned page as an image, with what was read drawn on it"), Effect::Reads,
        declare_show, run_show);
}

}  // namespace daihoi::scan_tool
