// core/sample: determinism (same seed, same bytes, pinned across machines),
// the files' columns, text in valid NFC UTF-8, and consistency between files.
#include "core/error.hpp"
#include "core/io/table.hpp"
#include "core/registry/member.hpp"
#include "core/sample/sample.hpp"
#include "core/text/date.hpp"
#include "core/text/names.hpp"
#include "core/text/utf8.hpp"
#include "helpers.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace daihoi;
using test::ScratchDir;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::uint64_t fnv1a(const std::string& s) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
    return h;
}

struct Table {
    std::vector<std::string> header;
    std::vector<io::Row> rows;
};

Table read(const std::string& path) {
    Table t;
    auto reader = io::open_table(path);
    io::Row row;
    if (reader->next(row)) t.header = row.cells;
    while (reader->next(row)) t.rows.push_back(row);
    return t;
}

const std::vector<std::string> kFiles = {"members.csv", "units.csv", "evaluations.csv",
                                         "discipline.csv", "delegates.csv", "elections.csv",
                                         "candidates.csv", "ballots-bch.csv", "ballots-dbdh.csv"};

struct Sample : ::testing::Test {
    ScratchDir dir;
    std::vector<sample::FileSummary> make(const std::string& sub, sample::Options o) {
        return sample::write(sample::generate(o), dir.file(sub));
    }
};

}  // namespace

TEST_F(Sample, SameSeedGivesIdenticalFiles) {
    make("a", {500, 7, 3});
    make("b", {500, 7, 3});
    for (const auto& f : kFiles)
        EXPECT_EQ(slurp(dir.file("a/" + f)), slurp(dir.file("b/" + f))) << f;
}

TEST_F(Sample, DifferentSeedGivesDifferentFiles) {
    make("a", {500, 7, 3});
    make("b", {500, 7, 4});
    EXPECT_NE(slurp(dir.file("a/members.csv")), slurp(dir.file("b/members.csv")));
    EXPECT_NE(slurp(dir.file("a/evaluations.csv")), slurp(dir.file("b/evaluations.csv")));
}

// The files are pinned: a change here means every machine's sample changed.
// Update the numbers only for an intended change to the generator.
TEST_F(Sample, OutputIsPinnedAcrossMachines) {
    make("a", {300, 5, 42});
    std::string all;
    for (const auto& f : kFiles) all += slurp(dir.file("a/" + f));
    EXPECT_EQ(fnv1a(all), 0xe0d18b796c47e630ULL) << std::hex << fnv1a(all);
    EXPECT_EQ(all.size(), 53403u);  // one ballots file per election
}

TEST_F(Sample, HeadersAreTheImportColumns) {
    make("a", {50, 3, 1});
    EXPECT_EQ(read(dir.file("a/members.csv")).header,
              (std::vector<std::string>{"code", "full_name", "gender", "birth_date", "ethnicity",
                                        "religion", "party_join_date", "official_date", "education",
                                        "degree", "theory", "position", "unit", "incumbent"}));
    EXPECT_EQ(read(dir.file("a/units.csv")).header,
              (std::vector<std::string>{"code", "name", "members", "min_seats"}));
    EXPECT_EQ(read(dir.file("a/evaluations.csv")).header,
              (std::vector<std::string>{"code", "year", "grade"}));
    EXPECT_EQ(read(dir.file("a/discipline.csv")).header,
              (std::vector<std::string>{"code", "date", "form", "until"}));
}

TEST_F(Sample, ReportsRowCountsOfEachFile) {
    auto files = make("a", {400, 6, 9});
    ASSERT_EQ(files.size(), kFiles.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        EXPECT_EQ(files[i].name, kFiles[i]);
        EXPECT_EQ(files[i].rows, read(dir.file("a/" + kFiles[i])).rows.size()) << kFiles[i];
    }
    EXPECT_EQ(files[0].rows, 400u);
    EXPECT_EQ(files[1].rows, 6u);
}

TEST_F(Sample, MembersAreWellFormedAndRealistic) {
    make("a", {3000, 20, 1});
    Table m = read(dir.file("a/members.csv"));
    ASSERT_EQ(m.rows.size(), 3000u);
    std::set<std::string> codes;
    std::size_t women = 0, men = 0, probationary = 0, incumbents = 0, minorities = 0,
                four_words = 0;
    for (const auto& r : m.rows) {
        ASSERT_EQ(r.cells.size(), 14u) << "line " << r.line;
        const std::string& name = r.cells[1];
        EXPECT_FALSE(text::invalid_utf8_at(name)) << name;
        EXPECT_EQ(text::to_nfc(name), name) << "not NFC: " << name;
        EXPECT_EQ(text::normalize_spaces(name), name);
        std::size_t words = 1 + static_cast<std::size_t>(std::count(name.begin(), name.end(), ' '));
        EXPECT_TRUE(words == 3 || words == 4) << name;
        four_words += words == 4;
        EXPECT_TRUE(codes.insert(r.cells[0]).second) << "repeated code " << r.cells[0];

        auto gender = registry::parse_gender(r.cells[2]);
        ASSERT_TRUE(gender) << r.cells[2];
        (*gender == registry::Gender::Female ? women : men)++;
        auto birth = text::parse_date(r.cells[3]);
        auto joined = text::parse_date(r.cells[6]);
        ASSERT_TRUE(birth && joined) << "line " << r.line;
        EXPECT_GE(birth->year, 1960);
        EXPECT_LE(birth->year, 2000);
        EXPECT_GE(*joined, text::add_months(*birth, 18 * 12))
            << "joined before 18, line " << r.line;
        if (r.cells[7].empty()) {
            ++probationary;
            EXPECT_GE(*joined, (text::Date{2024, 6, 1}))
                << "probation over a year, line " << r.line;
            EXPECT_TRUE(r.cells[11].find("Bí thư") == std::string::npos &&
                        r.cells[11].find("Chủ tịch") == std::string::npos)
                << "probationary " << r.cells[11];
            EXPECT_EQ(r.cells[13], "0") << "probationary incumbent";
        } else {
            auto official = text::parse_date(r.cells[7]);
            ASSERT_TRUE(official);
            EXPECT_EQ(*official, text::add_months(*joined, 12));
        }
        minorities += r.cells[4] != "Kinh";
        EXPECT_TRUE(r.cells[8] == "12/12" || r.cells[8] == "10/10");
        EXPECT_TRUE(registry::parse_degree(r.cells[9])) << r.cells[9];
        EXPECT_TRUE(registry::parse_theory(r.cells[10])) << r.cells[10];
        EXPECT_FALSE(r.cells[11].empty());
        EXPECT_TRUE(r.cells[13] == "0" || r.cells[13] == "1");
        incumbents += r.cells[13] == "1";
    }
    // Shares within generous bounds of the targets (40 % women, 5 % probationary, …).
    EXPECT_GT(women, 1000u);
    EXPECT_LT(women, 1400u);
    EXPECT_GT(men, 1600u);
    EXPECT_GT(probationary, 60u);
    EXPECT_LT(probationary, 260u);
    EXPECT_GT(incumbents, 60u);
    EXPECT_LT(incumbents, 260u);
    EXPECT_GT(minorities, 150u);
    EXPECT_GT(four_words, 50u);
}

TEST_F(Sample, UnitsMatchTheMembers) {
    make("a", {1000, 15, 5});
    Table u = read(dir.file("a/units.csv"));
    Table m = read(dir.file("a/members.csv"));
    ASSERT_EQ(u.rows.size(), 15u);
    std::map<std::string, long> declared;
    std::set<std::string> names;
    for (const auto& r : u.rows) {
        ASSERT_EQ(r.cells.size(), 4u);
        EXPECT_EQ(text::to_nfc(r.cells[1]), r.cells[1]);
        EXPECT_TRUE(names.insert(r.cells[1]).second) << "repeated unit name " << r.cells[1];
        EXPECT_TRUE(r.cells[3].empty());
        declared[r.cells[0]] = std::stol(r.cells[2]);
    }
    std::map<std::string, long> counted;
    for (const auto& r : m.rows) {
        EXPECT_TRUE(declared.count(r.cells[12])) << "unknown unit " << r.cells[12];
        counted[r.cells[12]]++;
    }
    EXPECT_EQ(counted, declared);
    for (const auto& [code, n] : declared) EXPECT_GE(n, 1) << code;
}

TEST_F(Sample, AsManyUnitsAsMembersGivesOneMemberEach) {
    auto files = make("a", {300, 300, 2});
    EXPECT_EQ(files[1].rows, 300u);
    for (const auto& r : read(dir.file("a/units.csv")).rows)
        EXPECT_EQ(r.cells[2], "1") << r.cells[0];
}

TEST_F(Sample, EvaluationsAndDisciplineReferToMembers) {
    make("a", {2000, 10, 11});
    std::map<std::string, text::Date> joined;
    for (const auto& r : read(dir.file("a/members.csv")).rows)
        joined[r.cells[0]] = *text::parse_date(r.cells[6]);

    Table e = read(dir.file("a/evaluations.csv"));
    EXPECT_GT(e.rows.size(), 2000u * 3 * 85 / 100);  // most members, three years
    std::map<std::string, std::size_t> grades;
    for (const auto& r : e.rows) {
        ASSERT_EQ(r.cells.size(), 3u);
        ASSERT_TRUE(joined.count(r.cells[0])) << r.cells[0];
        int year = std::stoi(r.cells[1]);
        EXPECT_TRUE(year >= 2022 && year <= 2024);
        EXPECT_LT(joined[r.cells[0]], (text::Date{year, 12, 1})) << "graded before joining";
        ASSERT_TRUE(registry::parse_grade(r.cells[2])) << r.cells[2];
        grades[r.cells[2]]++;
    }
    EXPECT_EQ(grades.size(), 4u);
    EXPECT_GT(grades["tot"], grades["xuat-sac"]);
    EXPECT_GT(grades["hoan-thanh"], grades["khong-hoan-thanh"]);

    Table d = read(dir.file("a/discipline.csv"));
    EXPECT_GT(d.rows.size(), 5u);
    EXPECT_LT(d.rows.size(), 50u);
    for (const auto& r : d.rows) {
        ASSERT_EQ(r.cells.size(), 4u);
        ASSERT_TRUE(joined.count(r.cells[0]));
        auto date = text::parse_date(r.cells[1]), until = text::parse_date(r.cells[3]);
        ASSERT_TRUE(date && until);
        EXPECT_GT(*date, joined[r.cells[0]]);
        EXPECT_LT(*date, (text::Date{2025, 6, 1}));
        EXPECT_GT(*until, *date);
        EXPECT_TRUE(r.cells[2] == "khiển trách" || r.cells[2] == "cảnh cáo") << r.cells[2];
    }
}

TEST_F(Sample, CodesWidenPastAMillion) {
    sample::Congress c;
    c.options.members = 600;
    EXPECT_EQ(c.member_code(0), "DV000001");
    c.options.members = 1'000'000;
    EXPECT_EQ(c.member_code(0), "DV0000001");
    EXPECT_EQ(c.member_code(999'999), "DV1000000");
}

TEST_F(Sample, RefusesOutOfRangeOptions) {
    EXPECT_THROW(sample::validate({0, 1, 1}), UsageError);
    EXPECT_THROW(sample::validate({10, 0, 1}), UsageError);
    EXPECT_THROW(sample::validate({10, 11, 1}), UsageError);
    EXPECT_THROW(sample::validate({sample::kMaxMembers + 1, 1, 1}), UsageError);
    EXPECT_NO_THROW(sample::validate({10, 10, 1}));
    EXPECT_THROW(sample::generate({5, 6, 1}), UsageError);
}

TEST_F(Sample, RefusesAFileWhereTheFolderShouldBe) {
    std::string file = dir.write("plain", "x");
    EXPECT_THROW(sample::write(sample::generate({10, 2, 1}), file), Refused);
}

TEST(SampleRng, IsPinnedAndUniformEnough) {
    sample::Rng a(1, 2), b(1, 2), c(1, 3);
    std::uint64_t first = a.next();
    EXPECT_EQ(first, b.next());
    EXPECT_NE(first, c.next());
    std::size_t counts[10] = {};
    for (int i = 0; i < 100000; ++i) counts[a.below(10)]++;
    for (auto n : counts) EXPECT_NEAR(static_cast<double>(n), 10000.0, 500.0);
    for (int i = 0; i < 1000; ++i) {
        auto v = a.between(-3, 3);
        EXPECT_TRUE(v >= -3 && v <= 3);
    }
}

TEST_F(Sample, DelegatesAreFullMembersOfTheirUnitsAndImportable) {
    make("a", {600, 12, 1});
    Table m = read(dir.file("a/members.csv"));
    Table d = read(dir.file("a/delegates.csv"));
    std::map<std::string, std::pair<std::string, bool>> unit_and_full;  // code → unit, full member
    for (const auto& r : m.rows) unit_and_full[r.cells[0]] = {r.cells[12], !r.cells[7].empty()};
    std::set<std::string> seen;
    std::size_t ex = 0, elected = 0, reserves = 0;
    for (const auto& r : d.rows) {
        ASSERT_EQ(r.cells.size(), 3u);
        EXPECT_TRUE(seen.insert(r.cells[0]).second) << "twice: " << r.cells[0];
        auto it = unit_and_full.find(r.cells[0]);
        ASSERT_NE(it, unit_and_full.end());
        EXPECT_TRUE(it->second.second) << r.cells[0] << " is probationary";
        if (r.cells[1] == "ex-officio") {
            ++ex;
            EXPECT_EQ(r.cells[2], "");
        } else {
            EXPECT_EQ(r.cells[2], it->second.first) << r.cells[0] << " not of its unit";
            ++(r.cells[1] == "elected" ? elected : reserves);
        }
    }
    EXPECT_EQ(ex + elected, 150u);  // 600 / 4 seats
    EXPECT_EQ(ex, 15u);
    EXPECT_EQ(reserves, 12u);
}

TEST_F(Sample, ElectionsHaveBallotsInPositionRangeAndTheDelegationATie) {
    make("a", {600, 12, 1});
    Table e = read(dir.file("a/elections.csv"));
    Table c = read(dir.file("a/candidates.csv"));
    ASSERT_EQ(e.rows.size(), 2u);
    std::map<std::string, int> count;
    for (const auto& r : c.rows) ++count[r.cells[0]];
    // One file per election (serial,crossed,flag), as `ballots import` reads it.
    std::map<std::string, std::size_t> ballots;
    for (const auto& r : e.rows) {
        const std::string& id = r.cells[0];
        Table b = read(dir.file("a/ballots-" + id + ".csv"));
        EXPECT_EQ(b.header, (std::vector<std::string>{"serial", "crossed", "flag"})) << id;
        for (const auto& row : b.rows) {
            ++ballots[id];
            EXPECT_EQ(row.cells[0], std::to_string(ballots[id])) << id;  // serials 1, 2, … in order
            std::istringstream in(row.cells[1]);
            for (int p; in >> p;) {
                EXPECT_GE(p, 1);
                EXPECT_LE(p, count[id]);
            }
        }
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("a/ballots.csv")));
    for (const auto& r : e.rows) EXPECT_EQ(std::to_string(ballots[r.cells[0]]), r.cells[6]) << r.cells[0];
}
