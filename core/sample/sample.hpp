// Deterministic synthetic congress data (SPEC §9): a whole congress drawn from
// one seed, and the CSV files the import commands read. The same seed gives
// byte-identical files on every machine and library version.
#pragma once

#include "core/registry/member.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace daihoi::sample {

struct Options {
    std::size_t members = 600;
    std::size_t units = 12;
    std::uint64_t seed = 1;
};

inline constexpr std::size_t kMaxMembers = 10'000'000;

// Throws UsageError naming the option when `o` is out of range
// (members 1…kMaxMembers, units 1…members).
void validate(const Options& o);

// xoshiro256** seeded through splitmix64: the same numbers everywhere, unlike
// std::*_distribution, whose output differs between standard libraries. Each
// purpose draws from its own stream, so a file added later never changes the
// files generated before it.
class Rng {
  public:
    Rng(std::uint64_t seed, std::uint64_t stream);
    std::uint64_t next();
    std::uint64_t below(std::uint64_t n);                    // in [0, n); n > 0
    std::int64_t between(std::int64_t lo, std::int64_t hi);  // in [lo, hi]
    bool chance(std::uint32_t per_10000);                    // true with that probability

  private:
    std::uint64_t s_[4];
};

// The streams; append new ones at the end, never renumber.
enum class Stream : std::uint64_t {
    Units = 1,
    Members = 2,
    Evaluations = 3,
    Discipline = 4,
    Delegates = 5,
    Elections = 6,
    Ballots = 7,
};

// A subordinate party organization (tổ chức đảng trực thuộc).
struct Unit {
    std::string code;  // U01
    std::string name;  // Chi bộ Trường THPT Nguyễn Du
    std::uint32_t members = 0;
};

// One generated member, compact: a million of them must stay small. Text
// fields are indices into the sample's vocabularies, read through Congress.
struct Person {
    std::uint32_t name_offset = 0;  // into Congress::names
    std::uint8_t name_length = 0;
    registry::Gender gender = registry::Gender::Male;
    std::uint32_t unit = 0;     // index into Congress::units
    std::int32_t birth = 0;     // days since 1970-01-01
    std::int32_t joined = 0;    // ngày vào Đảng
    std::int32_t official = 0;  // ngày chính thức; kProbationary when none
    std::uint8_t ethnicity = 0, religion = 0, education = 0, position = 0;
    registry::Degree degree = registry::Degree::Bachelor;
    registry::Theory theory = registry::Theory::None;
    bool incumbent = false;

    static constexpr std::int32_t kProbationary = INT32_MIN;
    bool probationary() const { return official == kProbationary; }
};

struct Evaluation {
    std::uint32_t person;
    std::uint16_t year;
    registry::Grade grade;
};

struct Discipline {
    std::uint32_t person;
    std::int32_t date, until;  // days since 1970-01-01
    std::uint8_t form;         // index into the forms (khiển trách, cảnh cáo)
};

// A delegate convened: the convening committee's members ex officio, the
// delegates elected by each unit (seats by Hamilton over full members), and
// one reserve per unit where the unit has members to spare.
struct DelegatePick {
    std::uint32_t person;
    enum Kind : std::uint8_t { Elected, ExOfficio, Reserve } kind;
    std::uint32_t unit;  // index into units; ignored for ex officio
};

// An election of the sample and its paper ballots, in the positions the
// list gets when opened (Vietnamese name order). Ballots are mostly valid;
// a few are over-voted, all crossed or ruled invalid by the board.
struct SampleElection {
    std::string id, title, body;
    int seats = 0, reserves = 0;
    std::vector<std::uint32_t> candidates;  // persons, in ballot order
    struct Paper {
        std::vector<std::uint16_t> crossed;  // positions crossed out
        std::string_view flag;
    };
    std::vector<Paper> ballots;
    std::size_t issued = 0;  // collected = ballots.size()
};

// The whole synthetic congress in memory; the files are views of it. Later
// parts of the sample (delegates, elections, candidates, ballots) are built
// from it in generate() and stored here beside the members.
struct Congress {
    Options options;
    std::int32_t as_of = 0;  // the sample's "today" (fixed, never the clock)
    std::vector<Unit> units;
    std::vector<Person> members;          // members[i] has code member_code(i)
    std::string names;                    // every full name, back to back
    std::vector<Evaluation> evaluations;  // by member, then year
    std::vector<Discipline> discipline;   // by member
    std::vector<DelegatePick> delegates;  // ex officio, then by unit
    std::vector<SampleElection> elections;  // the committee, then the delegation

    std::string member_code(std::size_t i) const;  // DV000001
    std::string_view full_name(const Person& p) const {
        return std::string_view(names).substr(p.name_offset, p.name_length);
    }
    std::string_view ethnicity(const Person& p) const;
    std::string_view religion(const Person& p) const;
    std::string_view education(const Person& p) const;
    std::string_view position(const Person& p) const;
    static std::string_view discipline_form(std::uint8_t form);
};

// The years evaluated (the three before the congress).
inline constexpr int kFirstEvaluationYear = 2022, kLastEvaluationYear = 2024;

// Draws the whole congress from the options (validated first).
Congress generate(const Options& o);

struct FileSummary {
    std::string name;  // members.csv
    std::size_t rows;  // data rows, without the header
};

// Writes every file of the sample into `dir` (created if missing; files of the
// same names are replaced), each through a temporary file renamed into place.
// Returns the files in the order written. Throws Refused when the folder or a
// file cannot be written.
std::vector<FileSummary> write(const Congress& c, const std::filesystem::path& dir);

}  // namespace daihoi::sample
