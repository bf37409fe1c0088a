// core/db/import_engine: the one import engine (hooks, repeated keys, row
// shape, UTF-8, dry run, all or nothing, the problem limit, the pipelined
// error path), then each kind's behaviour kept on it: members, evaluations,
// discipline, units, delegates, candidates, ballots.
#include "core/db/import_engine.hpp"
#include "core/io/limits.hpp"
#include "core/delegates/delegates.hpp"
#include "core/election/election.hpp"
#include "core/error.hpp"
#include "core/registry/members.hpp"
#include "helpers.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>

using namespace daihoi;
using test::ScratchDir;

namespace {

// ---- a kind of its own for the engine: things (code, n) ----------------------

struct Thing {
    std::string code;
    int n = 0;
};

struct Engine : ::testing::Test {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    std::optional<SQLite::Statement> upsert;
    std::atomic<int> parsed = 0, checked = 0, written = 0;
    std::thread::id parse_thread, write_thread;
    db::ImportRun run;

    void SetUp() override { ws.db().exec("CREATE TABLE things (code TEXT PRIMARY KEY, n INTEGER NOT NULL)"); }

    db::ImportKind<Thing> kind() {
        db::ImportKind<Thing> k;
        k.kind = "things";
        k.progress_label = "importing things";
        k.columns = {{"code", {"Mã"}, true}, {"n", {"Số"}, true}, {"note", {}, false}};
        k.key_field = "code";
        k.prepare = [this](io::SeenKeys&) {
            upsert.emplace(ws.db(), "INSERT INTO things (code, n) VALUES (?1, ?2) "
                                    "ON CONFLICT(code) DO UPDATE SET n = ?2");
        };
        k.parse = [this](db::Cells& c, Thing& t, db::RowProblems& p) {
            ++parsed;
            parse_thread = std::this_thread::get_id();
            if (c[0].empty()) p.add("code", "required");
            try {
                t.n = std::stoi(c[1]);
            } catch (const std::exception&) {
                p.add("n", fmt::format("'{}' is not a number", c[1]));
            }
            if (p.empty() && t.n < 0) p.add_row("negative and so on", "n");
            t.code = std::move(c[0]);
        };
        k.key = [](const Thing& t) { return t.code; };
        k.check = [this](Thing& t, db::RowProblems& p) {
            ++checked;
            if (t.n == 13) p.add("n", "unlucky");
            SQLite::Statement q(ws.db(), "SELECT n FROM things WHERE code = ?");
            q.bind(1, t.code);
            if (!q.executeStep()) return db::Change::Added;
            return q.getColumn(0).getInt() == t.n ? db::Change::Unchanged : db::Change::Updated;
        };
        k.write = [this](const Thing& t, db::Change) {
            ++written;
            write_thread = std::this_thread::get_id();
            upsert->bind(1, t.code);
            upsert->bind(2, t.n);
            upsert->exec();
            upsert->reset();
        };
        return k;
    }
    db::ImportSummary import(const std::string& csv, const db::ImportKind<Thing>& k) {
        return db::run_import(ws, dir.write("t.csv", csv), k, run);
    }
    db::ImportSummary import(const std::string& csv) { return import(csv, kind()); }
    // The problems `csv` raises, without the scratch folder; fails the test
    // if it imports or changes anything.
    std::vector<std::string> refused(const std::string& csv, const db::ImportKind<Thing>& k) {
        auto things = dump();
        auto audit = test::count(ws, "audit");
        std::vector<std::string> out;
        try {
            import(csv, k);
            ADD_FAILURE() << "imported a bad file";
        } catch (const InputError& e) {
            for (const auto& d : e.diagnostics()) out.push_back(d.to_string().substr(dir.file("").size()));
        }
        EXPECT_EQ(dump(), things) << "a refused import changed the table";
        EXPECT_EQ(test::count(ws, "audit"), audit) << "a refused import left an audit entry";
        return out;
    }
    std::vector<std::string> refused(const std::string& csv) { return refused(csv, kind()); }
    std::vector<std::string> dump() {
        std::vector<std::string> out;
        SQLite::Statement q(ws.db(), "SELECT code, n FROM things ORDER BY code");
        while (q.executeStep()) out.push_back(q.getColumn(0).getString() + "=" + q.getColumn(1).getString());
        return out;
    }
    // The message of the exit-70 error `csv` raises with kind `k`; nothing changed.
    std::string internal_error(const std::string& csv, const db::ImportKind<Thing>& k) {
        auto things = dump();
        auto audit = test::count(ws, "audit");
        std::string what;
        try {
            import(csv, k);
            ADD_FAILURE() << "imported";
        } catch (const InputError& e) {
            ADD_FAILURE() << "bad input: " << e.what();
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), Exit::Internal);
            what = std::string(e.what()).substr(dir.file("").size());
        }
        EXPECT_EQ(dump(), things);
        EXPECT_EQ(test::count(ws, "audit"), audit);
        return what;
    }
};

}  // namespace

TEST_F(Engine, HooksParseOnASecondThreadWriteOnTheCallersAndCount) {
    auto r = import("code,n\nA,1\nB,2\nC,3\n");
    EXPECT_EQ(r.kind, "things");
    EXPECT_EQ(r.added, 3u);
    EXPECT_EQ(dump(), (std::vector<std::string>{"A=1", "B=2", "C=3"}));
    EXPECT_NE(parse_thread, std::this_thread::get_id());
    EXPECT_EQ(write_thread, std::this_thread::get_id());
    auto audit = test::count(ws, "audit");
    // Vietnamese headers, a column that names no field, an update, an unchanged row, a new one.
    written = 0;
    r = import("Mã,Số,phone\nA,1,x\nB,5,y\nD,4,z\n");
    EXPECT_EQ(r.added, 1u);
    EXPECT_EQ(r.updated, 1u);
    EXPECT_EQ(r.unchanged, 1u);
    EXPECT_EQ(written, 2);  // the unchanged row is not written
    EXPECT_EQ(r.ignored_columns, (std::vector<std::string>{"phone"}));
    EXPECT_EQ(dump(), (std::vector<std::string>{"A=1", "B=5", "C=3", "D=4"}));
    EXPECT_EQ(test::count(ws, "audit"), audit + 1);
    EXPECT_EQ(ws.db().execAndGet("SELECT summary FROM audit ORDER BY seq DESC LIMIT 1").getString(),
              "things import " + dir.file("t.csv") + ": 1 added, 1 updated, 1 unchanged");
}

TEST_F(Engine, TheSummaryHasOneShapeForEveryKind) {
    run.context = {{"election", "bch"}, {"pass", 1}};
    auto j = db::to_json(import("code,n,other\nA,1,\n"));
    EXPECT_EQ(j.dump(), "{\"import\":\"things\",\"file\":\"" + dir.file("t.csv") +
                            "\",\"election\":\"bch\",\"pass\":1,\"dry_run\":false,\"added\":1,\"updated\":0,"
                            "\"unchanged\":0,\"ignored_columns\":[\"other\"],\"header_line\":1,\"mapping\":["
                            "{\"column\":1,\"header\":\"code\",\"field\":\"code\"},"
                            "{\"column\":2,\"header\":\"n\",\"field\":\"n\"}],\"encoding\":\"unicode\","
                            "\"converted_columns\":[],\"footer_line\":null}");
}

TEST_F(Engine, RepeatedKeysHaveOneWordingAtTheKeysColumn) {
    auto errors = refused("n,code\n1,A\n2,B\n3,A\n4,A\n5,\n6,\n");
    std::vector<std::string> expected = {"t.csv:4:2: code: 'A' repeats line 2",
                                         "t.csv:5:2: code: 'A' repeats line 2",
                                         "t.csv:6:2: code: required",  // an empty key repeats nothing
                                         "t.csv:7:2: code: required"};
    EXPECT_EQ(errors, expected);
}

TEST_F(Engine, ARepeatedKeyIsReportedEvenWhenEitherRowHasOtherProblems) {
    auto errors = refused("code,n\nA,x\nA,2\n");
    std::vector<std::string> expected = {"t.csv:2:2: n: 'x' is not a number", "t.csv:3:1: code: 'A' repeats line 2"};
    EXPECT_EQ(errors, expected);
}

TEST_F(Engine, CompositeKeysAreShownWithCommas) {
    auto k = kind();
    k.key = [](const Thing& t) { return t.code + '\x1f' + std::to_string(t.n); };
    auto errors = refused("code,n\nA,1\nA,2\nA,1\n", k);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], "t.csv:4:1: code: 'A, 1' repeats line 2");
}

TEST_F(Engine, KeysTakenInTheWorkspaceHaveTheirOwnMessage) {
    auto k = kind();
    k.prepare = [](io::SeenKeys& taken) { taken.take("T"); };
    k.taken_message = [](std::string_view key) { return fmt::format("{} is taken", key); };
    auto errors = refused("code,n\nA,1\nT,2\nT,3\n", k);
    std::vector<std::string> expected = {"t.csv:3:1: code: T is taken", "t.csv:4:1: code: T is taken"};
    EXPECT_EQ(errors, expected);
}

TEST_F(Engine, AShiftedRowIsReportedByItsShapeAlone) {
    auto errors = refused("code,n\nA,1,extra\nB\n\"C,1\",2\n");
    std::vector<std::string> expected = {
        "t.csv:2: 3 fields where the header has 2 (a comma in a field that is not quoted?)",
        "t.csv:3: 1 field where the header has 2"};
    EXPECT_EQ(errors, expected);
    EXPECT_EQ(parsed, 1);  // only the quoted row was parsed
}

TEST_F(Engine, InvalidUtf8IsListedForEveryFieldOnceAndNothingMisleadingFollows) {
    auto errors = refused("code,n\nA\xff,x\nB,1\n\xe1\xbb,\xc3\n");
    std::vector<std::string> expected = {"t.csv:2:1: code: invalid UTF-8 (byte 2 of the field)",
                                         "t.csv:2:2: n: 'x' is not a number",
                                         "t.csv:4:1: code: invalid UTF-8 (byte 1 of the field)",
                                         "t.csv:4:2: n: invalid UTF-8 (byte 1 of the field)"};
    EXPECT_EQ(errors, expected);  // no "code: required" for the unreadable codes
}

TEST_F(Engine, CellsArriveNfcTrimmedAndWithoutTheFormulaGuard) {
    std::vector<std::string> codes;
    auto k = kind();
    auto parse = k.parse;
    k.parse = [&](db::Cells& c, Thing& t, db::RowProblems& p) {
        codes.push_back(c[0]);
        EXPECT_FALSE(c.has(2));
        EXPECT_EQ(c[2], "");
        parse(c, t, p);
    };
    import("code,n\n  Nguye\xCC\x82\xCC\x83n  ,1\n'=SUM(A1),2\n'abc,3\n", k);
    EXPECT_EQ(codes, (std::vector<std::string>{"Nguyễn", "=SUM(A1)", "'abc"}));
}

TEST_F(Engine, ProblemsAgainstTheWorkspaceAreListedForEveryRow) {
    auto errors = refused("code,n\nA,13\nB,-1\nC,13\nD,x\n");
    std::vector<std::string> expected = {"t.csv:2:2: n: unlucky", "t.csv:3: n: negative and so on",
                                         "t.csv:4:2: n: unlucky", "t.csv:5:2: n: 'x' is not a number"};
    EXPECT_EQ(errors, expected);
    EXPECT_EQ(checked, 2);  // rows bad when parsed are not checked
}

TEST_F(Engine, NothingChangesUnlessEveryRowIsGood) {
    import("code,n\nA,1\n");
    std::string csv = "code,n\n";
    for (int i = 0; i < 5000; ++i) csv += fmt::format("K{},{}\n", i, i + 100);
    csv += "Z,13\n";  // the last row is bad: the rows before it were written, then rolled back
    auto errors = refused(csv);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], "t.csv:5002:2: n: unlucky");
    EXPECT_GT(written, 1);  // written inside the transaction, which was rolled back
    EXPECT_EQ(dump(), (std::vector<std::string>{"A=1"}));
}

TEST_F(Engine, NoRowIsWrittenAfterABadOne) {
    std::string csv = "code,n\nA,x\n";
    for (int i = 0; i < 5000; ++i) csv += fmt::format("K{},{}\n", i, i + 100);
    refused(csv);
    EXPECT_EQ(written, 0);
}

TEST_F(Engine, DryRunChecksAndCountsButWritesNothing) {
    import("code,n\nA,1\n");
    auto audit = test::count(ws, "audit");
    run.file.dry_run = true;
    written = 0;
    auto r = import("code,n\nA,2\nB,1\n");
    EXPECT_TRUE(r.dry_run);
    EXPECT_EQ(r.added, 1u);
    EXPECT_EQ(r.updated, 1u);
    EXPECT_EQ(written, 0);
    EXPECT_EQ(dump(), (std::vector<std::string>{"A=1"}));
    EXPECT_EQ(test::count(ws, "audit"), audit);
    EXPECT_THROW(import("code,n\nA,x\n"), InputError);  // a dry run still refuses a bad file
}

TEST_F(Engine, TheProblemLimitKeepsTheFirstAndCountsAll) {
    run.problem_limit = 10;
    std::string csv = "code,n\n";
    for (int i = 0; i < 300; ++i) csv += fmt::format("K{},{}\n", i, i % 2 ? "x" : "13");
    try {
        import(csv);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.total(), 300u);
        ASSERT_EQ(e.diagnostics().size(), 10u);
        for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(e.diagnostics()[i].line, i + 2);  // in line order
        EXPECT_EQ(e.diagnostics()[0].field, "n");
        EXPECT_EQ(e.diagnostics()[0].column, 2u);
        EXPECT_EQ(e.diagnostics()[0].message, "unlucky");
    }
}

TEST_F(Engine, AMalformedFileIsListedWithTheBadRowsBeforeIt) {
    auto errors = refused("code,n\nA,x\nB,1\nC,\"2\nD,4\n");
    std::vector<std::string> expected = {"t.csv:2:2: n: 'x' is not a number",
                                         "t.csv:4:2: quoted field is never closed"};
    EXPECT_EQ(errors, expected);
}

TEST_F(Engine, TheHeaderIsCheckedBeforeAnything) {
    auto k = kind();
    k.header = [](const io::ColumnMap& cols) { return cols.has(2) ? std::string() : std::string("a note column, please"); };
    auto errors = refused("code,n\nA,1\n", k);
    EXPECT_EQ(errors, (std::vector<std::string>{"t.csv:1: a note column, please"}));
    EXPECT_EQ(parsed, 0);
    errors = refused("code,note\nA,1\n", k);
    EXPECT_EQ(errors, (std::vector<std::string>{"t.csv:1: missing required column 'n'"}));
    errors = refused("", k);
    EXPECT_EQ(errors, (std::vector<std::string>{"t.csv: the file is empty (expected a header row)"}));
}

TEST_F(Engine, AnExceptionInTheParsingThreadReachesTheCallerWithFileAndLine) {
    auto k = kind();
    auto parse = k.parse;
    k.parse = [&](db::Cells& c, Thing& t, db::RowProblems& p) {
        if (c[0] == "BOOM") throw std::out_of_range("vector::at");
        parse(c, t, p);
    };
    std::string csv = "code,n\n";
    for (int i = 0; i < 3000; ++i) csv += fmt::format("K{},{}\n", i, i + 100);
    csv += "BOOM,1\n";
    std::string what = internal_error(csv, k);
    EXPECT_EQ(what.rfind("t.csv:3002: internal error (vector::at); this is a bug in daihoi", 0), 0u) << what;
}

TEST_F(Engine, AnExceptionInTheWritingThreadReachesTheCallerWithFileAndLine) {
    auto k = kind();
    auto write = k.write;
    k.write = [&](const Thing& t, db::Change c) {
        if (t.code == "K2500") throw std::runtime_error("stoi");
        write(t, c);
    };
    std::string csv = "code,n\n";
    for (int i = 0; i < 3000; ++i) csv += fmt::format("K{},{}\n", i, i + 100);
    std::string what = internal_error(csv, k);
    EXPECT_EQ(what.rfind("t.csv:2502: internal error (stoi); this is a bug in daihoi", 0), 0u) << what;
}

TEST_F(Engine, ADatabaseErrorThatIsABugIsLocatedToo) {
    auto k = kind();
    k.write = [&](const Thing& t, db::Change) {  // NOT NULL violated: a bug in a kind
        SQLite::Statement q(ws.db(), "INSERT INTO things (code, n) VALUES (?, NULL)");
        q.bind(1, t.code);
        q.exec();
    };
    std::string what = internal_error("code,n\nA,1\n", k);
    EXPECT_EQ(what.rfind("t.csv:2: internal error (NOT NULL constraint failed", 0), 0u) << what;
}

TEST_F(Engine, RefusalsAndBadInputFromAHookKeepTheirMeaning) {
    auto k = kind();
    k.check = [](Thing&, db::RowProblems&) -> db::Change { throw Refused("the election is sealed"); };
    EXPECT_THROW(import("code,n\nA,1\n", k), Refused);
    k.check = [](Thing&, db::RowProblems&) -> db::Change { throw InputError(Diagnostic{"", 0, 0, "no such unit"}); };
    try {
        import("code,n\nA,1\n", k);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.diagnostics().at(0).to_string(), dir.file("t.csv") + ":2: no such unit");
    }
    EXPECT_TRUE(dump().empty());
}

TEST_F(Engine, ABigFileStreamsThroughTheBoundedQueueInOrder) {
    auto k = kind();
    k.batch_rows = 7;
    k.queue_batches = 2;
    std::vector<std::string> order;
    auto write = k.write;
    k.write = [&](const Thing& t, db::Change c) {
        order.push_back(t.code);
        write(t, c);
    };
    std::string csv = "code,n\n";
    for (int i = 0; i < 20000; ++i) csv += fmt::format("K{:05},{}\n", i, i + 100);
    auto r = import(csv, k);
    EXPECT_EQ(r.added, 20000u);
    ASSERT_EQ(order.size(), 20000u);
    EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));
}

namespace {
struct CountingProgress : Progress {
    std::string label;
    std::size_t last = 0;
    int finished = 0;
    void start(const std::string& l, std::size_t) override { label = l; }
    void update(std::size_t done) override { last = done; }
    void finish() override { ++finished; }
};
}  // namespace

TEST_F(Engine, ProgressCountsTheRowsRead) {
    CountingProgress p;
    run.progress = &p;
    import("code,n\nA,1\nB,2\n\nC,3\n");
    EXPECT_EQ(p.label, "importing things");
    EXPECT_EQ(p.last, 3u);
    EXPECT_GE(p.finished, 1);
}

TEST_F(Engine, ReadsTheChosenSheetOfAWorkbookWithItsRowNumbers) {
    // Sheet "Khác" of the fixture: a header "Hai, 2", then "ba" alone on row 3.
    auto k = kind();
    k.columns = {{"code", {"Hai"}, true}, {"n", {"2"}, false}};
    run.file.sheet = "Khác";
    try {
        db::run_import(ws, std::string(DAIHOI_TEST_DATA) + "/xlsx/openpyxl.xlsx", k, run);
        FAIL();
    } catch (const InputError& e) {
        ASSERT_EQ(e.diagnostics().size(), 1u);
        EXPECT_EQ(e.diagnostics()[0].to_string(),
                  std::string(DAIHOI_TEST_DATA) + "/xlsx/openpyxl.xlsx:3:2: n: '' is not a number");
    }
}

// ---- each kind's behaviour, kept on the engine --------------------------------

namespace {

struct Kinds : ::testing::Test {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    registry::ImportOptions opt{};

    db::ImportSummary members(const std::string& rows) {
        return registry::import_members(ws, dir.write("m.csv", "code,full_name,gender,birth_date,party_join_date,official_date\n" + rows), opt);
    }
    // The problems `f` raises (InputError), without the scratch folder; the
    // audit chain must not grow.
    template <class F>
    std::vector<std::string> refused(F f) {
        auto audit = test::count(ws, "audit");
        std::vector<std::string> out;
        try {
            f();
            ADD_FAILURE() << "imported a bad file";
        } catch (const InputError& e) {
            for (const auto& d : e.diagnostics()) out.push_back(d.to_string().substr(dir.file("").size()));
        }
        EXPECT_EQ(test::count(ws, "audit"), audit);
        return out;
    }
};

}  // namespace

TEST_F(Kinds, MembersUpdateKeepsWhatTheFileLacksAndChecksTheMergedRecord) {
    members("A1,Lê Văn An,M,1970-01-02,2000-01-01,2001-01-01\n");
    // No join date in this file: the registry's 2000-01-01 is after this birth date.
    auto errors = refused([&] {
        registry::import_members(ws, dir.write("u.csv", "code,full_name,gender,birth_date\nA1,Lê Văn An,M,2005-01-01\n"), opt);
    });
    EXPECT_EQ(errors, (std::vector<std::string>{
                          "u.csv:2: party_join_date: on or before the birth date (with the registry's other fields)"}));
    auto r = registry::import_members(ws, dir.write("v.csv", "code,full_name,gender,birth_date,unit\nA1,Lê Văn An,M,1970-01-02,'=U1\n"), opt);
    EXPECT_EQ(r.updated, 1u);
    auto m = registry::find_member(ws.db(), "A1");
    EXPECT_EQ(m->unit, "=U1");
    EXPECT_EQ(m->party_join_date, (text::Date{2000, 1, 1}));
}

TEST_F(Kinds, MembersEveryBadFieldAndTheRepeatedCode) {
    auto errors = refused([&] {
        registry::import_members(ws, dir.write("m.csv", "code,full_name,gender,birth_date,degree\n"
                                                        "X 1,,X,31/02/1990,phd\n"
                                                        "A1,Lê Văn A,M,1970-01-01,\n"
                                                        "A1,Lê Văn B,M,1970-01-01,\n"),
                                 opt);
    });
    std::vector<std::string> expected = {"m.csv:2:1: code: 'X 1' contains a space",
                                         "m.csv:2:2: full_name: required",
                                         "m.csv:2:3: gender: unknown value 'X' (accepted: M, F)",
                                         "m.csv:2:4: birth_date: '31/02/1990' is not a date (YYYY-MM-DD or DD/MM/YYYY)",
                                         "m.csv:2:5: degree: unknown value 'phd' (accepted: none, college, bachelor, master, doctor)",
                                         "m.csv:4:1: code: 'A1' repeats line 3"};
    EXPECT_EQ(errors, expected);
    EXPECT_EQ(test::count(ws, "members"), 0);
}

TEST_F(Kinds, MembersIntoAnEmptyRegistryRebuildTheNameIndexAndADryRunLeavesItAlone) {
    // The name-order index is dropped for a bulk load and built at its end;
    // a dry run or a refused file leaves it as it was; the code's stays.
    auto indexes = [&] {
        return ws.db()
            .execAndGet("SELECT count(*) FROM sqlite_master WHERE name IN ('members_code', 'members_order')")
            .getInt();
    };
    opt.file.dry_run = true;
    members("A1,Lê Văn An,M,1970-01-02,,\n");
    EXPECT_EQ(test::count(ws, "members"), 0);
    EXPECT_EQ(indexes(), 2);
    opt.file.dry_run = false;
    refused([&] { members("A1,Lê Văn An,M,1970-01-02,,\nA2,,M,1970-01-02,,\n"); });
    EXPECT_EQ(indexes(), 2);
    members("A1,Lê Văn An,M,1970-01-02,,\nA2,Trần Thị Bình,F,1971-01-02,,\n");
    EXPECT_EQ(indexes(), 2);
    EXPECT_EQ(test::count(ws, "members"), 2);
    // The code is unique again, and the next import updates by it.
    EXPECT_THROW(ws.db().exec("INSERT INTO members (code, full_name, sort_key, gender, birth_date) "
                              "VALUES ('A1', 'X', x'00', 'M', '1970-01-01')"),
                 SQLite::Exception);
    auto r = members("A1,Lê Văn Ân,M,1970-01-02,,\n");
    EXPECT_EQ(r.updated, 1u);
    EXPECT_EQ(test::count(ws, "members"), 2);
}

TEST_F(Kinds, EvaluationsAndDisciplineNeedAMemberAndAKeyOnce) {
    members("A1,Lê Văn An,M,1970-01-02,2000-01-01,2001-01-01\n");
    auto errors = refused([&] {
        registry::import_evaluations(ws, dir.write("e.csv", "code,year,grade\nZZ,2023,tot\nA1,2023,tot\nA1,2023,tot\nA1,1800,tot\n"), opt);
    });
    std::vector<std::string> expected = {"e.csv:2:1: code: no member with code 'ZZ' in the registry",
                                         "e.csv:4:1: code: 'A1, 2023' repeats line 3",
                                         "e.csv:5:2: year: '1800' is not a year"};
    EXPECT_EQ(errors, expected);
    errors = refused([&] {
        registry::import_discipline(ws, dir.write("d.csv", "code,date,form,until\nA1,2022-03-01,,2021-01-01\nA1,x,Khiển trách,\n"), opt);
    });
    expected = {"d.csv:2:3: form: required", "d.csv:2:4: until: before the date of the discipline",
                "d.csv:3:2: date: 'x' is not a date (YYYY-MM-DD or DD/MM/YYYY)"};
    EXPECT_EQ(errors, expected);
    auto r = registry::import_evaluations(ws, dir.write("e.csv", "code,year,grade\nA1,2023,tot\n"), opt);
    EXPECT_EQ(r.added, 1u);
    r = registry::import_evaluations(ws, dir.write("e.csv", "code,year,grade\nA1,2023,xuat-sac\nA1,2024,tot\n"), opt);
    EXPECT_EQ(r.kind, "evaluations");
    EXPECT_EQ(r.added, 1u);
    EXPECT_EQ(r.updated, 1u);
}

TEST_F(Kinds, UnitsAndDelegates) {
    members("D1,Nguyễn Văn Một,M,1970-01-01,2000-01-01,2001-01-01\nP1,Lê Thị Dự Bị,F,1999-01-01,2025-01-01,\n");
    auto errors = refused([&] {
        delegates::import_units(ws, dir.write("u.csv", "code,name,members,min_seats\nU1,,x,y\nU1,B,5,\n"), opt);
    });
    std::vector<std::string> expected = {"u.csv:2:2: name: required", "u.csv:2:3: members: 'x' is not a number of members",
                                         "u.csv:2:4: min_seats: 'y' is not a number of seats",
                                         "u.csv:3:1: code: 'U1' repeats line 2"};
    EXPECT_EQ(errors, expected);
    auto r = delegates::import_units(ws, dir.write("u.csv", "code,name,members\nU1,Chi bộ 1,10\n"), opt);
    EXPECT_EQ(r.kind, "units");
    EXPECT_EQ(r.added, 1u);
    errors = refused([&] {
        delegates::import_delegates(ws, dir.write("d.csv", "code,kind,unit,voting\nZZ,elected,U9,\nD1,observer,U1,2\n"), opt);
    });
    expected = {"d.csv:2:1: code: no member with code 'ZZ' in the registry", "d.csv:2:3: unit: no unit with code or name 'U9'",
                "d.csv:3:2: kind: unknown value 'observer' (accepted: elected, ex-officio, appointed, reserve, member)",
                "d.csv:3:4: voting: '2' is not 1 or 0"};
    EXPECT_EQ(errors, expected);
    r = delegates::import_delegates(ws, dir.write("d.csv", "code,kind,unit\nD1,elected,U1\nP1,elected,U1\n"), opt);
    EXPECT_EQ(r.added, 2u);
    EXPECT_TRUE(delegates::find_delegate(ws.db(), "D1")->voting);
    EXPECT_FALSE(delegates::find_delegate(ws.db(), "P1")->voting);  // probationary: attends, does not vote
    r = delegates::import_delegates(ws, dir.file("d.csv"), opt);
    EXPECT_EQ(r.unchanged, 2u);
}

TEST_F(Kinds, Candidates) {
    members("A,Lê Văn An,M,1970-01-01,2000-01-01,2001-01-01\nP,Lê Thị Dự Bị,F,1999-01-01,2025-01-01,\n");
    election::create(ws, {"e", "Bầu thử", 1, 0, "committee", "convened"});
    auto errors = refused([&] {
        election::import_candidates(ws, "e", dir.write("c.csv", "code,source\nA,nobody\nP,\nA,committee\n"));
    });
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0], "c.csv:2:2: source: unknown value 'nobody' (accepted: committee, congress, self)");
    EXPECT_NE(errors[1].find("c.csv:3: P (Lê Thị Dự Bị) is a probationary member"), std::string::npos) << errors[1];
    EXPECT_EQ(errors[2], "c.csv:4:1: code: 'A' repeats line 2");
    auto r = election::import_candidates(ws, "e", dir.write("c.csv", "code\nA\n"));
    EXPECT_EQ(r.kind, "candidates");
    EXPECT_EQ(r.context.dump(), "{\"election\":\"e\"}");
    EXPECT_EQ(r.added, 1u);
    EXPECT_EQ(ws.db().execAndGet("SELECT summary FROM audit ORDER BY seq DESC LIMIT 1").getString(),
              "election e: candidates import " + dir.file("c.csv") + ": 1 added, 0 updated, 0 unchanged");
    election::open(ws, "e");
    EXPECT_THROW(election::import_candidates(ws, "e", dir.file("c.csv")), Refused);
}

TEST_F(Kinds, Ballots) {
    members("A,Lê Văn An,M,1970-01-01,2000-01-01,2001-01-01\nB,Lê Văn Bình,M,1971-01-01,2000-01-01,2001-01-01\n"
            "C,Lê Văn Cường,M,1972-01-01,2000-01-01,2001-01-01\n");
    election::create(ws, {"e", "Bầu thử", 2, 0, "committee", "10"});
    election::add_candidates(ws, "e", {"A", "B", "C"}, "committee");
    EXPECT_THROW(election::import_ballots(ws, "e", dir.write("b.csv", "serial,crossed\n1,1\n"), {}), Refused);
    election::open(ws, "e");
    auto errors = refused([&] { election::import_ballots(ws, "e", dir.write("b.csv", "serial,crossed,kept\n1,1,2\n"), {}); });
    EXPECT_EQ(errors, (std::vector<std::string>{"b.csv:1: give either a 'crossed' or a 'kept' column, not both"}));
    election::ImportBallots o;
    o.station = "T1";
    auto r = election::import_ballots(ws, "e", dir.write("b.csv", "serial,crossed,flag\n1,1,\n2,3,\n3,3,torn\n"), o);
    EXPECT_EQ(r.added, 3u);
    EXPECT_EQ(r.context.dump(), "{\"election\":\"e\",\"pass\":1,\"station\":\"T1\"}");
    EXPECT_EQ(ws.db().execAndGet("SELECT summary FROM audit ORDER BY seq DESC LIMIT 1").getString(),
              "election e pass 1: 3 ballots imported from " + dir.file("b.csv") + " at station T1");
    auto t = election::tally(ws.db(), "e", 1).result;
    std::map<std::string, std::int64_t> votes;
    for (const auto& c : t.candidates) votes[c.code] = c.votes;
    EXPECT_EQ(votes, (std::map<std::string, std::int64_t>{{"A", 1}, {"B", 2}, {"C", 1}}));
    EXPECT_EQ(t.invalid, 1);  // ballot 3 is flagged: it keeps nobody
    errors = refused([&] {
        election::import_ballots(ws, "e", dir.write("b2.csv", "serial,kept\n2,1\n4,1 1\n5,4\n5,2\nx,1\n"), {});
    });
    std::vector<std::string> expected = {"b2.csv:2:1: serial: ballot 2 was already entered in pass 1",
                                         "b2.csv:3:2: kept: position 1 is repeated",
                                         "b2.csv:4:2: kept: '4' is not a ballot position (1 to 3)",
                                         "b2.csv:5:1: serial: '5' repeats line 4",
                                         "b2.csv:6:1: serial: 'x' is not a ballot number"};
    EXPECT_EQ(errors, expected);
    o = {};
    o.pass = 2;
    o.file.dry_run = true;
    r = election::import_ballots(ws, "e", dir.write("b3.csv", "serial,kept\n1,1\n2,2 3\n"), o);
    EXPECT_TRUE(r.dry_run);
    EXPECT_EQ(r.added, 2u);
    EXPECT_EQ(election::count_ballots(ws.db(), "e", 2), 0);
}

// ---- limits on hostile input (core/io/limits.hpp, docs/limits.md) ---------------------

TEST_F(Engine, AFieldOverTheLimitIsRefusedAtItsColumn) {
    std::string big(io::kMaxFieldBytes + 1, 'x');
    auto errors = refused("code,n\nA," + big + "\nB,2\n" + big + ",3\n");
    std::vector<std::string> expected = {"t.csv:2:2: n: longer than 4096 bytes; no field of a list is so long",
                                         "t.csv:4:1: code: longer than 4096 bytes; no field of a list is so long"};
    EXPECT_EQ(errors, expected);  // no "required" or "not a number" after it
    EXPECT_NO_THROW(import("code,n\n" + std::string(io::kMaxFieldBytes, 'c') + ",1\n"));
}

TEST_F(Engine, ControlCharactersInTextFieldsAreRefused) {
    auto errors = refused(std::string("code,n\nA") + '\0' + "B,1\nC\x1b,2\nD\bE,3\n\"F\nG\",4\nH\tI,5\n");
    std::vector<std::string> expected = {
        "t.csv:2:1: code: control character U+0000 at character 2: a field holds no control characters",
        "t.csv:3:1: code: control character U+001B at character 2: a field holds no control characters",
        "t.csv:4:1: code: control character U+0008 at character 2: a field holds no control characters",
        "t.csv:5:1: code: a line break at character 2: a field is one line of text",
        "t.csv:7:1: code: a tab at character 2: a field holds no tabs"};
    EXPECT_EQ(errors, expected);
}

TEST_F(Engine, AByteOrderMarkAtTheStartOfADataRowIsNotStored) {
    import("\xEF\xBB\xBF" "code,n\n\xEF\xBB\xBF" "A1,1\n\xEF\xBB\xBF B2,2\n");
    EXPECT_EQ(dump(), (std::vector<std::string>{"A1=1", "B2=2"}));
}

TEST_F(Engine, OutOfMemoryInTheImportIsBadInputWithFileAndLine) {
    auto k = kind();
    auto parse = k.parse;
    k.parse = [&](db::Cells& c, Thing& t, db::RowProblems& p) {
        if (c[0] == "HUGE") throw std::bad_alloc();
        if (c[0] == "LONG") throw std::length_error("basic_string::_M_create");
        parse(c, t, p);
    };
    EXPECT_EQ(refused("code,n\nA,1\nHUGE,2\n", k),
              (std::vector<std::string>{"t.csv:3: too large to read: the file needs more memory than this computer has"}));
    EXPECT_EQ(refused("code,n\nA,1\nB,2\nLONG,2\n", k),
              (std::vector<std::string>{"t.csv:4: too large to read: a text of the file is longer than daihoi can hold"}));
}

TEST_F(Engine, AWallOfTextWithNoHeaderIsOneMessage) {
    auto errors = refused(std::string(100'000'000, 'h'));
    EXPECT_EQ(errors, (std::vector<std::string>{"t.csv:1: the line is longer than 64 KB; no list has lines so long"}));
}

TEST_F(Engine, AHeaderOfManyLongUnknownColumnsIsListedShort) {
    std::string header;
    for (int i = 0; i < 40; ++i) header += (i ? "," : "") + std::string(500, static_cast<char>('a' + i % 26));
    auto errors = refused(header + "\nx\n");
    ASSERT_EQ(errors.size(), 2u);  // code and n missing
    for (const auto& e : errors) EXPECT_LT(e.size(), 2500u) << e;  // not 20 KB of header
}
