// The scanned pages as the workspace keeps them (SPEC §12): a stack kept in
// one transaction with its accepted pages entered as ballots, a page read
// once, a held page decided by a person, a second pass made by confirming
// every page, pages written once, close comparing a scanned pass as a
// collection of ballots, and `audit export` listing every page's hash.
#include "core/election/election.hpp"
#include "core/election/scanned.hpp"
#include "core/error.hpp"
#include "helpers.hpp"

#include <gtest/gtest.h>

using namespace daihoi;
namespace el = daihoi::election;
using test::ScratchDir;

namespace {

struct Scanned : ::testing::Test {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    void SetUp() override {
        test::open_election_of_three(ws, dir);
    }
    static el::PageRecord page(const std::string& name, const std::string& status, std::vector<int> crossed = {}) {
        el::PageRecord p;
        p.file = name;
        p.image = {'P', 'N', 'G', static_cast<std::uint8_t>(name.size())};
        p.sha256 = std::string(63, '0') + name.back();
        p.status = status;
        p.reason = status == "accepted" ? "" : status == "held" ? "doubtful_row" : "other_round";
        p.reading = "{}";
        if (status == "accepted") {
            el::EntryLine e;
            e.crossed = std::move(crossed);
            p.ballot = e;
        }
        return p;
    }
    // A stack of four: two accepted, one held, one rejected.
    void scan_stack(int pass = 1) {
        el::ScanSession s(ws, "e", pass, "máy 1");
        s.keep(page("p1", "accepted", {3}));
        s.keep(page("p2", "held"));
        s.keep(page("p3", "accepted", {1}));
        s.keep(page("p4", "rejected"));
        s.commit("stack");
    }
    static el::EntryLine crossed(std::vector<int> c) {
        el::EntryLine e;
        e.crossed = std::move(c);
        return e;
    }
};

}  // namespace

TEST_F(Scanned, AStackIsKeptWholeAndItsAcceptedPagesEntered) {
    scan_stack();
    auto pages = el::scanned_pages(ws.db(), "e");
    ASSERT_EQ(pages.size(), 4u);
    EXPECT_EQ(pages[0].serial, 1);
    EXPECT_FALSE(pages[1].serial);
    EXPECT_TRUE(pages[1].waiting());
    EXPECT_EQ(pages[2].serial, 2);
    EXPECT_FALSE(pages[3].waiting());
    EXPECT_EQ(pages[0].station, "máy 1");
    EXPECT_EQ(el::count_ballots(ws.db(), "e", 1), 2);
    auto listed = el::list_ballots(ws.db(), "e", 1).ballots;
    EXPECT_EQ(listed[0].crossed, (std::vector<int>{3}));
    EXPECT_EQ(el::page_of_ballot(ws.db(), "e", 1, 2)->file, "p3");
    EXPECT_EQ(el::page_image(ws.db(), "e", pages[0].id), (std::vector<std::uint8_t>{'P', 'N', 'G', 2}));
    // The journal names the page each ballot came from.
    auto j = el::journal(ws.db(), "e");
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[0].action, "entered");
}

TEST_F(Scanned, AStackNotCommittedLeavesNothing) {
    {
        el::ScanSession s(ws, "e", 1, "");
        s.keep(page("p1", "accepted", {3}));
        s.keep(page("p2", "held"));
    }  // a page that could not be read: the command stops without commit
    EXPECT_TRUE(el::scanned_pages(ws.db(), "e").empty());
    EXPECT_EQ(el::count_ballots(ws.db(), "e", 1), 0);
}

TEST_F(Scanned, APageIsReadOnce) {
    scan_stack();
    el::ScanSession s(ws, "e", 2, "");
    auto before = s.stored(std::string(63, '0') + "1", std::string(64, 'e'), 1);
    ASSERT_TRUE(before);
    EXPECT_EQ(before->file, "p1");
    EXPECT_FALSE(s.stored(std::string(64, 'f'), std::string(64, 'e'), 1));
    // The same page of the same file, read again into another image (a PDF at another resolution).
    auto again = s.stored(std::string(64, 'f'), std::string(63, '0') + "3", 1);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->file, "p3");
    EXPECT_THROW(s.keep(page("p1", "held")), SQLite::Exception);  // the schema refuses it too
}

TEST_F(Scanned, AHeldPageIsDecidedOnceIntoItsPass) {
    scan_stack();
    const auto held = el::scanned_pages(ws.db(), "e")[1];
    auto v = el::decide_page(ws, "e", held.id, 1, "bàn 2", crossed({2}));
    EXPECT_EQ(v.serial, 3);
    EXPECT_FALSE(el::scanned_page(ws.db(), "e", held.id).waiting());
    EXPECT_EQ(el::page_of_ballot(ws.db(), "e", 1, 3)->id, held.id);
    try {
        el::decide_page(ws, "e", held.id, 1, "", crossed({1}));
        FAIL();
    } catch (const Refused& e) {
        EXPECT_NE(std::string(e.what()).find("already ballot 3 of pass 1"), std::string::npos) << e.what();
    }
    EXPECT_EQ(el::count_ballots(ws.db(), "e", 1), 3);
}

TEST_F(Scanned, AnAcceptedOrRejectedPageIsNotDecidedAgainInItsPass) {
    scan_stack();
    const auto pages = el::scanned_pages(ws.db(), "e");
    EXPECT_THROW(el::decide_page(ws, "e", pages[0].id, 1, "", crossed({})), Refused);
    EXPECT_THROW(el::decide_page(ws, "e", pages[3].id, 2, "", crossed({})), Refused);
    EXPECT_THROW(el::scanned_page(ws.db(), "e", 999), InputError);
}

TEST_F(Scanned, ConfirmingEveryPageMakesASecondPassThatCloses) {
    scan_stack();
    const auto pages = el::scanned_pages(ws.db(), "e");
    el::decide_page(ws, "e", pages[1].id, 1, "", crossed({2}));  // the held page, into pass 1
    // A person confirms every page on screen, in another order, into pass 2.
    el::decide_page(ws, "e", pages[2].id, 2, "", crossed({1}));
    el::decide_page(ws, "e", pages[1].id, 2, "", crossed({2}));
    el::decide_page(ws, "e", pages[0].id, 2, "", crossed({3}));
    EXPECT_TRUE(el::pass_scanned(ws.db(), "e", 2));
    auto rec = el::reconcile(ws.db(), "e");
    EXPECT_FALSE(rec.of_pass(2).empty());   // serial by serial they differ…
    EXPECT_TRUE(rec.as_collections.at(2));  // …as ballots they are the same,
    EXPECT_TRUE(rec.scanned.at(2));
    EXPECT_TRUE(rec.agrees(2));             // which is agreement for a scanned pass
    EXPECT_TRUE(rec.agree());
    el::record_counts(ws, "e", 3, 3);
    EXPECT_NO_THROW(el::close(ws, "e"));
}

TEST_F(Scanned, ATypedPassInAnotherOrderStillDiffersAtClose) {
    // Two hand passes numbering the same stack differently: the teams must agree on the numbers.
    el::enter_ballot(ws, "e", 1, "", el::parse_entry("1: 3", 3));
    el::enter_ballot(ws, "e", 1, "", el::parse_entry("2: 1", 3));
    el::enter_ballot(ws, "e", 2, "", el::parse_entry("1: 1", 3));
    el::enter_ballot(ws, "e", 2, "", el::parse_entry("2: 3", 3));
    el::record_counts(ws, "e", 2, 2);
    EXPECT_FALSE(el::reconcile(ws.db(), "e").agree());
    EXPECT_THROW(el::close(ws, "e"), Refused);
}

TEST_F(Scanned, AScannedPassThatDiffersAsBallotsDoesNotClose) {
    scan_stack();
    const auto pages = el::scanned_pages(ws.db(), "e");
    el::decide_page(ws, "e", pages[1].id, 1, "", crossed({2}));
    el::enter_ballot(ws, "e", 2, "", el::parse_entry("1: 3", 3));
    el::enter_ballot(ws, "e", 2, "", el::parse_entry("2: 2", 3));
    el::enter_ballot(ws, "e", 2, "", el::parse_entry("3: 2", 3));  // pass 1 has 1, not 2, crossed on one ballot
    el::record_counts(ws, "e", 3, 3);
    EXPECT_THROW(el::close(ws, "e"), Refused);
}

TEST_F(Scanned, PagesAndDecisionsAreWrittenOnce) {
    scan_stack();
    EXPECT_THROW(ws.db().exec("UPDATE scan_pages SET status = 'accepted'"), SQLite::Exception);
    EXPECT_THROW(ws.db().exec("DELETE FROM scan_pages"), SQLite::Exception);
    EXPECT_THROW(ws.db().exec("UPDATE scan_decisions SET serial = 9"), SQLite::Exception);
    EXPECT_THROW(ws.db().exec("DELETE FROM scan_decisions"), SQLite::Exception);
}

TEST_F(Scanned, NoPageIsKeptOnceTheCountIsClosed) {
    el::record_counts(ws, "e", 0, 0);
    el::close(ws, "e");
    EXPECT_THROW(el::ScanSession(ws, "e", 1, ""), Refused);
}

TEST_F(Scanned, AuditExportListsEveryPageHash) {
    scan_stack();
    auto j = el::export_record(ws.db(), "e");
    ASSERT_EQ(j["scanned_pages"].size(), 4u);
    EXPECT_EQ(j["scanned_pages"][0]["sha256"], std::string(63, '0') + "1");
    EXPECT_EQ(j["scanned_pages"][3]["status"], "rejected");
    EXPECT_FALSE(j["record"].contains("scanned_pages"));  // the pages are evidence, not the sealed record
}
