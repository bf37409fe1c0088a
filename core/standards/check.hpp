// Screening people against a standard set: each person × criterion gives
// pass, fail (with the reason) or unknown (data missing), people in
// Vietnamese name order. `--all` streams the whole registry in bounded
// memory (see check()).
#pragma once

#include "core/registry/members.hpp"
#include "core/standards/reason.hpp"
#include "core/standards/standard_set.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace daihoi::standards {

struct PersonCheck {
    std::string code, full_name;
    std::vector<Outcome> results;  // one per criterion, in the set's order

    // Passes only when every criterion passes: unknown data is not a pass.
    bool passes() const;
    bool fails() const;  // at least one criterion failed
};

// What the criteria read besides the member: the quality grades and the
// discipline records of the registry.
struct Records {
    std::vector<registry::Evaluation> evaluations;
    std::vector<registry::DisciplineRecord> discipline;
};

// The named flags of the `flag` criterion, read from a flags file (.csv or
// .xlsx): a `code` column (or `Mã`), then one column per flag, its header the
// flag's name. A cell 1/x/yes/có/đạt is set, 0/no/không is not set, empty is
// no record (unknown). Bad cells, unknown codes' duplicates → InputError.
class Flags {
  public:
    static Flags load(const std::string& path);
    // nullopt when the file has no column for `flag` or no value for `code`.
    std::optional<bool> get(const std::string& code, const std::string& flag) const;

  private:
    std::vector<std::string> names_;    // folded flag names, one per column
    std::vector<std::string> headers_;  // as written, for messages
    std::unordered_map<std::string, std::vector<std::int8_t>> values_;  // -1 none, 0, 1
};

// The as-of date: `override` (--as-of), else the set's as_of, else the
// congress's opening date.
text::Date as_of_date(SQLite::Database& db, const StandardSet& set,
                      const std::optional<text::Date>& override);

// `--as-of` as given (empty: not given): a usage error when it is not a date.
std::optional<text::Date> parse_as_of(std::string_view given);

// One person against every criterion of the set (no database).
std::vector<Outcome> evaluate(const StandardSet& set, const registry::Member& m,
                              const Records& records, const text::Date& as_of,
                              const Flags* flags = nullptr);

// Who is checked: the given codes, an election's candidates, or everyone.
struct Selection {
    std::vector<std::string> codes;
    std::optional<std::string> election;
    bool all = false;

    // Exactly one of member codes, an election (empty: not given) or all:
    // the one rule of `standards check` and `report standards`; UsageError
    // otherwise.
    static Selection of(std::vector<std::string> codes, const std::string& election, bool all);
};

// Receives the people checked, in Vietnamese name order.
class CheckSink {
  public:
    virtual ~CheckSink() = default;
    // Before the first person: how many there are and the widest code and
    // name (display columns), so a table can stream.
    virtual void begin(std::size_t /*people*/, std::size_t /*code_width*/,
                       std::size_t /*name_width*/) {}
    virtual void person(const PersonCheck& p) = 0;
};

struct CheckOptions {
    text::Date as_of;
    const Flags* flags = nullptr;
    // --all: results are spooled to temporary files in buckets of this many
    // people (by name rank), then read back bucket by bucket.
    std::size_t bucket_people = 1 << 16;
};

// Checks the selection against the set. Codes that name nobody → bad input
// (exit 3, registry::throw_unknown_members), before anyone is checked.
//
// For --all, reading the registry in name order costs a B-tree lookup per
// person (3 s for a million), so the check instead ranks everyone from the
// name index alone (codes only), reads members, grades and discipline in
// three merged passes in code order, and spools each person's results to the
// bucket of their rank; the buckets are then emitted in rank order. Memory:
// the ranks (about 18 bytes a person) and one bucket.
void check(SQLite::Database& db, const StandardSet& set, const Selection& sel,
           const CheckOptions& opt, CheckSink& sink);

// Who passes, fails or lacks data, counted as the people come.
struct CheckCounts {
    std::size_t people = 0, failing = 0, unknown = 0;  // unknown: no failure, some data missing
    void add(const PersonCheck& p);
    std::size_t passing() const { return people - failing - unknown; }
};

// `--strict`: refused (exit 1) when anyone does not pass, saying how many.
void require_all_pass(const CheckCounts& counts, const StandardSet& set);

// Writes one person as the JSON object of `standards check --json`
// ({"code", "full_name", "passes", "results": [{"criterion", "result",
// "reason", …the reason's facts}]}), laid out as json::ArrayStream lays out
// an element (two-space indent, the object at depth one). Written by hand,
// its fixed text prepared once per set: a million nlohmann objects would
// cost more than the check itself.
class JsonWriter {
  public:
    explicit JsonWriter(const StandardSet& set);
    // Appends the element to `out` (for json::ArrayStream::add_serialized).
    void append(std::string& out, const PersonCheck& p) const;

  private:
    std::string open_, name_, passes_, results_, close_;
    std::vector<std::string> criterion_;  // per criterion: up to the result's value
    std::string indent_, next_, last_;
};

}  // namespace daihoi::standards
