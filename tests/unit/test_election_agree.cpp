// Agree/disagree ballots (SPEC §5.1–5.3; Quy chế 244 Art. 17 and 32): the
// count of the pure tally, then the store — create, open, the file and the
// terminal, the record, seal and verify.
#include "core/audit/sha256.hpp"
#include "core/election/election.hpp"
#include "core/election/tally.hpp"
#include "core/error.hpp"
#include "helpers.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>

using namespace daihoi;
namespace el = daihoi::election;
using el::Form;
using test::ScratchDir;

namespace {

el::TallyInput agree_list(int names, int seats, std::optional<std::int64_t> base) {
    el::TallyInput in;
    in.seats = seats;
    in.form = Form::Agree;
    in.base = base;
    for (int p = 1; p <= names; ++p) in.candidates.push_back({p, fmt::format("C{}", p), std::string(1, char('A' + p - 1))});
    return in;
}

// A ballot as the voter marked it: the rows in each box.
el::Ballot marked(std::int64_t serial, std::vector<int> agree, std::vector<int> disagree, std::string flag = "") {
    return {serial, el::PositionSet::of(agree), std::move(flag), el::PositionSet::of(disagree)};
}

// Votes, disagree and no-vote counts by candidate name.
std::map<std::string, std::array<std::int64_t, 3>> by_name(const el::TallyResult& r) {
    std::map<std::string, std::array<std::int64_t, 3>> m;
    for (const auto& c : r.candidates) m[c.name] = {c.votes, c.disagree, c.no_vote};
    return m;
}

}  // namespace

// ---- the count -----------------------------------------------------------------------

TEST(AgreeBallot, BothBoxesGiveNoVoteBallotStaysValid) {
    auto t = el::tally(agree_list(3, 3, 10), {marked(1, {1, 2, 3}, {2})});  // row 2 marked twice
    EXPECT_EQ(t.valid, 1);
    EXPECT_EQ(t.invalid, 0);
    auto m = by_name(t);
    EXPECT_EQ(m["A"], (std::array<std::int64_t, 3>{1, 0, 0}));
    EXPECT_EQ(m["B"], (std::array<std::int64_t, 3>{0, 0, 1}));  // no vote, not a disagree
    EXPECT_EQ(m["C"], (std::array<std::int64_t, 3>{1, 0, 0}));
}

TEST(AgreeBallot, NeitherBoxGivesNoVoteBallotStaysValid) {
    auto t = el::tally(agree_list(3, 3, 10), {marked(1, {1}, {3}), marked(2, {}, {})});  // row 2 blank; a blank ballot
    EXPECT_EQ(t.valid, 2);
    EXPECT_EQ(t.invalid, 0);
    auto m = by_name(t);
    EXPECT_EQ(m["A"], (std::array<std::int64_t, 3>{1, 0, 1}));
    EXPECT_EQ(m["B"], (std::array<std::int64_t, 3>{0, 0, 2}));
    EXPECT_EQ(m["C"], (std::array<std::int64_t, 3>{0, 1, 1}));
}

// No over_vote (a vote per row at most: C = places) and no all_crossed (no
// surplus): even a list the tally is handed with more names than places
// makes no agree ballot invalid but by the board's flag.
TEST(AgreeBallot, FlagOnlyInvalid) {
    auto in = agree_list(3, 1, 10);  // more rows than places: over_vote and all_crossed would apply to a cross ballot
    auto t = el::tally(in, {marked(1, {1, 2, 3}, {}), marked(2, {}, {1, 2, 3}), marked(3, {1}, {}, "unissued")});
    EXPECT_EQ(t.valid, 2);
    EXPECT_EQ(t.invalid_by_reason, (std::map<std::string, std::int64_t>{{"unissued", 1}}));
    EXPECT_EQ(by_name(t)["A"], (std::array<std::int64_t, 3>{1, 1, 0}));  // the flagged ballot counts for nobody
    EXPECT_EQ(el::invalid_reason(marked(4, {1, 2, 3}, {}), 3, 1, Form::Agree), "");
    EXPECT_EQ(el::invalid_reason(marked(4, {1, 2, 3}, {}), 3, 1, Form::Cross), "over_vote");
    EXPECT_EQ(el::invalid_reason(marked(5, {}, {}, "torn"), 3, 1, Form::Agree), "torn");
}

// Charter Art. 12.3, the Party's worked example: 11 convened, 10 voting; 5
// votes are not more than half of 11, 6 are. A secretary from one nominee.
TEST(AgreeBallot, MoreThanHalfOfTheBaseNotOfTheBallots) {
    std::vector<el::Ballot> ten;
    for (int i = 1; i <= 5; ++i) ten.push_back(marked(i, {1}, {}));
    ten.push_back(marked(6, {}, {1}));
    ten.push_back(marked(7, {}, {1}));
    ten.push_back(marked(8, {1}, {1}));  // both: no vote
    ten.push_back(marked(9, {}, {}));    // neither: no vote
    ten.push_back(marked(10, {1}, {}, "marked"));
    auto t = el::tally(agree_list(1, 1, 11), ten);
    EXPECT_EQ(t.valid, 9);
    EXPECT_EQ(t.needed, 6);
    ASSERT_EQ(t.candidates.size(), 1u);
    EXPECT_EQ(t.candidates[0].votes, 5);  // 5 of 9 valid ballots, but 2 × 5 = 10 is not more than 11
    EXPECT_EQ(t.candidates[0].disagree, 2);
    EXPECT_EQ(t.candidates[0].no_vote, 2);
    EXPECT_FALSE(t.candidates[0].majority);
    EXPECT_EQ(t.candidates[0].status, el::Status::NotElected);
    EXPECT_EQ(t.unfilled_seats, 1);
    ten[5] = marked(6, {1}, {});  // one more agree: 6 votes, 2 × 6 = 12 > 11
    t = el::tally(agree_list(1, 1, 11), ten);
    EXPECT_EQ(t.candidates[0].votes, 6);
    EXPECT_EQ(t.candidates[0].status, el::Status::Elected);
}

TEST(AgreeBallot, VotesDisagreeAndNoVoteAddUpToTheValidBallots) {
    // 17 names, so the marks span three bytes of the bitset.
    std::vector<el::Ballot> bs = {marked(1, {1, 9, 17}, {2, 9}), marked(2, {2, 16}, {1, 17}), marked(3, {}, {16}),
                                  marked(4, {1, 2, 3}, {}, "torn")};
    auto t = el::tally(agree_list(17, 17, 100), bs);
    EXPECT_EQ(t.valid, 3);
    auto m = by_name(t);
    EXPECT_EQ(m["A"], (std::array<std::int64_t, 3>{1, 1, 1}));  // position 1
    EXPECT_EQ(m["I"], (std::array<std::int64_t, 3>{0, 0, 3}));  // position 9: both, then blank twice
    EXPECT_EQ(m["P"], (std::array<std::int64_t, 3>{1, 1, 1}));  // position 16
    EXPECT_EQ(m["Q"], (std::array<std::int64_t, 3>{1, 1, 1}));  // position 17
    for (const auto& [name, c] : m) EXPECT_EQ(c[0] + c[1] + c[2], t.valid) << name;
}

TEST(AgreeBallot, VotesOfAKeptBallotAreItsNamesKept) {
    auto cross = el::Ballot{1, el::PositionSet::all_but(5, {2}), ""};
    EXPECT_EQ(el::votes_of(cross).positions(), (std::vector<int>{1, 3, 4, 5}));
    EXPECT_EQ(el::votes_of(marked(2, {1, 2, 3}, {2, 4})).positions(), (std::vector<int>{1, 3}));
}

TEST(AgreeBallot, CrossCountsHaveNoDisagreeNorNoVote) {
    el::TallyInput in = agree_list(2, 2, 10);
    in.form = Form::Cross;
    auto t = el::tally(in, {el::Ballot{1, el::PositionSet::of({1}), ""}});
    for (const auto& c : t.candidates) EXPECT_EQ(c.disagree + c.no_vote, 0);
}

// ---- the store ----------------------------------------------------------------------

namespace {
struct AgreeElection : ::testing::Test {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    void SetUp() override {
        registry::import_members(ws, dir.write("m.csv", "code,full_name,gender,birth_date,party_join_date,official_date\n"
                                                        "A,Lê Văn An,M,1970-01-01,2000-01-01,2001-01-01\n"
                                                        "B,Lê Văn Bình,M,1971-01-01,2000-01-01,2001-01-01\n"
                                                        "C,Lê Văn Cường,M,1972-01-01,2000-01-01,2001-01-01\n"),
                                 {});
    }
    // A committee of 3 from 3, base 5.
    void ready(const std::string& form = "agree") {
        el::CreateRequest r{"e", "Bầu thử", 3, 0, "committee", "5"};
        r.form = form;
        el::create(ws, r);
        el::add_candidates(ws, "e", {"A", "B", "C"}, "committee");
        el::open(ws, "e");
    }
    std::string csv(const std::string& content) { return dir.write("b.csv", content); }
    el::Verdict enter(const std::string& line) {
        return el::enter_ballot(ws, "e", 1, "", el::parse_entry(line, 3, Form::Agree));
    }
};

std::vector<std::string> messages(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        std::vector<std::string> out;
        for (const auto& d : e.diagnostics()) out.push_back(fmt::format("{} {}", d.line, d.field));
        return out;
    }
    return {"no error"};
}
}  // namespace

TEST_F(AgreeElection, CreateTakesTheFormByCodeOrVietnameseWords) {
    el::CreateRequest r{"x", "Bầu bí thư", 1, 0, "committee", "5"};
    r.form = "đồng ý";
    el::create(ws, r);
    EXPECT_EQ(el::require(ws.db(), "x").form, Form::Agree);
    r.id = "y";
    r.form = "gạch tên";
    el::create(ws, r);
    EXPECT_EQ(el::require(ws.db(), "y").form, Form::Cross);
    r.id = "z";
    r.form = "tick";
    EXPECT_THROW(el::create(ws, r), UsageError);
    EXPECT_EQ(el::require(ws.db(), "y").form, Form::Cross);
    EXPECT_EQ(ws.db().execAndGet("SELECT form FROM elections WHERE id = 'x'").getString(), "agree");
}

TEST_F(AgreeElection, OpenRefusedWithASurplus) {
    el::CreateRequest r{"e", "Bầu thử", 2, 0, "committee", "5"};
    r.form = "agree";
    el::create(ws, r);
    el::add_candidates(ws, "e", {"A", "B", "C"}, "committee");
    EXPECT_THROW(el::open(ws, "e"), Refused);  // 3 names for 2 places
    EXPECT_EQ(el::require(ws.db(), "e").phase, el::Phase::Setup);
    el::remove_candidate(ws, "e", "C", "rút tên");
    EXPECT_EQ(el::open(ws, "e").candidates, 2);
}

TEST_F(AgreeElection, ImportStoresAgreeAndDisagreeMarksBothAndNeitherAllowed) {
    ready();
    auto s = el::import_ballots(ws, "e",
                                csv("serial,agree,disagree,flag\n"
                                    "1,1 2 3,,\n"
                                    "2,1 2,2 3,\n"     // row 2 in both boxes, row 3 disagree
                                    "3,\"1,3\",,\n"    // row 2 in neither; ',' inside a quoted cell
                                    "4,1,,unissued\n"),
                                {1, "", nullptr});
    EXPECT_EQ(s.added, 4);
    auto t = el::tally(ws.db(), "e");
    EXPECT_EQ(t.result.valid, 3);
    auto m = by_name(t.result);
    EXPECT_EQ(m["Lê Văn An"], (std::array<std::int64_t, 3>{3, 0, 0}));
    EXPECT_EQ(m["Lê Văn Bình"], (std::array<std::int64_t, 3>{1, 0, 2}));
    EXPECT_EQ(m["Lê Văn Cường"], (std::array<std::int64_t, 3>{2, 1, 0}));
    // A flagged ballot keeps no marks.
    EXPECT_EQ(ws.db().execAndGet("SELECT length(kept) + length(disagree) FROM ballots WHERE serial = 4").getInt(), 0);
    EXPECT_EQ(ws.db().execAndGet("SELECT hex(disagree) FROM ballots WHERE serial = 2").getString(), "06");
}

TEST_F(AgreeElection, ImportListsEveryBadRowAndImportsNothing) {
    ready();
    auto bad = messages([&] {
        el::import_ballots(ws, "e",
                           csv("serial,agree,disagree,flag\n1,1 4,,\n2,1 1,,\n3,1,2 2,\n4,1 2,1 2,\n5,x,0,\n"),
                           {1, "", nullptr});
    });
    EXPECT_EQ(bad, (std::vector<std::string>{"2 agree", "3 agree", "4 disagree", "6 agree", "6 disagree"}));
    EXPECT_EQ(el::count_ballots(ws.db(), "e", 1), 0);
}

TEST_F(AgreeElection, ACrossFileIsRefusedAndAgreeColumnsOnACrossElection) {
    ready();
    EXPECT_THROW(el::import_ballots(ws, "e", csv("serial,crossed,flag\n1,2,\n"), {1, "", nullptr}), InputError);
    EXPECT_THROW(el::import_ballots(ws, "e", csv("serial,agree,flag\n1,2,\n"), {1, "", nullptr}), InputError);
    EXPECT_EQ(el::count_ballots(ws.db(), "e", 1), 0);
    el::CreateRequest r{"x", "Bầu thử", 2, 0, "committee", "5"};
    el::create(ws, r);
    el::add_candidates(ws, "x", {"A", "B", "C"}, "committee");
    el::open(ws, "x");
    EXPECT_THROW(el::import_ballots(ws, "x", csv("serial,agree,disagree,flag\n1,2,,\n"), {1, "", nullptr}),
                 InputError);
    EXPECT_EQ(el::count_ballots(ws.db(), "x", 1), 0);
}

TEST_F(AgreeElection, TerminalLineNamesTheDisagreeRowsBothAndNeither) {
    ready();
    auto e = el::parse_entry("7: 2, b3 o1", 3, Form::Agree);
    EXPECT_EQ(e.serial, 7);
    EXPECT_EQ(e.disagree, std::vector<int>{2});
    EXPECT_EQ(e.both, std::vector<int>{3});
    EXPECT_EQ(e.neither, std::vector<int>{1});
    auto v = el::enter_ballot(ws, "e", 1, "", e);
    EXPECT_TRUE(v.valid());
    EXPECT_EQ(v.kept, 0);
    EXPECT_EQ(v.disagree, 1);
    EXPECT_EQ(v.no_vote, 2);
    // Stored as the voter marked it: agree on rows 3 (and not 1, 2), disagree on 2 and 3.
    EXPECT_EQ(ws.db().execAndGet("SELECT hex(kept) || '/' || hex(disagree) FROM ballots WHERE serial = 7").getString(),
              "04/06");
    v = enter("-");  // every row agree
    EXPECT_EQ(v.kept, 3);
    EXPECT_EQ(enter("!torn").reason, "torn");
    EXPECT_THROW(el::parse_entry("2 2", 3, Form::Agree), InputError);
    EXPECT_THROW(el::parse_entry("2 b2", 3, Form::Agree), InputError);
    EXPECT_THROW(el::parse_entry("b4", 3, Form::Agree), InputError);
    EXPECT_THROW(el::parse_entry("x3", 3, Form::Agree), InputError);
    EXPECT_THROW(el::parse_entry("b", 3, Form::Agree), InputError);
    // A line read for the other paper is refused, not stored as something else.
    EXPECT_THROW(el::enter_ballot(ws, "e", 1, "", el::parse_entry("2", 3)), Refused);
    EXPECT_EQ(el::count_ballots(ws.db(), "e", 1), 3);
}

TEST_F(AgreeElection, CommaSeparatesPositionsOnACrossLineToo) {
    EXPECT_EQ(el::parse_entry("1,3", 3).crossed, (std::vector<int>{1, 3}));
    EXPECT_EQ(el::parse_entry("1, 3;2", 3).crossed, (std::vector<int>{1, 3, 2}));
}

TEST_F(AgreeElection, ReconcileComparesTheDisagreeMarks) {
    ready();
    el::import_ballots(ws, "e", csv("serial,agree,disagree,flag\n1,1 2 3,,\n"), {1, "", nullptr});
    el::import_ballots(ws, "e", csv("serial,agree,disagree,flag\n1,1 2 3,3,\n"), {2, "", nullptr});
    auto d = el::reconcile(ws.db(), "e").differences;
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].in_pass1->disagree, std::vector<int>{});
    EXPECT_EQ(d[0].in_pass->disagree, std::vector<int>{3});
}

TEST_F(AgreeElection, RecordSaysTheFormAndEachBallotsMarks) {
    ready();
    enter("2 b3");
    auto r = el::record(ws.db(), "e");
    EXPECT_EQ(r["election"]["form"], "agree");
    EXPECT_EQ(r["ballots"][0].dump(),
              R"({"pass":1,"serial":1,"agree":[1,3],"disagree":[2,3],"flag":"","station":""})");
    EXPECT_FALSE(r["ballots"][0].contains("kept"));
}

// A cross election's record has neither the form nor agree lists: the
// record of an election sealed before is rebuilt byte for byte. The stored
// result is set as an earlier version stored it; the text below is the
// record of format 2 as it was before agree ballots existed.
TEST_F(AgreeElection, CrossRecordIsUnchanged) {
    ready("cross");
    el::enter_ballot(ws, "e", 1, "", el::parse_entry("2", 3));
    el::enter_ballot(ws, "e", 1, "bàn 1", el::parse_entry("!torn", 3));
    el::record_counts(ws, "e", 2, 2);
    el::close(ws, "e");
    ws.db().exec("UPDATE elections SET result = '{\"election\":\"e\",\"candidates\":[{\"position\":1,\"name\":\"Lê Văn An\"}]}'");
    const std::string before =
        R"({"format":"daihoi-election-record/2","election":{"id":"e","title":"Bầu thử","round":1,"parent":"",)"
        R"("seats":3,"reserves":0,"body":"committee","base_kind":"fixed","base_fixed":5},)"
        R"("candidates":[{"position":1,"code":"A","full_name":"Lê Văn An"},{"position":2,"code":"B",)"
        R"("full_name":"Lê Văn Bình"},{"position":3,"code":"C","full_name":"Lê Văn Cường"}],)"
        R"("counts":{"issued":2,"collected":2,"base":5},)"
        R"("ballots":[{"pass":1,"serial":1,"kept":[1,3],"flag":"","station":""},)"
        R"({"pass":1,"serial":2,"kept":[],"flag":"torn","station":"bàn 1"}],)"
        R"("result":{"election":"e","candidates":[{"position":1,"full_name":"Lê Văn An"}]}})";
    auto r = el::record(ws.db(), "e");
    EXPECT_EQ(r.dump(), before);
    EXPECT_EQ(el::record_hash(r), "f227d2274fb33b72154e9b6aad472f79c0a3acfdcc65c1925dba944b706840c3");
}

TEST_F(AgreeElection, VerifyRetalliesAndCatchesATamperedDisagreeMark) {
    ready();
    for (const char* line : {"-", "-", "3", "b3", "o2"}) enter(line);
    el::record_counts(ws, "e", 5, 5);
    auto closed = el::close(ws, "e");
    auto j = el::to_json(closed);
    EXPECT_EQ(j["form"], "agree");
    EXPECT_EQ(j["candidates"][0]["disagree"].is_number(), true);
    el::seal(ws, "e");
    EXPECT_TRUE(el::verify(ws.db()).ok);
    ws.db().exec("DROP TRIGGER ballots_frozen_update");
    // Ballot 4 had row 3 marked in both boxes: its "Không đồng ý" erased, row 3 gains a vote.
    ws.db().exec("UPDATE ballots SET disagree = x'00' WHERE election = 'e' AND serial = 4");
    auto r = el::verify(ws.db());
    EXPECT_FALSE(r.ok);
    std::vector<std::string> codes;
    for (const auto& p : r.problems) codes.push_back(p.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"record_changed", "retally_differs"}));
}
