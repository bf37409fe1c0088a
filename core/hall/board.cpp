// What the counting room's screen shows (snapshot), and the small rules of
// its address and token. The server is in server.cpp, the page in page.cpp.
#include "core/hall/board.hpp"

#include "core/audit/audit.hpp"
#include "core/base/i18n.hpp"
#include "core/delegates/door.hpp"
#include "core/election/election.hpp"
#include "core/election/scanned.hpp"
#include "core/election/values.hpp"
#include "core/error.hpp"
#include "core/registry/congress.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <fmt/format.h>
#include <sys/random.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace daihoi::hall {

namespace el = election;
using J = nlohmann::ordered_json;

namespace {

// Serials listed per pass of the ballots that differ from pass 1 or are not
// in it; the rest are counted.
constexpr std::size_t kSerialsShown = 20;

J optional_number(const std::optional<std::int64_t>& v) { return v ? J(*v) : J(nullptr); }

// Each pass: its ballots, per station, whether a scanner read it, the held
// pages waiting, and (passes after the first) how it compares with pass 1.
J passes_of(SQLite::Database& db, const el::Election& e) {
    const auto counts = el::count_by_station(db, e.id);
    const auto waiting = el::pages_waiting(db, e.id);
    std::optional<el::Reconciliation> rec;
    if (counts.size() > 1 || (counts.size() == 1 && counts[0].pass != 1)) rec = el::reconcile(db, e.id);
    std::vector<int> passes;
    for (const auto& c : counts) passes.push_back(c.pass);
    for (const auto& [p, n] : waiting)
        if (std::find(passes.begin(), passes.end(), p) == passes.end()) passes.push_back(p);
    std::sort(passes.begin(), passes.end());
    J out = J::array();
    for (int p : passes) {
        J pj;
        pj["pass"] = p;
        auto c = std::find_if(counts.begin(), counts.end(), [p](const el::PassCount& x) { return x.pass == p; });
        pj["ballots"] = c == counts.end() ? 0 : c->ballots;
        J stations = J::array();
        if (c != counts.end())
            for (const auto& s : c->stations) stations.push_back({{"station", s.station}, {"ballots", s.ballots}});
        pj["stations"] = stations;
        pj["scanned"] = rec ? rec->scanned.count(p) && rec->scanned.at(p) : el::pass_scanned(db, e.id, p);
        auto w = waiting.find(p);
        pj["waiting"] = w == waiting.end() ? 0 : w->second;
        if (p == 1 || !rec) {
            pj["agrees"] = nullptr;
        } else {
            pj["agrees"] = rec->agrees(p);
            J kinds = {{"differs", 0}, {"only_in_pass1", 0}, {"only_in_pass", 0}};
            J serials = J::array();
            std::size_t total = 0;
            for (const auto& d : rec->of_pass(p)) {
                kinds[d.kind] = kinds[d.kind].get<std::int64_t>() + 1;
                // A ballot of pass 1 not yet in this pass is counted, not
                // listed: while a pass is entered, that is most of them.
                if (d.kind == "only_in_pass1") continue;
                if (serials.size() < kSerialsShown) serials.push_back(d.serial);
                ++total;
            }
            pj["differences"] = kinds;
            pj["serials"] = serials;
            pj["serials_more"] = total - serials.size();
        }
        out.push_back(std::move(pj));
    }
    return out;
}

}  // namespace

J snapshot(SQLite::Database& db) {
    // One read transaction: every number on the screen from the same moment.
    db.exec("BEGIN");
    try {
        J j;
        j["schema"] = 1;
        j["at"] = audit::now_utc();
        const auto congress = registry::load_congress(db);
        j["congress"] = congress ? J(congress->name) : J(nullptr);
        j["organization"] = congress ? J(congress->organization) : J(nullptr);
        const std::string session = delegates::current_session(db);
        if (session.empty()) {
            j["hall"] = nullptr;
        } else {
            const auto c = delegates::hall_count(db, session);
            j["hall"] = {{"session", session}, {"present", c.present}, {"seated", c.seated}};
        }
        j["elections"] = J::array();
        for (const auto& e : el::list(db)) {
            J ej;
            ej["id"] = e.id;
            ej["title"] = e.title;
            ej["round"] = e.round;
            ej["status"] = el::code(e.phase);
            ej["form"] = el::code(e.form);
            ej["seats"] = e.seats;
            ej["reserves"] = e.reserves;
            ej["issued"] = optional_number(e.issued);
            ej["collected"] = optional_number(e.collected);
            ej["passes"] = e.phase == el::Phase::Setup ? J::array() : passes_of(db, e);
            // Only a closed count goes on the hall's screens: the result
            // stored at close (a recount of it is audit verify's work, not
            // a screen's, five times a second).
            J result = nullptr;
            if ((e.phase == el::Phase::Closed || e.phase == el::Phase::Sealed) && !e.result_json.empty()) {
                result = J::parse(e.result_json);
                result["status"] = el::code(e.phase);
            }
            ej["result"] = std::move(result);
            j["elections"].push_back(std::move(ej));
        }
        db.exec("COMMIT");
        return j;
    } catch (...) {
        try {
            db.exec("ROLLBACK");
        } catch (...) {
        }
        throw;
    }
}

// ---- the address and the token --------------------------------------------------
Listen parse_listen(const std::string& text) {
    auto bad = [&] {
        return UsageError(_f("--listen {}: give an address and a port, as 127.0.0.1:8080, 0.0.0.0:8080 or "
                             "[::1]:8080",
                             text));
    };
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) throw bad();
    Listen l;
    l.host = text.substr(0, colon);
    const std::string port = text.substr(colon + 1);
    int p = -1;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
    if (ec != std::errc() || end != port.data() + port.size() || p < 0 || p > 65535) throw bad();
    l.port = p;
    if (l.host.front() == '[') {
        if (l.host.back() != ']') throw bad();
        l.host = l.host.substr(1, l.host.size() - 2);
        in6_addr a6;
        if (inet_pton(AF_INET6, l.host.c_str(), &a6) != 1) throw bad();
        return l;
    }
    if (l.host == "localhost") return l;
    in_addr a4;
    if (inet_pton(AF_INET, l.host.c_str(), &a4) != 1) throw bad();
    return l;
}

bool is_loopback(const std::string& host) {
    if (host == "localhost") return true;
    in_addr a4;
    if (inet_pton(AF_INET, host.c_str(), &a4) == 1) return (ntohl(a4.s_addr) >> 24) == 127;
    in6_addr a6;
    if (inet_pton(AF_INET6, host.c_str(), &a6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&a6) || (IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127);
    return false;
}

bool loopback_host_header(const std::string& host_header) {
    std::string h = host_header;
    if (!h.empty() && h.front() == '[') {
        const auto close = h.find(']');
        if (close == std::string::npos) return false;
        h = h.substr(1, close - 1);
    } else if (const auto colon = h.find(':'); colon != std::string::npos) {
        h = h.substr(0, colon);
    }
    std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return std::tolower(c); });
    return is_loopback(h);
}

std::string new_token() {
    unsigned char b[16];
    std::size_t got = 0;
    while (got < sizeof b) {
        const ssize_t n = getrandom(b + got, sizeof b - got, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw Refused(_f("cannot draw a random token: {}", std::strerror(errno)));
        }
        got += static_cast<std::size_t>(n);
    }
    std::string out;
    for (unsigned char c : b) out += fmt::format("{:02x}", c);
    return out;
}

bool same_token(const std::string& given, const std::string& token) {
    if (given.size() != token.size() || token.empty()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < token.size(); ++i)
        diff |= static_cast<unsigned char>(given[i] ^ token[i]);
    return diff == 0;
}

}  // namespace daihoi::hall
