// Hash chain: each entry's hash covers the previous entry's hash and every
// field of its own, so changing, removing or reordering any entry breaks
// every hash after it.
#include "core/audit/audit.hpp"

#include "core/audit/sha256.hpp"
#include "core/base/i18n.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <ctime>

namespace daihoi::audit {

namespace {
Invocation g_invocation{"daihoi", ""};

std::string os_user() {
    if (const passwd* pw = getpwuid(geteuid())) return pw->pw_name;
    return std::to_string(geteuid());
}

// Length-prefixed fields, so no choice of field text can forge another split.
void field(Sha256& h, std::string_view s) {
    h.update(std::to_string(s.size())).update(":").update(s).update(";");
}

constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";
}  // namespace

std::string now_utc() {
    using namespace std::chrono;
    auto now = system_clock::now();
    std::time_t t = system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900,
                       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

void set_invocation(Invocation inv) { g_invocation = std::move(inv); }
const Invocation& invocation() { return g_invocation; }

std::string entry_hash(const Entry& e) {
    Sha256 h;
    field(h, e.prev_hash);
    field(h, std::to_string(e.seq));
    for (const auto* s : {&e.at, &e.os_user, &e.tool, &e.command, &e.summary, &e.object_hash})
        field(h, *s);
    return h.hex();
}

void append(SQLite::Database& db, const std::string& summary, const std::string& object_hash) {
    Entry e;
    SQLite::Statement last(db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (last.executeStep()) {
        e.seq = last.getColumn(0).getInt64() + 1;
        e.prev_hash = last.getColumn(1).getString();
    } else {
        e.seq = 1;
        e.prev_hash = kGenesis;
    }
    e.at = now_utc();
    e.os_user = os_user();
    e.tool = g_invocation.tool;
    e.command = g_invocation.command;
    e.summary = summary;
    e.object_hash = object_hash;
    e.hash = entry_hash(e);
    SQLite::Statement ins(db,
                          "INSERT INTO audit (seq, at, os_user, tool, command, summary, object_hash, "
                          "prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?)");
    ins.bind(1, static_cast<int64_t>(e.seq));
    ins.bind(2, e.at);
    ins.bind(3, e.os_user);
    ins.bind(4, e.tool);
    ins.bind(5, e.command);
    ins.bind(6, e.summary);
    ins.bind(7, e.object_hash);
    ins.bind(8, e.prev_hash);
    ins.bind(9, e.hash);
    ins.exec();
}

std::vector<Entry> log(SQLite::Database& db, const std::optional<std::string>& since) {
    SQLite::Statement q(db,
                        "SELECT seq, at, os_user, tool, command, summary, object_hash, prev_hash, hash "
                        "FROM audit WHERE at >= ? ORDER BY seq");
    q.bind(1, since.value_or(""));
    std::vector<Entry> out;
    while (q.executeStep()) {
        Entry e;
        e.seq = q.getColumn(0).getInt64();
        e.at = q.getColumn(1).getString();
        e.os_user = q.getColumn(2).getString();
        e.tool = q.getColumn(3).getString();
        e.command = q.getColumn(4).getString();
        e.summary = q.getColumn(5).getString();
        e.object_hash = q.getColumn(6).getString();
        e.prev_hash = q.getColumn(7).getString();
        e.hash = q.getColumn(8).getString();
        out.push_back(std::move(e));
    }
    return out;
}

std::string ChainProblem::message() const {
    switch (kind) {
        case Kind::Missing: return _f("audit entry {} is missing", seq);
        case Kind::Unlinked: return _f("audit entry {} does not follow the entry before it", seq);
        case Kind::Altered: break;
    }
    return _f("audit entry {} was altered (its hash does not match)", seq);
}

std::vector<ChainProblem> check_chain(const std::vector<Entry>& entries) {
    std::vector<ChainProblem> problems;
    std::string prev = kGenesis;
    long long expected_seq = 1;
    for (const Entry& e : entries) {
        if (e.seq != expected_seq) problems.push_back({ChainProblem::Kind::Missing, expected_seq});
        if (e.prev_hash != prev) problems.push_back({ChainProblem::Kind::Unlinked, e.seq});
        if (entry_hash(e) != e.hash) problems.push_back({ChainProblem::Kind::Altered, e.seq});
        prev = e.hash;
        expected_seq = e.seq + 1;
    }
    return problems;
}

std::vector<std::string> verify_chain(SQLite::Database& db) {
    std::vector<std::string> out;
    for (const auto& p : check_chain(log(db))) out.push_back(p.message());
    return out;
}

}  // namespace daihoi::audit
