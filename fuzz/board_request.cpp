// The counting room's screen (core/hall): what the network and the command
// line give it. The first byte chooses:
//   0…127  the rest is sent as it is, as an HTTP request, to a real board on
//          the loopback (httplib's parser, the Host check, the routes); the
//          board must answer with a status line or close, and go on serving;
//          the state goes out only under status 200;
//   128…191  --listen: refused as a usage error, or an address whose port is
//          0…65535 and that reads back the same;
//   192…255  a Host header and a token: no crash, and a token matches itself
//          alone.
#include "common.hpp"

#include "core/db/workspace.hpp"
#include "core/hall/board.hpp"
#include "core/registry/congress.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdlib>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>

namespace {

using namespace daihoi;

struct Served {
    std::unique_ptr<hall::Board> board;
    std::thread thread;
};

// One board for the whole run, on a workspace of its own on tmpfs.
hall::Board& board() {
    static Served* s = [] {
        // The page's words, from the source tree: a fuzzing build installs
        // nothing beside itself.
        ::setenv("DAIHOI_TEMPLATES", DAIHOI_SOURCE_TEMPLATES, 0);
        auto* out = new Served;
        const std::string path = (fuzz::scratch() / "w.db").string();
        registry::Congress c;
        c.name = "Đại hội thử";
        c.organization = "Chi bộ thử";
        c.term_start = 2025;
        c.term_end = 2030;
        c.date = {2025, 7, 15};
        { auto ws = registry::init_congress(path, c); }
        hall::Options o;
        o.db_path = path;
        o.listen = hall::parse_listen("127.0.0.1:0");
        out->board = std::make_unique<hall::Board>(o);
        out->thread = std::thread([b = out->board.get()] { b->listen(); });
        out->thread.detach();
        return out;
    }();
    return *s->board;
}

// Sends `request`, reads the answer until the board closes (it closes after
// each request) or a second passes. `half_close`: the end of the request is
// told by closing the sending half, so that a request cut short ends at once
// rather than at the board's read timeout; httplib then often drops the
// request unanswered (as it may: browsers never half-close), so a whole
// request to check the board by is sent without it.
std::optional<std::string> try_exchange(std::string_view request, bool half_close) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) std::abort();
    timeval tv{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    // Closed with a reset: hundreds of thousands of connections a run would
    // otherwise wait in TIME_WAIT until no local port is left.
    linger no_wait{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &no_wait, sizeof no_wait);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(board().port()));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return std::nullopt;
    }
    (void)::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    if (half_close) ::shutdown(fd, SHUT_WR);
    std::string answer;
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0 && answer.size() < (1 << 20);)
        answer.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return answer;
}

std::string exchange(std::string_view request, bool half_close) {
    // At thousands of connections a second the loopback runs out of
    // (address, port) pairs from time to time: a refused connect is tried
    // again for a second before it counts.
    for (int attempt = 0;; ++attempt) {
        std::optional<std::string> answer = try_exchange(request, half_close);
        if (answer) return *answer;
        if (attempt == 50) fuzz::finding("the board stopped serving");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view rest = fuzz::bytes(data + 1, size - 1);
    if (data[0] < 128) {
        const std::string answer = exchange(rest, true);
        if (answer.empty()) return 0;  // closed without a word: a request it could not read
        if (!answer.starts_with("HTTP/1.1 ")) fuzz::finding("an answer without a status line");
        if (answer.find("\"elections\"") != std::string::npos && !answer.starts_with("HTTP/1.1 200"))
            fuzz::finding("the state went out under another status than 200");
        const std::string again = exchange("GET /state.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", false);
        if (!again.starts_with("HTTP/1.1 200")) fuzz::finding("the board stopped answering after a request");
    } else if (data[0] < 192) {
        fuzz::expect_clean([&] {
            const hall::Listen l = hall::parse_listen(std::string(rest));
            if (l.port < 0 || l.port > 65535 || l.host.empty()) fuzz::finding("--listen accepted a bad address");
            const std::string again =
                l.host.find(':') != std::string::npos ? fmt::format("[{}]:{}", l.host, l.port)
                                                      : fmt::format("{}:{}", l.host, l.port);
            const hall::Listen m = hall::parse_listen(again);
            if (m.host != l.host || m.port != l.port) fuzz::finding("--listen does not read back");
        });
    } else {
        const std::string s(rest);
        (void)hall::loopback_host_header(s);
        (void)hall::is_loopback(s);
        if (!s.empty() && !hall::same_token(s, s)) fuzz::finding("a token does not match itself");
        if (hall::same_token(s, s + "x") || hall::same_token(s + "x", s)) fuzz::finding("a token matched a longer one");
    }
    return 0;
}
