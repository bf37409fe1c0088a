// The counting room's screen (daihoi board, SPEC §13): what it shows and
// hides, that it never writes, its address and token, and the server's
// answers (200, 304, 401, 403) to a real HTTP client.
#include "core/db/backup.hpp"
#include "core/election/election.hpp"
#include "core/error.hpp"
#include "core/hall/board.hpp"
#include "helpers.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

using namespace daihoi;
namespace el = daihoi::election;
using test::ScratchDir;
using J = nlohmann::json;

namespace {

struct Board : ::testing::Test {
    ScratchDir dir;
    std::string path = dir.file("w.db");
    db::Workspace ws = registry::init_congress(path, test::sample_congress());
    void SetUp() override {
        test::open_election_of_three(ws, dir);
    }
    void type(int pass, std::initializer_list<const char*> lines, const std::string& station) {
        for (const char* line : lines) el::enter_ballot(ws, "e", pass, station, el::parse_entry(line, 3));
    }
    J snap() { return J::parse(hall::snapshot(ws.db()).dump()); }
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Every key anywhere in `j`.
void keys(const J& j, std::vector<std::string>& out) {
    if (j.is_object())
        for (auto it = j.begin(); it != j.end(); ++it) {
            out.push_back(it.key());
            keys(it.value(), out);
        }
    else if (j.is_array())
        for (const auto& x : j) keys(x, out);
}

// Waits up to two seconds for `ok`.
template <class F>
bool eventually(F ok) {
    for (int i = 0; i < 200; ++i) {
        if (ok()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return ok();
}

// A board serving on a thread of its own for the length of a test.
struct Serving {
    hall::Board board;
    std::thread thread;
    explicit Serving(const hall::Options& o) : board(o), thread([this] { board.listen(); }) {}
    ~Serving() {
        board.stop();
        thread.join();
    }
};

hall::Options options(const std::string& path, const std::string& listen = "127.0.0.1:0") {
    hall::Options o;
    o.db_path = path;
    o.listen = hall::parse_listen(listen);
    return o;
}

}  // namespace

// ---- what it shows ---------------------------------------------------------------------------

TEST_F(Board, PassesByStationAndHowEachComparesWithPassOne) {
    type(1, {"1: 3", "2: 3", "3: 2"}, "Máy 1");
    type(1, {"4: 1"}, "Máy 2");
    type(2, {"1: 3", "2: 1"}, "Máy 3");  // 2 differs; 3 and 4 not yet entered
    const J s = snap();
    ASSERT_EQ(s["elections"].size(), 1u);
    const J& e = s["elections"][0];
    EXPECT_EQ(e["status"], "open");
    ASSERT_EQ(e["passes"].size(), 2u);
    const J& p1 = e["passes"][0];
    EXPECT_EQ(p1["ballots"], 4);
    EXPECT_EQ(p1["stations"], J::parse(R"([{"station":"Máy 1","ballots":3},{"station":"Máy 2","ballots":1}])"));
    EXPECT_TRUE(p1["agrees"].is_null());
    const J& p2 = e["passes"][1];
    EXPECT_EQ(p2["ballots"], 2);
    EXPECT_EQ(p2["agrees"], false);
    EXPECT_EQ(p2["differences"], J::parse(R"({"differs":1,"only_in_pass1":2,"only_in_pass":0})"));
    EXPECT_EQ(p2["serials"], J::parse("[2]"));  // a ballot not yet entered is counted, not listed
    EXPECT_EQ(p2["serials_more"], 0);
    EXPECT_EQ(s["congress"], test::sample_congress().name);
    EXPECT_TRUE(s["hall"].is_null());  // nobody checked in
}

TEST_F(Board, AResultOnlyOnceTheCountIsClosed) {
    type(1, {"1: 3", "2: 3", "3: 2", "4: 1"}, "");
    type(2, {"1: 3", "2: 3", "3: 2", "4: 1"}, "");
    el::record_counts(ws, "e", 4, 4);
    J e = snap()["elections"][0];
    EXPECT_TRUE(e["result"].is_null());
    EXPECT_EQ(e["issued"], 4);
    EXPECT_EQ(e["passes"][1]["agrees"], true);
    el::close(ws, "e");
    e = snap()["elections"][0];
    EXPECT_EQ(e["status"], "closed");
    ASSERT_TRUE(e["result"].is_object());
    EXPECT_EQ(e["result"]["needed"], 3);
    EXPECT_EQ(e["result"]["candidates"].size(), 3u);
    EXPECT_EQ(e["result"]["candidates"][2]["full_name"], "Lê Văn Cường");
    EXPECT_EQ(e["result"]["candidates"][2]["votes"], 2);
}

TEST_F(Board, NothingOfWhatABallotHoldsNorOfADelegate) {
    type(1, {"1: 3", "2: 1 2"}, "Máy 1");
    std::vector<std::string> all;
    keys(snap(), all);
    for (const char* k : {"kept", "crossed", "disagree", "flag", "delegate", "code"})
        EXPECT_EQ(std::count(all.begin(), all.end(), k), 0) << k;
}

TEST_F(Board, ASetupElectionShowsNoPass) {
    el::create(ws, {"f", "Bầu sau", 1, 0, "committee", "5"});
    const J s = snap();
    ASSERT_EQ(s["elections"].size(), 2u);
    EXPECT_EQ(s["elections"][1]["status"], "setup");
    EXPECT_TRUE(s["elections"][1]["passes"].empty());
}

// ---- it never writes ------------------------------------------------------------------------

TEST_F(Board, TheWorkspaceIsOpenedReadOnly) {
    auto ro = db::Workspace::open_read_only(path);
    EXPECT_THROW(ro.db().exec("DELETE FROM meta"), SQLite::Exception);
    EXPECT_GT(test::count(ws, "meta"), 0);
}

TEST_F(Board, AnOlderOrForeignWorkspaceIsRefused) {
    EXPECT_THROW(db::Workspace::open_read_only(dir.file("none.db")), Refused);
    {
        SQLite::Database other(dir.file("other.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        other.exec("CREATE TABLE t (x)");
    }
    EXPECT_THROW(db::Workspace::open_read_only(dir.file("other.db")), Refused);
    ws.db().exec(fmt::format("PRAGMA user_version = {}", db::Workspace::schema_version() - 1));
    try {
        db::Workspace::open_read_only(path);
        FAIL() << "an older schema was opened";
    } catch (const Refused& e) {
        EXPECT_NE(std::string(e.what()).find("congress show"), std::string::npos) << e.what();
    }
}

TEST_F(Board, ServingChangesNoByteOfTheWorkspace) {
    type(1, {"1: 3"}, "");
    ws.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    const std::string before = slurp(path), wal_before = slurp(path + "-wal");
    {
        Serving s(options(path));
        httplib::Client c("127.0.0.1", s.board.port());
        for (int i = 0; i < 20; ++i) {
            auto r = c.Get(i % 2 ? "/" : "/state.json");
            ASSERT_TRUE(r);
            EXPECT_EQ(r->status, 200);
        }
    }
    EXPECT_EQ(slurp(path), before);
    EXPECT_EQ(slurp(path + "-wal"), wal_before);
}

// ---- the server ------------------------------------------------------------------------------

TEST_F(Board, FollowsCommitsAndAnswersUnchangedWith304) {
    Serving s(options(path));
    EXPECT_TRUE(s.board.token().empty());
    ASSERT_EQ(s.board.urls().size(), 1u);
    EXPECT_EQ(s.board.urls()[0], fmt::format("http://127.0.0.1:{}/", s.board.port()));
    httplib::Client c("127.0.0.1", s.board.port());
    auto page = c.Get("/");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("THEO DÕI KIỂM PHIẾU"), std::string::npos);
    EXPECT_EQ(page->get_header_value("Cache-Control"), "no-store");
    EXPECT_NE(page->get_header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos);

    auto first = c.Get("/state.json");
    ASSERT_TRUE(first);
    const std::string etag = first->get_header_value("ETag");
    ASSERT_FALSE(etag.empty());
    auto same = c.Get("/state.json", {{"If-None-Match", etag}});
    ASSERT_TRUE(same);
    EXPECT_EQ(same->status, 304);

    type(1, {"1: 3"}, "Máy 1");  // another connection commits
    EXPECT_TRUE(eventually([&] {
        auto r = c.Get("/state.json", {{"If-None-Match", etag}});
        return r && r->status == 200 && J::parse(r->body)["elections"][0]["passes"][0]["ballots"] == 1;
    }));
    EXPECT_EQ(J::parse(s.board.state())["elections"][0]["passes"][0]["stations"][0]["station"], "Máy 1");
}

TEST_F(Board, NothingButReading) {
    Serving s(options(path));
    httplib::Client c("127.0.0.1", s.board.port());
    auto post = c.Post("/state.json", "{}", "application/json");
    ASSERT_TRUE(post);
    EXPECT_NE(post->status, 200);
    auto other = c.Get("/../w.db");
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 404);
}

TEST_F(Board, OnTheLoopbackAnotherHostNameIsRefused) {
    Serving s(options(path));
    httplib::Client c("127.0.0.1", s.board.port());
    auto rebound = c.Get("/state.json", {{"Host", "board.example.com"}});
    ASSERT_TRUE(rebound);
    EXPECT_EQ(rebound->status, 403);
    auto local = c.Get("/state.json", {{"Host", fmt::format("localhost:{}", s.board.port())}});
    ASSERT_TRUE(local);
    EXPECT_EQ(local->status, 200);
}

TEST_F(Board, OnTheHallsNetworkEveryRequestNeedsTheToken) {
    Serving s(options(path, "0.0.0.0:0"));
    const std::string token = s.board.token();
    ASSERT_EQ(token.size(), 32u);
    for (const auto& u : s.board.urls()) EXPECT_TRUE(u.ends_with("/?token=" + token)) << u;
    httplib::Client c("127.0.0.1", s.board.port());
    const std::vector<std::string> refused = {"/", "/state.json", "/state.json?token=", "/?token=" + token.substr(1),
                                              "/state.json?token=" + std::string(32, '0')};
    for (const std::string& target : refused) {
        auto r = c.Get(target);
        ASSERT_TRUE(r) << target;
        EXPECT_EQ(r->status, 401) << target;
        EXPECT_EQ(r->body.find("elections"), std::string::npos) << target;
    }
    for (const std::string& target : std::vector<std::string>{"/?token=" + token, "/state.json?token=" + token}) {
        auto r = c.Get(target, {{"Host", "192.0.2.7"}});
        ASSERT_TRUE(r) << target;
        EXPECT_EQ(r->status, 200) << target;
    }
}

TEST_F(Board, AWorkspaceRestoredOverTheFileIsFollowed) {
    Serving s(options(path));
    auto other_congress = test::sample_congress();
    other_congress.name = "Đại hội đại biểu Đảng bộ phường Hòa Bình lần thứ I";
    {
        auto other = registry::init_congress(dir.file("restored.db"), other_congress);
    }
    ws.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    std::filesystem::rename(dir.file("restored.db"), path);  // another file put in its place by hand
    EXPECT_TRUE(eventually([&] { return J::parse(s.board.state())["congress"] == other_congress.name; }));
}

TEST_F(Board, ARestoreIsFollowed) {
    db::backup(ws, dir.file("before.db"), false);
    type(1, {"1: 3"}, "");
    Serving s(options(path));
    EXPECT_EQ(J::parse(s.board.state())["elections"][0]["passes"].size(), 1u);
    db::restore(ws, dir.file("before.db"), true, {});
    EXPECT_TRUE(eventually([&] { return J::parse(s.board.state())["elections"][0]["passes"].empty(); }));
}

TEST_F(Board, APortInUseIsRefused) {
    Serving first(options(path));
    EXPECT_THROW(hall::Board(options(path, fmt::format("127.0.0.1:{}", first.board.port()))), Refused);
}

TEST(BoardAddress, TheListenForms) {
    EXPECT_EQ(hall::parse_listen("127.0.0.1:8080").host, "127.0.0.1");
    EXPECT_EQ(hall::parse_listen("127.0.0.1:8080").port, 8080);
    EXPECT_EQ(hall::parse_listen("0.0.0.0:0").port, 0);
    EXPECT_EQ(hall::parse_listen("[::1]:9000").host, "::1");
    EXPECT_EQ(hall::parse_listen("localhost:80").host, "localhost");
    for (const char* bad : {"", "8080", ":8080", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1",
                            "127.0.0.1:80x", "256.0.0.1:80", "board.example.com:80", "[::1:80", "::1:80",
                            "[zz]:80"})
        EXPECT_THROW(hall::parse_listen(bad), UsageError) << bad;
}

TEST(BoardAddress, Loopback) {
    for (const char* h : {"127.0.0.1", "127.1.2.3", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "localhost"}) EXPECT_TRUE(hall::is_loopback(h)) << h;
    for (const char* h : {"0.0.0.0", "192.168.1.20", "::", "::ffff:10.0.0.1", "10.0.0.1", ""}) EXPECT_FALSE(hall::is_loopback(h)) << h;
    for (const char* h : {"127.0.0.1", "127.0.0.1:8080", "localhost:8080", "LOCALHOST", "[::1]:8080"})
        EXPECT_TRUE(hall::loopback_host_header(h)) << h;
    for (const char* h : {"", "example.com", "localhost.example.com:8080", "127.0.0.1.example.com", "[::1",
                          "192.168.1.20:8080"})
        EXPECT_FALSE(hall::loopback_host_header(h)) << h;
}

TEST(BoardAddress, Tokens) {
    const std::string a = hall::new_token(), b = hall::new_token();
    EXPECT_EQ(a.size(), 32u);
    EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(a, b);
    EXPECT_TRUE(hall::same_token(a, a));
    EXPECT_FALSE(hall::same_token(b, a));
    EXPECT_FALSE(hall::same_token(a.substr(1), a));
    EXPECT_FALSE(hall::same_token("", ""));
}
