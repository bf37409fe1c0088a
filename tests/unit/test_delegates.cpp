// core/delegates: the list of delegates, replacements, attendance, and the
// majority base of RULES.md "Majority", case by case.
#include "core/base/i18n.hpp"
#include "core/delegates/delegates.hpp"
#include "core/delegates/door.hpp"
#include "core/error.hpp"
#include "helpers.hpp"

#include <fmt/format.h>
#include <filesystem>
#include <functional>
#include <gtest/gtest.h>

using namespace daihoi;
namespace dl = daihoi::delegates;
using test::ScratchDir;

namespace {

struct Delegates : ::testing::Test {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    registry::ImportOptions opt{};

    // n full members D01…Dn, plus P01 (probationary) and R01…R03.
    void members(int n) {
        std::string csv = "code,full_name,gender,birth_date,party_join_date,official_date\n";
        for (int i = 1; i <= n; ++i) csv += fmt::format("D{:02},Nguyễn Văn Số{},M,1970-01-01,2000-01-01,2001-01-01\n", i, i);
        csv += "P01,Lê Thị Dự Bị,F,1999-01-01,2025-01-01,\n";
        for (int i = 1; i <= 3; ++i) csv += fmt::format("R{:02},Trần Văn Khuyết{},M,1980-01-01,2005-01-01,2006-01-01\n", i, i);
        registry::import_members(ws, dir.write("m.csv", csv), opt);
        dl::import_units(ws, dir.write("u.csv", "code,name,members\nU1,Chi bộ 1,100\nU2,Chi bộ 2,50\n"), opt);
    }
    void delegates(const std::string& rows) {
        dl::import_delegates(ws, dir.write("d.csv", std::string("code,kind,unit\n").append(rows)), opt);
    }
    std::string elected(int from, int to, const std::string& unit = "U1") {
        std::string s;
        for (int i = from; i <= to; ++i) s += fmt::format("D{:02},elected,{}\n", i, unit);
        return s;
    }
    dl::MajorityBase base() { return dl::convened_base(ws.db()); }
};

}  // namespace

// dangcongsan.vn: 11 full members, 10 present — 5 votes is not enough, 6 are needed.
TEST_F(Delegates, PartyExampleElevenMembersTenPresent) {
    registry::set_congress_field(ws, "kind", "members");  // a cell's members' congress
    members(11);
    std::string rows;
    for (int i = 1; i <= 11; ++i) rows += fmt::format("D{:02},member,\n", i);
    delegates(rows);
    std::vector<std::string> present;
    for (int i = 1; i <= 10; ++i) present.push_back(fmt::format("D{:02}", i));
    dl::checkin(ws, present, "1");
    auto q = dl::quorum(ws.db(), "1");
    EXPECT_EQ(q.convened, 11);
    EXPECT_EQ(q.present, 10);
    EXPECT_EQ(q.absent, 1);
    EXPECT_EQ(q.base.count, 11);  // the base is those convened, not those present
    EXPECT_EQ(q.base.needed(), 6);
    EXPECT_FALSE(2 * 5 > q.base.count);
    EXPECT_TRUE(2 * 6 > q.base.count);
}

TEST_F(Delegates, AbsentForTheWholeCongressNotReplacedLeavesTheBase) {
    members(10);
    delegates(elected(1, 10));
    dl::mark_absent(ws, "D03", true, "ốm nặng");
    EXPECT_EQ(base().count, 9);
    EXPECT_EQ(base().absent_unreplaced, 1);
    // Absent for part of the congress only: still counted.
    dl::mark_absent(ws, "D04", false, "đi công tác buổi sáng");
    EXPECT_EQ(base().count, 9);
}

TEST_F(Delegates, ReplacedDelegateCountsThroughTheReserve) {
    members(10);
    delegates(elected(1, 10) + "R01,reserve,U1\n");
    EXPECT_EQ(base().count, 10);  // the reserve does not count until it takes a place
    dl::replace_delegate(ws, "D03", "R01", "ốm nặng");
    auto b = base();
    EXPECT_EQ(b.count, 10);
    EXPECT_EQ(b.replaced, 1);
    auto d3 = dl::find_delegate(ws.db(), "D03"), r1 = dl::find_delegate(ws.db(), "R01");
    EXPECT_EQ(d3->status, dl::Status::AbsentWholeCongress);  // both records are kept
    EXPECT_EQ(d3->replaced_by, "R01");
    EXPECT_EQ(r1->replaces, "D03");
    EXPECT_TRUE(r1->seated());
    EXPECT_FALSE(d3->seated());
    EXPECT_EQ(dl::quorum(ws.db(), "1").convened, 10);
}

// A reserve (đại biểu dự khuyết) votes only once it has taken an official's
// place: before, the list, its JSON and the base all say it has no vote.
TEST_F(Delegates, AReserveWhoReplacedNoOneHasNoVote) {
    members(4);
    delegates(elected(1, 4) + "R01,reserve,U1\nR02,reserve,U1\n");
    auto r1 = dl::find_delegate(ws.db(), "R01");
    EXPECT_TRUE(r1->voting);  // convened with a vote: a full member
    EXPECT_FALSE(r1->votes());
    EXPECT_EQ(dl::to_json(*r1)["voting"], false);
    EXPECT_EQ(base().count, 4);  // unseated reserves are not in the base
    EXPECT_EQ(base().official_voting, 4);
    dl::replace_delegate(ws, "D02", "R01", "ốm nặng");
    r1 = dl::find_delegate(ws.db(), "R01");
    EXPECT_TRUE(r1->votes());
    EXPECT_EQ(dl::to_json(*r1)["voting"], true);
    EXPECT_FALSE(dl::find_delegate(ws.db(), "R02")->votes());  // still waiting
    EXPECT_EQ(base().count, 4);  // R01 counts instead of D02, R02 not at all
    EXPECT_EQ(base().replaced, 1);
    EXPECT_EQ(dl::quorum(ws.db(), "1").seated, 4);
}

TEST_F(Delegates, AProbationaryReserveHasNoVoteEvenInAPlace) {
    members(4);
    delegates(elected(1, 4) + "P01,reserve,U1\n");
    dl::replace_delegate(ws, "D01", "P01", "ốm");
    auto p = dl::find_delegate(ws.db(), "P01");
    EXPECT_TRUE(p->seated());
    EXPECT_FALSE(p->votes());
    EXPECT_EQ(base().count, 3);  // the place is taken by one without a vote
    EXPECT_EQ(base().replaced, 0);
}

// D'Hondt, 2 seats among U1 (100) and U2 (50), no minimum: U1 first, then
// U1's 50 and U2's 50 tie for the last seat. Not saved until settled.
TEST_F(Delegates, AnUnsettledTieIsNotSaved) {
    members(1);
    dl::ApportionRequest r;
    r.method = dl::Method::DHondt;
    r.seats = 2;
    r.min_seats = 0;
    auto a = dl::apportion_units(ws.db(), r);
    EXPECT_FALSE(a.settled());
    EXPECT_THROW(dl::save_apportionment(ws, r, a), Refused);
    EXPECT_FALSE(dl::saved_apportionment(ws.db()));
    r.tie_break = dl::TieBreak::Membership;
    a = dl::apportion_units(ws.db(), r);
    dl::save_apportionment(ws, r, a);
    auto saved = dl::saved_apportionment(ws.db());
    ASSERT_TRUE(saved);
    ASSERT_EQ(saved->ties.size(), 1u);
    EXPECT_EQ(saved->ties[0].units, (std::vector<std::string>{"U1", "U2"}));
    EXPECT_EQ(saved->ties[0].won_by, (std::vector<std::string>{"U1"}));
    EXPECT_EQ(dl::value_text(saved->ties[0]), "50");
    EXPECT_EQ(saved->ties[0].broken_by, dl::TieBreak::Membership);
}

TEST_F(Delegates, AbsentConveningCommitteeMemberIsSubtracted) {
    members(10);
    delegates(elected(1, 8) + "D09,ex-officio,\nD10,ex-officio,\n");
    dl::mark_absent(ws, "D10", true, "công tác nước ngoài");
    auto b = base();
    EXPECT_EQ(b.count, 9);
    EXPECT_EQ(b.ex_officio_absent, 1);
}

TEST_F(Delegates, DisqualifiedNotReplacedIsSubtracted) {
    members(10);
    delegates(elected(1, 10) + "R01,reserve,U1\n");
    dl::disqualify(ws, "D05", "không đủ tư cách");
    EXPECT_EQ(base().count, 9);
    dl::replace_delegate(ws, "D05", "R01", "");
    EXPECT_EQ(base().count, 10);
}

TEST_F(Delegates, ProbationaryMemberAttendsButDoesNotVote) {
    members(4);
    delegates(elected(1, 4) + "P01,elected,U1\n");
    auto p = dl::find_delegate(ws.db(), "P01");
    EXPECT_FALSE(p->voting);
    EXPECT_EQ(base().count, 4);
}

TEST_F(Delegates, ReplacementRefusals) {
    members(6);
    delegates(elected(1, 4) + "D05,ex-officio,\nR01,reserve,U2\nR02,reserve,U1\n");
    EXPECT_THROW(dl::replace_delegate(ws, "D01", "D02", "x"), InputError);  // D02 is not a reserve
    EXPECT_THROW(dl::replace_delegate(ws, "D01", "R01", "x"), InputError);  // reserve of another unit
    EXPECT_THROW(dl::replace_delegate(ws, "D05", "R02", "x"), InputError);  // ex-officio
    EXPECT_THROW(dl::replace_delegate(ws, "D01", "R02", ""), InputError);   // no reason for a convened delegate
    EXPECT_THROW(dl::replace_delegate(ws, "D01", "D06", "x"), InputError);  // D06 is not a delegate
    dl::replace_delegate(ws, "D01", "R02", "x");
    EXPECT_THROW(dl::replace_delegate(ws, "D02", "R02", "x"), InputError);  // R02 already took a place
    EXPECT_EQ(base().count, 5);
}

TEST_F(Delegates, BadImportsChangeNothing) {
    members(3);
    delegates(elected(1, 2));
    auto audit_before = test::count(ws, "audit");
    auto refuse = [&](const std::string& rows, const std::string& expect) {
        try {
            delegates(rows);
            ADD_FAILURE() << "imported: " << rows;
        } catch (const InputError& e) {
            EXPECT_NE(e.diagnostics()[0].message.find(expect), std::string::npos) << e.diagnostics()[0].message;
        }
    };
    refuse("ZZ9,elected,U1\n", "no member with code 'ZZ9' in the registry");
    refuse("D03,elected,U1\nD03,elected,U1\n", "repeats line 2");
    refuse("D03,elected,U9\n", "no unit with code or name 'U9'");
    refuse("D03,observer,U1\n", "unknown value 'observer'");
    EXPECT_EQ(test::count(ws, "delegates"), 2);
    EXPECT_EQ(test::count(ws, "audit"), audit_before);
}

TEST_F(Delegates, SeatsFewerThanUnitsTimesMinimumRefused) {
    members(1);
    EXPECT_THROW(dl::apportion_units(ws.db(), {dl::Method::Hamilton, 1, 1, 0, 0, 0, {}}), InputError);
    auto a = dl::apportion_units(ws.db(), {dl::Method::Hamilton, 9, 1, 0, 0, 0, {}});
    dl::save_apportionment(ws, {dl::Method::Hamilton, 9, 1, 0, 0, 0, {}}, a);
    auto saved = dl::saved_apportionment(ws.db());
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->units.at(0).seats, 6);  // 100 : 50 members, 9 seats → 6 : 3
    EXPECT_EQ(saved->units.at(1).seats, 3);
}

TEST_F(Delegates, CheckinAndCheckoutPerSession) {
    members(3);
    delegates(elected(1, 3));
    auto r = dl::checkin(ws, {"D01", "D02"}, "1");
    EXPECT_EQ(r.changed, 2u);
    EXPECT_EQ(dl::checkin(ws, {"D01"}, "1").already, 1u);
    dl::checkout(ws, {"D02"}, "1");
    EXPECT_EQ(dl::present_at(ws.db(), "1"), (std::vector<std::string>{"D01"}));
    EXPECT_TRUE(dl::present_at(ws.db(), "2").empty());
    EXPECT_THROW(dl::checkin(ws, {"D01", "ZZ"}, "1"), InputError);
}

TEST_F(Delegates, CheckedInTwiceIsNamedAndNotRecordedAgain) {
    members(3);
    delegates(elected(1, 3));
    dl::checkin(ws, {"D01"}, "1");
    auto since = ws.db().execAndGet("SELECT checked_in_at FROM attendance WHERE code = 'D01'").getString();
    auto r = dl::checkin(ws, {"D01", "D02", "D02"}, "1");
    EXPECT_EQ(r.changed, 1u);
    ASSERT_EQ(r.already_named.size(), 1u);
    EXPECT_EQ(r.already_named[0].code, "D01");
    EXPECT_EQ(r.already_named[0].full_name, "Nguyễn Văn Số1");
    EXPECT_EQ(r.already_named[0].since, since);  // the first check-in stands
    EXPECT_EQ(r.repeated, std::vector<std::string>{"D02"});
    EXPECT_EQ(ws.db().execAndGet("SELECT checked_in_at FROM attendance WHERE code = 'D01'").getString(), since);
}

TEST_F(Delegates, QuorumListsWhoHasNotCheckedIn) {
    members(4);
    delegates(elected(1, 4) + "R01,reserve,U1\n");
    dl::mark_absent(ws, "D04", true, "ốm");
    dl::checkin(ws, {"D02"}, "1");
    auto q = dl::quorum(ws.db(), "1");
    std::vector<std::string> codes;
    for (const auto& d : q.not_checked_in) codes.push_back(d.code);
    // Only the seated: not the delegate absent for the whole congress, nor the reserve without a place.
    EXPECT_EQ(codes, (std::vector<std::string>{"D01", "D03"}));
    EXPECT_EQ(q.absent, 2);
}

// The Party's rules need no share present; two thirds is stated only where
// the congress's own rules ask for it: 3 × present ≥ 2 × convened.
TEST_F(Delegates, QuorumStatesTwoThirdsOnlyWhenTheSettingAsks) {
    members(4);
    delegates(elected(1, 4));
    dl::checkin(ws, {"D01", "D02"}, "1");
    EXPECT_FALSE(dl::quorum(ws.db(), "1").two_thirds_needed);  // off by default
    registry::set_congress_field(ws, "quorum", "hai phần ba");
    auto q = dl::quorum(ws.db(), "1");
    ASSERT_TRUE(q.two_thirds_needed);
    EXPECT_EQ(*q.two_thirds_needed, 3);  // 2 × 4 = 8 ≤ 3 × 3
    EXPECT_FALSE(q.two_thirds_met());
    dl::checkin(ws, {"D03"}, "1");
    EXPECT_TRUE(dl::quorum(ws.db(), "1").two_thirds_met());
    EXPECT_THROW(registry::set_congress_field(ws, "quorum", "half"), InputError);
    registry::set_congress_field(ws, "quorum", "none");
    EXPECT_FALSE(dl::quorum(ws.db(), "1").two_thirds_needed);
}

TEST_F(Delegates, VotingPresenceCountsOnlyThoseWithAVoteAtTheLatestSession) {
    members(4);
    delegates(elected(1, 3) + "P01,elected,U1\n");  // P01: probationary, may attend, no vote
    EXPECT_FALSE(dl::voting_presence(ws.db()));      // check-in not used
    dl::checkin(ws, {"D01", "D02", "P01"}, "1");
    auto p = dl::voting_presence(ws.db());
    ASSERT_TRUE(p);
    EXPECT_EQ(p->session, "1");
    EXPECT_EQ(p->present, 2);
    dl::checkout(ws, {"D02"}, "1");
    EXPECT_EQ(dl::voting_presence(ws.db(), "1")->present, 1);
    EXPECT_FALSE(dl::voting_presence(ws.db(), "2"));
}

TEST_F(Delegates, AReplacedPlaceCountsOnlyThroughASeatedVotingReserve) {
    members(10);
    delegates(elected(1, 10) + "R01,reserve,U1\nR02,reserve,U1\n");
    dl::replace_delegate(ws, "D01", "R01", "ốm");
    EXPECT_EQ(base().count, 10);
    // The reserve who took the place is then disqualified: the place is lost.
    dl::disqualify(ws, "R01", "không đủ tư cách");
    EXPECT_EQ(base().count, 9);
    EXPECT_FALSE(dl::find_delegate(ws.db(), "R01")->seated());
    // A replaced delegate cannot be marked otherwise, nor a bad reserve take a place.
    EXPECT_THROW(dl::mark_absent(ws, "D01", false, "x"), Refused);
    EXPECT_THROW(dl::replace_delegate(ws, "D02", "R01", "x"), InputError);
}

TEST_F(Delegates, CheckInOnlyForThoseWhoSit) {
    members(4);
    delegates(elected(1, 4) + "R01,reserve,U1\n");
    dl::mark_absent(ws, "D04", true, "ốm");
    EXPECT_THROW(dl::checkin(ws, {"R01"}, "1"), InputError);  // a reserve who has not taken a place
    EXPECT_THROW(dl::checkin(ws, {"D04"}, "1"), InputError);  // absent for the whole congress
    auto q = dl::quorum(ws.db(), "1");
    EXPECT_EQ(q.convened, 4);
    EXPECT_EQ(q.seated, 3);
}

TEST_F(Delegates, UnitsWithoutMembersRefusedNotCrashed) {
    members(1);
    dl::import_units(ws, dir.write("u0.csv", "code,name,members\nU1,Chi bộ 1,0\nU2,Chi bộ 2,0\n"), opt);
    EXPECT_THROW(dl::apportion_units(ws.db(), {dl::Method::Hamilton, 10, 0, 0, 0, 0, {}}), InputError);
    EXPECT_THROW(dl::apportion_units(ws.db(), {dl::Method::DHondt, 10, 0, 0, 0, 0, {}}), InputError);
}

TEST_F(Delegates, ReimportCannotBreakAReplacement) {
    members(4);
    delegates(elected(1, 4) + "R01,reserve,U1\n");
    dl::replace_delegate(ws, "D01", "R01", "ốm");
    EXPECT_THROW(delegates("R01,elected,U1\n"), InputError);
    delegates("R01,reserve,U1\n");  // unchanged: fine
}

// ---- the value sets --------------------------------------------------------------------

TEST(DelegateKinds, AcceptCodesAndVietnameseWords) {
    EXPECT_EQ(dl::parse_kind("elected"), dl::Kind::Elected);
    EXPECT_EQ(dl::parse_kind("đại biểu"), dl::Kind::Elected);
    EXPECT_EQ(dl::parse_kind("Bầu"), dl::Kind::Elected);
    EXPECT_EQ(dl::parse_kind("dự khuyết"), dl::Kind::Reserve);
    EXPECT_EQ(dl::parse_kind("Đại biểu dự khuyết"), dl::Kind::Reserve);
    EXPECT_EQ(dl::parse_kind("du khuyet"), dl::Kind::Reserve);
    EXPECT_EQ(dl::parse_kind("đương nhiên"), dl::Kind::ExOfficio);
    EXPECT_EQ(dl::parse_kind("ex_officio"), dl::Kind::ExOfficio);
    EXPECT_EQ(dl::parse_kind("chỉ định"), dl::Kind::Appointed);
    EXPECT_EQ(dl::parse_kind("đảng viên"), dl::Kind::Member);
    EXPECT_FALSE(dl::parse_kind("observer"));
    EXPECT_FALSE(dl::parse_kind(""));
    for (const auto& c : dl::kinds().all()) EXPECT_EQ(dl::parse_kind(c.code), c.value) << c.code;
}

TEST(DelegateKinds, UnknownValueListsTheAcceptedOnes) {
    i18n::init(i18n::Lang::En);
    EXPECT_EQ(dl::kinds().unknown("observer"),
              "unknown value 'observer' (accepted: elected, ex-officio, appointed, reserve, member)");
    i18n::init(i18n::Lang::Vi);  // the words of the reader's language
    EXPECT_EQ(dl::kinds().unknown("x"),
              "giá trị 'x' không hợp lệ (chấp nhận: đại biểu được bầu, đại biểu đương nhiên, đại biểu chỉ định, "
              "đại biểu dự khuyết, đảng viên được triệu tập)");
    i18n::init(i18n::Lang::En);
}

TEST(DelegateStatus, OneVocabularyOfCodes) {
    i18n::init(i18n::Lang::En);
    std::vector<std::string> codes;
    for (const auto& c : dl::statuses().all()) codes.emplace_back(c.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"convened", "absent", "absent_whole_congress", "disqualified"}));
    EXPECT_EQ(dl::statuses().parse("vắng mặt suốt đại hội"), dl::Status::AbsentWholeCongress);
    EXPECT_EQ(dl::statuses().parse("absent_whole_congress"), dl::Status::AbsentWholeCongress);
    EXPECT_EQ(dl::statuses().parse("Vắng mặt"), dl::Status::Absent);
    EXPECT_EQ(std::string(dl::statuses().label(dl::Status::Disqualified)), "disqualified");
}

TEST_F(Delegates, StatusCodesInJsonWithFullName) {
    members(4);
    delegates(elected(1, 4) + "R01,reserve,U1\n");
    dl::mark_absent(ws, "D02", false, "về sớm");
    dl::disqualify(ws, "D03", "không đủ tư cách");
    dl::replace_delegate(ws, "D01", "R01", "ốm");
    auto json_of = [&](const std::string& code) { return dl::to_json(*dl::find_delegate(ws.db(), code)); };
    EXPECT_EQ(json_of("D01")["status"], "absent_whole_congress");
    EXPECT_EQ(json_of("D01")["replaced_by"], "R01");
    EXPECT_EQ(json_of("R01")["status"], "convened");
    EXPECT_EQ(json_of("R01")["replaces"], "D01");
    EXPECT_EQ(json_of("D02")["status"], "absent");
    EXPECT_EQ(json_of("D03")["status"], "disqualified");
    EXPECT_EQ(json_of("D04")["status"], "convened");
    EXPECT_EQ(json_of("D04")["full_name"], "Nguyễn Văn Số4");
    EXPECT_FALSE(json_of("D04").contains("name"));
    EXPECT_FALSE(json_of("D01").contains("whole_congress"));
}

// ---- codes not on the list: one answer, exit 3, nothing changed -----------------------------

TEST_F(Delegates, UnknownDelegateCodesAnswerOnce) {
    i18n::init(i18n::Lang::En);
    members(4);
    delegates(elected(1, 4) + "R01,reserve,U1\n");
    auto audit_before = test::count(ws, "audit");
    auto messages = [&](const std::function<void()>& f) {
        std::vector<std::string> out;
        try {
            f();
            ADD_FAILURE() << "accepted an unknown code";
        } catch (const InputError& e) {
            EXPECT_EQ(e.code(), Exit::BadInput);
            for (const auto& d : e.diagnostics()) out.push_back(d.message);
        }
        return out;
    };
    using V = std::vector<std::string>;
    EXPECT_EQ(messages([&] { dl::replace_delegate(ws, "ZZ1", "ZZ2", "x"); }),
              (V{"ZZ1 is not on the list of delegates", "ZZ2 is not on the list of delegates"}));
    EXPECT_EQ(messages([&] { dl::disqualify(ws, "ZZ1", "x"); }), V{dl::unknown_delegate_message("ZZ1")});
    EXPECT_EQ(messages([&] { dl::mark_absent(ws, "ZZ1", true, "x"); }), V{dl::unknown_delegate_message("ZZ1")});
    EXPECT_EQ(messages([&] { dl::checkin(ws, {"D01", "ZZ1"}, "1"); }), V{dl::unknown_delegate_message("ZZ1")});
    EXPECT_EQ(messages([&] { dl::checkout(ws, {"ZZ1"}, "1"); }), V{dl::unknown_delegate_message("ZZ1")});
    EXPECT_EQ(messages([&] { dl::require_delegate(ws.db(), "ZZ1"); }), V{dl::unknown_delegate_message("ZZ1")});
    // A member code that names nobody: the registry's one answer.
    EXPECT_EQ(messages([&] { dl::add_delegate(ws, "ZZ1", dl::Kind::Elected, "U1"); }),
              V{registry::unknown_member_message("ZZ1")});
    EXPECT_EQ(test::count(ws, "audit"), audit_before);
    EXPECT_TRUE(dl::present_at(ws.db(), "1").empty());
    EXPECT_EQ(dl::find_delegate(ws.db(), "D01")->status, dl::Status::Convened);
}

// ---- completion ----------------------------------------------------------------------------

TEST_F(Delegates, CompletionListsTheDelegateCodes) {
    members(3);
    delegates(elected(1, 3));
    EXPECT_EQ(dl::delegate_codes(dir.file("w.db")), (std::vector<std::string>{"D01", "D02", "D03"}));
    EXPECT_TRUE(dl::delegate_codes(dir.file("none.db")).empty());
    EXPECT_FALSE(std::filesystem::exists(dir.file("none.db")));  // never created
}

// ---- the doors (checkin --scan, --find) ----------------------------------------------

TEST_F(Delegates, ADoorAnswersEachCodeAndCountsACardReadTwiceOnce) {
    members(4);
    delegates(elected(1, 3) + "R01,reserve,U1\n");
    using S = dl::DoorAnswer::Status;
    auto a = dl::check_in_at_door(ws, " D01\r", "1", "Cửa 1");  // as a reader types it
    EXPECT_EQ(a.status, S::CheckedIn);
    EXPECT_EQ(a.code, "D01");
    EXPECT_EQ(a.unit, "Chi bộ 1");
    EXPECT_EQ(a.present, 1u);
    EXPECT_EQ(a.seated, 3u);
    // The same card at another door: who, when and where it was first read.
    auto again = dl::check_in_at_door(ws, "D01", "1", "Cửa 2");
    EXPECT_EQ(again.status, S::Already);
    EXPECT_EQ(again.station, "Cửa 1");
    EXPECT_FALSE(again.since.empty());
    EXPECT_EQ(again.present, 1u);
    EXPECT_EQ(dl::present_at(ws.db(), "1"), (std::vector<std::string>{"D01"}));
    // A reserve who has taken no place, a member not convened, a code of nobody.
    auto r = dl::check_in_at_door(ws, "R01", "1", "Cửa 1");
    EXPECT_EQ(r.status, S::NotSeated);
    EXPECT_NE(r.why.find("R01"), std::string::npos);
    EXPECT_EQ(dl::check_in_at_door(ws, "D04", "1", "Cửa 1").status, S::NotConvened);
    EXPECT_EQ(dl::check_in_at_door(ws, "ZZ9", "1", "Cửa 1").status, S::Unknown);
    EXPECT_EQ(dl::check_in_at_door(ws, "", "1", "Cửa 1").status, S::Unknown);
    EXPECT_EQ(dl::present_at(ws.db(), "1").size(), 1u);
    // Presence is kept per session: the next day's session starts empty.
    EXPECT_EQ(dl::check_in_at_door(ws, "D01", "2", "Cửa 2").status, S::CheckedIn);
    // Who is still missing, in list order.
    std::vector<std::string> missing;
    for (const auto& d : dl::missing_at(ws.db(), "1")) missing.push_back(d.code);
    EXPECT_EQ(missing, (std::vector<std::string>{"D02", "D03"}));
}

TEST_F(Delegates, FindByNameKeepsTheMarksAsTypedElseIgnoresThem) {
    std::string csv = "code,full_name,gender,birth_date,party_join_date,official_date\n"
                      "H1,Nguyễn Văn Hùng,M,1970-01-01,2000-01-01,2001-01-01\n"
                      "H2,Trần Hưng,M,1970-01-01,2000-01-01,2001-01-01\n"
                      "H3,Lê Thị Lan,F,1970-01-01,2000-01-01,2001-01-01\n";
    registry::import_members(ws, dir.write("h.csv", csv), opt);
    delegates("H1,elected,\nH2,elected,\nH3,elected,\n");
    auto codes = [&](const std::string& text) {
        std::vector<std::string> out;
        for (const auto& d : dl::find_by_name(ws.db(), text)) out.push_back(d.code);
        std::sort(out.begin(), out.end());
        return out;
    };
    EXPECT_EQ(codes("Hùng"), (std::vector<std::string>{"H1"}));  // not Hưng
    EXPECT_EQ(codes("hưng"), (std::vector<std::string>{"H2"}));
    EXPECT_EQ(codes("Hung"), (std::vector<std::string>{"H1", "H2"}));  // no marks typed: both
    EXPECT_EQ(codes("lan"), (std::vector<std::string>{"H3"}));
    EXPECT_TRUE(codes("Minh").empty());
    EXPECT_TRUE(codes("  ").empty());
}
