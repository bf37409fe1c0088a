// The count (SPEC §5.3–5.4): ballot validity, votes, the Party's majority
// rule against a base, ranks, ties at the official and reserve cuts, and
// unfilled seats. A pure function of its inputs, integer arithmetic only, so
// it can be re-run at any time (a live count, close, audit verify) and give
// the same answer.
#pragma once

#include "core/election/values.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace daihoi::election {

// The positions a ballot keeps (names left standing, or on an agree ballot
// the rows marked "Đồng ý"), as a bitset: bit p-1 is position p. 25 bytes
// hold a 200-name ballot.
class PositionSet {
public:
    PositionSet() = default;
    explicit PositionSet(std::string bytes) : bytes_(std::move(bytes)) {}
    static PositionSet of(const std::vector<int>& positions);
    // Every position 1…count except those in `crossed`.
    static PositionSet all_but(int count, const std::vector<int>& crossed);

    void add(int position);
    bool has(int position) const;
    int size() const;  // number of positions kept
    std::vector<int> positions() const;
    const std::string& bytes() const { return bytes_; }
    bool operator==(const PositionSet& o) const { return positions() == o.positions(); }

private:
    std::string bytes_;
};

struct Ballot {
    std::int64_t serial = 0;
    PositionSet kept;      // agree form: the rows marked "Đồng ý"
    std::string flag;      // non-empty: ruled invalid by the counting board
    PositionSet disagree;  // agree form only: the rows marked "Không đồng ý"
};

struct CandidateResult {
    int position = 0;
    std::string code, name;
    std::int64_t votes = 0;
    // Agree form only (0 on a cross ballot): the valid ballots marking this
    // row "Không đồng ý" alone, and those marking both boxes or neither
    // (no vote, Quy chế 244 Art. 32). votes + disagree + no_vote = valid.
    std::int64_t disagree = 0, no_vote = 0;
    bool majority = false;
    Status status = Status::NotElected;
    int rank = 0;  // 1 = most votes; equal votes share a rank
};

struct TallyInput {
    int seats = 0, reserves = 0;
    Form form = Form::Cross;
    struct Candidate {
        int position;
        std::string code, name;
    };
    std::vector<Candidate> candidates;  // positions 1…C
    // The base: a number (convened delegates, fixed at create), or the
    // number of valid ballots when empty.
    std::optional<std::int64_t> base;
};

struct TallyResult {
    std::int64_t entered = 0, valid = 0, invalid = 0;
    std::map<std::string, std::int64_t> invalid_by_reason;  // over_vote, all_crossed, or the flag
    std::int64_t base = 0;
    std::int64_t needed = 0;  // floor(base / 2) + 1
    std::vector<CandidateResult> candidates;  // by votes, highest first, then position
    std::int64_t unfilled_seats = 0, unfilled_reserves = 0;
};

// Why a ballot is invalid ("" when valid), in the order of SPEC §5.3. On an
// agree ballot only the board's flag can make it invalid: it has no surplus
// to cross out and cannot give more votes than places.
std::string invalid_reason(const Ballot& b, int candidates, int places, Form form = Form::Cross);

// The names a valid ballot votes for: those kept, and on an agree ballot
// those marked "Đồng ý" but not "Không đồng ý".
PositionSet votes_of(const Ballot& b);

// Counts incrementally: add ballots one at a time (constant memory), then finish.
class Counter {
public:
    explicit Counter(const TallyInput& in);
    void add(const Ballot& b);
    // Adds a ballot given as raw bitset bytes (the database form); the fast
    // path. `disagree_bytes`: the "Không đồng ý" marks of an agree ballot.
    void add(std::string_view kept_bytes, std::string_view flag, std::string_view disagree_bytes = {});
    TallyResult finish() const;

private:
    TallyInput in_;
    int places_;
    // How many valid ballots had byte value v at byte i of their bitset:
    // 25 increments a ballot for 200 names, expanded to votes in finish().
    std::vector<std::array<std::int64_t, 256>> byte_counts_;
    // The same for the rows marked "Không đồng ý" alone (agree form only).
    std::vector<std::array<std::int64_t, 256>> disagree_counts_;
    std::int64_t entered_ = 0, valid_ = 0;
    std::map<std::string, std::int64_t> invalid_;
};

TallyResult tally(const TallyInput& in, const std::vector<Ballot>& ballots);

// Decides each candidate's status from the votes (used by Counter::finish).
void decide(TallyResult& r, int seats, int reserves);

// A consultative ballot (body consultation) elects nobody: every candidate
// is Ranked (the rank by votes kept, ties sharing a rank), no place is left
// unfilled. Applied after finish().
void rank_only(TallyResult& r);

}  // namespace daihoi::election
