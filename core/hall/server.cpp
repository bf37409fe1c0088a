// The board's server (cpp-httplib): one thread follows the workspace and
// keeps the last snapshot in memory; every request is answered from it.
#include "core/base/i18n.hpp"
#include "core/db/workspace.hpp"
#include "core/error.hpp"
#include "core/hall/board.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <httplib.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace daihoi::hall {

namespace {

using namespace std::chrono_literals;

// How often the follower looks for a commit of another connection (one
// PRAGMA, nothing read when there was none).
constexpr auto kFollowEvery = 200ms;
// Requests served at once. Each is answered from memory and the connection
// closed (browsers poll, they do not hold one), so a few threads serve
// hundreds of browsers.
constexpr std::size_t kThreads = 8;
// A client that connects and sends nothing is dropped after this.
constexpr time_t kReadTimeoutSeconds = 2;

// The state served: its JSON and a version that changes with it (the ETag).
struct Served {
    std::string json;
    std::uint64_t version = 0;
};

std::string with_version(nlohmann::ordered_json j, std::uint64_t version) {
    j["version"] = version;
    return j.dump();
}

std::pair<dev_t, ino_t> identity(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {0, 0};
    return {st.st_dev, st.st_ino};
}

// The addresses of this machine's interfaces, for a board listening on all
// of them (0.0.0.0 or ::): the loopback left out, IPv4 first.
std::vector<std::string> interface_addresses(bool v6) {
    std::vector<std::string> v4s, v6s;
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) return {};
    for (ifaddrs* a = list; a; a = a->ifa_next) {
        if (!a->ifa_addr || (a->ifa_flags & IFF_LOOPBACK) || !(a->ifa_flags & IFF_UP)) continue;
        char buf[INET6_ADDRSTRLEN] = {};
        if (a->ifa_addr->sa_family == AF_INET) {
            ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(a->ifa_addr)->sin_addr, buf, sizeof buf);
            v4s.emplace_back(buf);
        } else if (v6 && a->ifa_addr->sa_family == AF_INET6) {
            const auto* s6 = reinterpret_cast<sockaddr_in6*>(a->ifa_addr);
            if (IN6_IS_ADDR_LINKLOCAL(&s6->sin6_addr)) continue;  // needs a zone; not for a printed URL
            ::inet_ntop(AF_INET6, &s6->sin6_addr, buf, sizeof buf);
            v6s.push_back(std::string("[") + buf + "]");
        }
    }
    ::freeifaddrs(list);
    v4s.insert(v4s.end(), v6s.begin(), v6s.end());
    return v4s;
}

}  // namespace

struct Board::Impl {
    Options options;
    const report::Labels& labels;
    std::optional<db::Workspace> ws;
    std::pair<dev_t, ino_t> file;
    std::string token;
    int port = 0;
    httplib::Server server;

    mutable std::mutex served_mutex;
    std::shared_ptr<const Served> served;
    std::string last_plain;  // the snapshot without its version, to tell a change
    std::string error;       // the last failure to read, shown on the page

    std::mutex follow_mutex;
    std::condition_variable follow_cv;
    bool stopping = false;
    std::thread follower;
    std::atomic<bool> listening{false}, listen_returned{false}, stopped{false};

    Impl(const Options& o) : options(o), labels(report::Labels::load(o.lang)) {}

    std::shared_ptr<const Served> current() const {
        std::lock_guard lock(served_mutex);
        return served;
    }

    // Reads a snapshot; publishes it under a new version when it differs.
    void refresh() {
        nlohmann::ordered_json j;
        try {
            if (!ws || identity(options.db_path) != file) {  // replaced (a restore): follow the new file
                ws.reset();
                ws.emplace(db::Workspace::open_read_only(options.db_path));
                file = identity(options.db_path);
            }
            j = snapshot(ws->db());
            error.clear();
        } catch (const std::exception& e) {
            // Keep the last state on the screen, and say why it is not newer.
            error = e.what();
            auto s = current();
            if (!s) throw;
            j = nlohmann::ordered_json::parse(s->json);
            j.erase("version");
        }
        if (!error.empty()) j["error"] = error;
        else j.erase("error");
        std::string plain = j.dump();
        if (plain == last_plain) return;
        last_plain = std::move(plain);
        auto next = std::make_shared<Served>();
        next->version = served ? served->version + 1 : 1;
        next->json = with_version(std::move(j), next->version);
        std::lock_guard lock(served_mutex);
        served = std::move(next);
    }

    void follow() {
        std::int64_t seen = ws->db().execAndGet("PRAGMA data_version").getInt64();
        std::unique_lock lock(follow_mutex);
        while (!follow_cv.wait_for(lock, kFollowEvery, [this] { return stopping; })) {
            lock.unlock();
            try {
                const std::int64_t now = ws ? ws->db().execAndGet("PRAGMA data_version").getInt64() : seen + 1;
                if (now != seen || identity(options.db_path) != file || !error.empty()) {
                    refresh();
                    seen = ws ? ws->db().execAndGet("PRAGMA data_version").getInt64() : seen;
                }
            } catch (const std::exception&) {
                // refresh() keeps the last state and its error; try again at the next tick
            }
            lock.lock();
        }
    }

    bool authorized(const httplib::Request& req, httplib::Response& res) const {
        if (token.empty()) {
            if (!loopback_host_header(req.get_header_value("Host"))) {
                res.status = 403;
                res.set_content(_("403: this board answers only on this machine (a page of another site cannot "
                                  "read it)\n"),
                                "text/plain; charset=utf-8");
                return false;
            }
            return true;
        }
        if (!same_token(req.get_param_value("token"), token)) {
            res.status = 401;
            res.set_content(_("401: the board's address needs its token (?token=…), as 'daihoi board' printed it\n"),
                            "text/plain; charset=utf-8");
            return false;
        }
        return true;
    }

    void routes() {
        server.set_default_headers({
            {"Cache-Control", "no-store"},
            {"X-Content-Type-Options", "nosniff"},
            {"Referrer-Policy", "no-referrer"},  // the token is in the address
            {"X-Frame-Options", "DENY"},
            {"Content-Security-Policy",
             "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; font-src data:; "
             "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"},
        });
        server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
            return authorized(req, res) ? httplib::Server::HandlerResponse::Unhandled
                                        : httplib::Server::HandlerResponse::Handled;
        });
        server.Get("/", [this](const httplib::Request&, httplib::Response& res) {
            res.set_content(page(labels, current()->json), "text/html; charset=utf-8");
        });
        server.Get("/state.json", [this](const httplib::Request& req, httplib::Response& res) {
            const auto s = current();
            const std::string etag = fmt::format("\"{}\"", s->version);
            res.set_header("ETag", etag);
            if (req.get_header_value("If-None-Match") == etag) {
                res.status = 304;
                return;
            }
            res.set_content(s->json, "application/json");
        });
        // SO_REUSEADDR alone: a restarted board takes its port back at once,
        // but a second board (another workspace, perhaps) is refused the
        // port of a running one — httplib's default SO_REUSEPORT would let
        // both listen, and the connections go to either at random.
        server.set_socket_options([](socket_t sock) {
            int yes = 1;
            ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        });
        server.set_keep_alive_max_count(1);
        server.set_read_timeout(kReadTimeoutSeconds, 0);
        server.set_payload_max_length(4096);
        server.new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
    }
};

Board::Board(const Options& o) : impl_(std::make_unique<Impl>(o)) {
    auto& m = *impl_;
    m.ws.emplace(db::Workspace::open_read_only(o.db_path));
    m.file = identity(o.db_path);
    m.refresh();
    if (!is_loopback(o.listen.host)) m.token = new_token();
    m.routes();
    errno = 0;
    if (o.listen.port == 0) {
        m.port = m.server.bind_to_any_port(o.listen.host);
    } else {
        m.port = m.server.bind_to_port(o.listen.host, o.listen.port) ? o.listen.port : -1;
    }
    if (m.port < 0) {
        const std::string why = errno ? std::strerror(errno) : _("the address is not one of this machine's");
        throw Refused(_f("cannot listen on {}:{}: {}", o.listen.host, o.listen.port, why));
    }
    m.follower = std::thread([&m] { m.follow(); });
}

Board::~Board() {
    stop();
    {
        std::lock_guard lock(impl_->follow_mutex);
        impl_->stopping = true;
    }
    impl_->follow_cv.notify_all();
    if (impl_->follower.joinable()) impl_->follower.join();
}

int Board::port() const { return impl_->port; }
const std::string& Board::token() const { return impl_->token; }
std::string Board::state() const { return impl_->current()->json; }

std::vector<std::string> Board::urls() const {
    const auto& host = impl_->options.listen.host;
    std::vector<std::string> hosts;
    if (host == "0.0.0.0" || host == "::") hosts = interface_addresses(host == "::");
    if (hosts.empty()) hosts.push_back(host.find(':') != std::string::npos ? "[" + host + "]" : host);
    std::vector<std::string> out;
    for (const auto& h : hosts)
        out.push_back(fmt::format("http://{}:{}/{}", h, impl_->port,
                                  impl_->token.empty() ? "" : "?token=" + impl_->token));
    return out;
}

void Board::listen() {
    // listening is set before stopped is read, and stop() sets stopped
    // before it reads listening: one of the two always sees the other.
    impl_->listening = true;
    if (!impl_->stopped) impl_->server.listen_after_bind();
    impl_->listen_returned = true;
}

void Board::stop() {
    impl_->stopped = true;
    // httplib's stop() does nothing until its loop runs: wait for it, unless
    // listen() was never called or has already returned.
    if (impl_->listening)
        while (!impl_->server.is_running() && !impl_->listen_returned) std::this_thread::sleep_for(1ms);
    impl_->server.stop();
}

void run_until_signal(const Options& o, const std::function<void(const Board&)>& ready) {
    // Before any thread starts: every thread inherits the mask, and this one
    // takes the signal with sigwait.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    Board board(o);
    std::thread server([&board] { board.listen(); });
    try {
        ready(board);
    } catch (...) {
        board.stop();
        server.join();
        throw;
    }
    int sig = 0;
    sigwait(&stop_signals, &sig);
    board.stop();
    server.join();
}

}  // namespace daihoi::hall
