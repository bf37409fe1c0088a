// daihoi-board: the counting room's screen (SPEC §13). A tool of one
// command: it opens the board (core/hall), prints where to open it, and
// serves until Ctrl+C or SIGTERM.
#include "core/base/i18n.hpp"
#include "core/cli/cli.hpp"
#include "core/hall/board.hpp"

#include <fmt/format.h>

#include <cstdio>

using namespace daihoi;

namespace {

struct BoardOptions {
    std::string listen = "127.0.0.1:8080";
};

void declare(CLI::App& app, BoardOptions& o) {
    app.add_option("--listen", o.listen,
                   _("the address and port to answer on; another than the loopback (0.0.0.0:PORT for the hall's "
                     "network) needs the token of the printed address; port 0: any free one"))
        ->type_name("ADDR:PORT")
        ->capture_default_str();
}

void run(const cli::Common& common, const BoardOptions& o) {
    hall::Options opt;
    opt.db_path = common.db_path();
    opt.listen = hall::parse_listen(o.listen);
    opt.lang = std::string(i18n::code(i18n::lang()));
    hall::run_until_signal(opt, [&](const hall::Board& b) {
        const auto urls = b.urls();
        if (common.json) {
            cli::Json j;
            j["listen"] = fmt::format("{}:{}", opt.listen.host, b.port());
            j["port"] = b.port();
            j["urls"] = urls;
            j["token"] = b.token().empty() ? cli::Json(nullptr) : cli::Json(b.token());
            cli::print_json(j);
        } else {
            fmt::print("{}\n", _("The counting room's screen (read-only) is at:"));
            for (const auto& u : urls) fmt::print("  {}\n", u);
            if (!b.token().empty())
                fmt::print("{}\n", _("Whoever has this address, token and all, can see the board: give it to the "
                                     "counting room alone."));
            fmt::print("{}\n", _("Stop it with Ctrl+C."));
        }
        std::fflush(stdout);
    });
    cli::note(common, _("the board stopped"));
}

}  // namespace

int main(int argc, char** argv) {
    return cli::main({"board",
                      {},
                      {cli::command<BoardOptions>(
                          {}, N_("the counting room's screen: a read-only web page that follows the workspace live"),
                          cli::Effect::Reads, declare, run)},
                      {}},
                     argc, argv);
}
