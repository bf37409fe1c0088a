// Whole imports through the real import engine (core/db/import_engine.cpp):
// the fuzzer's bytes as a members list or a ballot file, imported into a
// workspace on tmpfs that holds a congress, three members and an open
// election with one ballot entered. Every run starts from the same workspace
// (a copy), so a finding replays. The first byte picks the import (members
// or ballots, pass 1 or 2), the file's format (.csv or .xlsx), a dry run, and
// the encoding said; the rest is the file.
#include "common.hpp"
#include "tests/unit/helpers.hpp"  // the tests' sample congress

#include "core/db/workspace.hpp"
#include "core/election/election.hpp"
#include "core/registry/congress.hpp"
#include "core/registry/members.hpp"

namespace {

using namespace daihoi;

std::string make_template() {
    auto path = (fuzz::scratch() / "template.db").string();
    db::Workspace ws = registry::init_congress(path, test::sample_congress());
    auto members = (fuzz::scratch() / "m.csv").string();
    std::ofstream(members) << "code,full_name,gender,birth_date,party_join_date,official_date\n"
                              "A,Lê Văn An,M,1970-01-01,2000-01-01,2001-01-01\n"
                              "B,Lê Văn Bình,M,1971-01-01,2000-01-01,2001-01-01\n"
                              "C,Lê Văn Cường,M,1972-01-01,2000-01-01,2001-01-01\n";
    registry::import_members(ws, members, {});
    election::create(ws, {"e", "Bầu thử", 2, 0, "committee", "10"});
    election::add_candidates(ws, "e", {"A", "B", "C"}, "committee");
    election::open(ws, "e");
    election::enter_ballot(ws, "e", 1, "", election::parse_entry("1: 2", 3));
    ws.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return path;
}

// A fresh copy of the template, as a workspace.
db::Workspace fresh() {
    static const std::string tmpl = make_template();
    auto path = (fuzz::scratch() / "ws.db").string();
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    std::filesystem::copy_file(tmpl, path, std::filesystem::copy_options::overwrite_existing);
    return db::Workspace::open(path);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::uint8_t how = data[0];
    static constexpr text::Encoding kSaid[] = {text::Encoding::Auto, text::Encoding::Unicode, text::Encoding::Tcvn3,
                                               text::Encoding::Vni};
    db::ImportFile file;
    file.dry_run = how & 4;
    file.encoding = kSaid[(how >> 3) & 3];
    auto path = fuzz::as_file(data + 1, size - 1, (how & 2) ? "xlsx" : "csv");
    db::Workspace ws = fresh();
    fuzz::expect_clean([&] {
        if (how & 1) {
            election::ImportBallots o;
            o.pass = (how & 32) ? 2 : 1;
            o.file = file;
            election::import_ballots(ws, "e", path, o);
        } else {
            registry::ImportOptions o;
            o.file = file;
            registry::import_members(ws, path, o);
        }
    });
    return 0;
}
