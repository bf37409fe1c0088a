// Test helpers: scratch directories, files, a fresh workspace with a congress.
#pragma once

#include "core/db/workspace.hpp"
#include "core/election/election.hpp"
#include "core/registry/congress.hpp"
#include "core/registry/members.hpp"

#include <filesystem>
#include <fstream>
#include <string>

namespace daihoi::test {

class ScratchDir {
public:
    ScratchDir() {
        char tmpl[] = "/tmp/daihoi-test-XXXXXX";
        path_ = mkdtemp(tmpl);
    }
    ~ScratchDir() { std::filesystem::remove_all(path_); }
    std::string file(const std::string& name) const { return (path_ / name).string(); }
    std::string write(const std::string& name, const std::string& content) const {
        std::ofstream(path_ / name, std::ios::binary) << content;
        return file(name);
    }

private:
    std::filesystem::path path_;
};

inline registry::Congress sample_congress() {
    registry::Congress c;
    c.name = "Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ XV";
    c.organization = "Đảng bộ xã Tân Lập";
    c.level = registry::Level::Commune;
    c.kind = registry::CongressKind::Delegates;
    c.term_start = 2025;
    c.term_end = 2030;
    c.date = {2025, 7, 15};
    c.place = "Tân Lập";
    return c;
}

// Members A, B, C (Lê Văn An, Bình, Cường) and election "e" (Bầu thử: two
// seats, a base of 5) of the three, opened: the smallest count to test on.
inline void open_election_of_three(db::Workspace& ws, const ScratchDir& dir) {
    registry::import_members(ws, dir.write("m.csv", "code,full_name,gender,birth_date,party_join_date,official_date\n"
                                                    "A,Lê Văn An,M,1970-01-01,2000-01-01,2001-01-01\n"
                                                    "B,Lê Văn Bình,M,1971-01-01,2000-01-01,2001-01-01\n"
                                                    "C,Lê Văn Cường,M,1972-01-01,2000-01-01,2001-01-01\n"),
                             {});
    election::create(ws, {"e", "Bầu thử", 2, 0, "committee", "5"});
    election::add_candidates(ws, "e", {"A", "B", "C"}, "committee");
    election::open(ws, "e");
}

inline long long count(db::Workspace& ws, const std::string& table) {
    return ws.db().execAndGet("SELECT count(*) FROM " + table).getInt64();
}

}  // namespace daihoi::test
