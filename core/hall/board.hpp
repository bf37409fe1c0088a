// The counting room's screen (daihoi board, SPEC §13): a read-only web page
// that follows the workspace live — the ballots entered per pass and
// station, how each pass compares with pass 1, the board's counts, the held
// pages waiting for a person, and each election's result once it is closed.
//
// It never writes: the workspace is opened in SQLite's read-only mode, and
// one thread reads it, in one short read transaction a few times a second
// and only when another connection has committed (PRAGMA data_version). A
// read in WAL mode never waits on a writer nor makes one wait, so the entry
// stations go at their own pace however many browsers poll: every request
// is answered from the last snapshot, in memory. A result goes on the
// screen only once its count is closed.
//
// It listens on the loopback by default. On any other address (the hall's
// network) every request needs the random token of the URL it prints
// (…/?token=…), else 401; on the loopback a request naming another host is
// refused (403), so that a page elsewhere cannot read it through a renamed
// host (DNS rebinding).
#pragma once

#include "core/report/templates.hpp"

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace daihoi::hall {

// The state the page shows, read in one read transaction (one consistent
// view of the workspace). Its fields are a public interface (GET
// /state.json; docs/reference.md).
nlohmann::ordered_json snapshot(SQLite::Database& db);

// --listen ADDR:PORT: an IPv4 address, a bracketed IPv6 address
// ("[::1]:8080") or "localhost", and a port 0…65535 (0: any free port).
// Anything else is a usage error (exit 2).
struct Listen {
    std::string host = "127.0.0.1";
    int port = 8080;
};
Listen parse_listen(const std::string& text);
// 127.0.0.0/8, ::1, localhost.
bool is_loopback(const std::string& host);
// Whether the Host header of a request names the loopback (the name, not
// the port).
bool loopback_host_header(const std::string& host_header);
// 128 random bits as 32 hexadecimal digits (getrandom).
std::string new_token();
// Compares in a time that does not depend on where they differ.
bool same_token(const std::string& given, const std::string& token);

// The page: the labels of `labels` (templates/reports/<lang>/labels.toml,
// [board]), the state it starts from, and the script that polls for the next.
std::string page(const report::Labels& labels, const std::string& state_json);

struct Options {
    std::string db_path;
    Listen listen;
    std::string lang = "vi";  // of the page's words
};

class Board {
  public:
    // Opens the workspace read-only, reads the first snapshot and binds the
    // address. Refused (exit 1) when the workspace cannot be opened or the
    // address cannot be listened on.
    explicit Board(const Options& o);
    ~Board();
    Board(const Board&) = delete;
    Board& operator=(const Board&) = delete;

    int port() const;                        // as bound (the free one chosen for port 0)
    const std::string& token() const;        // "" on the loopback, where none is needed
    std::vector<std::string> urls() const;   // to open: one per address of this machine for 0.0.0.0 or ::
    std::string state() const;               // the snapshot served now, as JSON

    // Serves requests until stop(); `stop` may be called from any thread.
    void listen();
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The whole of `daihoi board`: SIGINT and SIGTERM are blocked first (so no
// thread of the board takes them), the board is opened, `ready` is told
// (to print where it is), and it serves until one of them arrives.
void run_until_signal(const Options& o, const std::function<void(const Board&)>& ready);

}  // namespace daihoi::hall
