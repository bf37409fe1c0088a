// Validity, votes and the majority rule. Statuses follow SPEC §5.4: among the
// candidates with a majority, ranked by votes, places 1…seats are official,
// the next `reserves` places reserve; a group of equal votes that straddles
// a cut is undecided (tie) and its places stay unfilled for a further round.
#include "core/election/tally.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>

namespace daihoi::election {

// ---- PositionSet ----------------------------------------------------------------------

PositionSet PositionSet::of(const std::vector<int>& positions) {
    PositionSet s;
    for (int p : positions) s.add(p);
    return s;
}

PositionSet PositionSet::all_but(int count, const std::vector<int>& crossed) {
    PositionSet s;
    for (int p = 1; p <= count; ++p) s.add(p);
    for (int p : crossed)
        if (p >= 1 && p <= count) s.bytes_[static_cast<std::size_t>(p - 1) / 8] &= static_cast<char>(~(1u << ((p - 1) % 8)));
    return s;
}

void PositionSet::add(int p) {
    std::size_t byte = static_cast<std::size_t>(p - 1) / 8;
    if (bytes_.size() <= byte) bytes_.resize(byte + 1, '\0');
    bytes_[byte] = static_cast<char>(static_cast<unsigned char>(bytes_[byte]) | (1u << ((p - 1) % 8)));
}

bool PositionSet::has(int p) const {
    std::size_t byte = static_cast<std::size_t>(p - 1) / 8;
    return p >= 1 && byte < bytes_.size() && (static_cast<unsigned char>(bytes_[byte]) >> ((p - 1) % 8)) & 1u;
}

int PositionSet::size() const {
    int n = 0;
    for (unsigned char c : bytes_) n += std::popcount(c);
    return n;
}

std::vector<int> PositionSet::positions() const {
    std::vector<int> out;
    for (std::size_t i = 0; i < bytes_.size(); ++i)
        for (int b = 0; b < 8; ++b)
            if ((static_cast<unsigned char>(bytes_[i]) >> b) & 1u) out.push_back(static_cast<int>(i * 8 + b + 1));
    return out;
}

// ---- validity and counting -----------------------------------------------------------

static std::string reason_for(int kept, std::string_view flag, int candidates, int places, Form form) {
    if (!flag.empty()) return std::string(flag);  // 1. ruled invalid by the board
    if (form == Form::Agree) return "";  // no surplus: rules 2 and 3 cannot apply (Quy chế 244 Art. 32)
    if (kept > places) return std::string(code(Reason::OverVote));  // 2. more names kept than to elect
    if (kept == 0 && candidates > places) return std::string(code(Reason::AllCrossed));  // 3. all crossed, a surplus
    return "";  // 4. valid
}

std::string invalid_reason(const Ballot& b, int candidates, int places, Form form) {
    return reason_for(b.kept.size(), b.flag, candidates, places, form);
}

namespace {
// Byte i of a bitset, 0 beyond its end (a bitset stops at its last set byte).
unsigned char byte_at(std::string_view bits, std::size_t i) {
    return i < bits.size() ? static_cast<unsigned char>(bits[i]) : 0;
}

// Votes by position (index 0 unused) from per-byte value counts.
std::vector<std::int64_t> expand(const std::vector<std::array<std::int64_t, 256>>& counts) {
    std::vector<std::int64_t> by_position(counts.size() * 8 + 1, 0);
    for (std::size_t i = 0; i < counts.size(); ++i)
        for (unsigned v = 1; v < 256; ++v)
            if (std::int64_t n = counts[i][v])
                for (unsigned b = 0; b < 8; ++b)
                    if (v >> b & 1u) by_position[i * 8 + b + 1] += n;
    return by_position;
}
}  // namespace

PositionSet votes_of(const Ballot& b) {
    std::string bytes = b.kept.bytes();
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<char>(static_cast<unsigned char>(bytes[i]) & ~byte_at(b.disagree.bytes(), i));
    return PositionSet(std::move(bytes));
}

Counter::Counter(const TallyInput& in)
    : in_(in),
      places_(in.seats + in.reserves),
      byte_counts_((in.candidates.size() + 7) / 8),
      disagree_counts_(in.form == Form::Agree ? byte_counts_.size() : 0) {
    for (auto& b : byte_counts_) b.fill(0);
    for (auto& b : disagree_counts_) b.fill(0);
}

void Counter::add(const Ballot& b) { add(b.kept.bytes(), b.flag, b.disagree.bytes()); }

void Counter::add(std::string_view kept, std::string_view flag, std::string_view disagree) {
    ++entered_;
    int n = 0;
    for (unsigned char c : kept) n += std::popcount(c);
    std::string why = reason_for(n, flag, static_cast<int>(in_.candidates.size()), places_, in_.form);
    if (!why.empty()) {
        ++invalid_[why];
        return;
    }
    ++valid_;
    // A vote: kept (marked "Đồng ý") and not marked "Không đồng ý"; on a
    // cross ballot `disagree` is empty and this is `kept` itself.
    std::size_t bytes = std::min(kept.size(), byte_counts_.size());
    for (std::size_t i = 0; i < bytes; ++i)
        ++byte_counts_[i][static_cast<unsigned char>(kept[i]) & ~byte_at(disagree, i) & 0xFFu];
    bytes = std::min(disagree.size(), disagree_counts_.size());
    for (std::size_t i = 0; i < bytes; ++i)
        ++disagree_counts_[i][static_cast<unsigned char>(disagree[i]) & ~byte_at(kept, i) & 0xFFu];
}

TallyResult Counter::finish() const {
    const std::vector<std::int64_t> votes = expand(byte_counts_), against = expand(disagree_counts_);
    TallyResult r;
    r.entered = entered_;
    r.valid = valid_;
    r.invalid = entered_ - valid_;
    r.invalid_by_reason = invalid_;
    r.base = in_.base.value_or(valid_);
    r.needed = r.base / 2 + 1;
    for (const auto& c : in_.candidates) {
        CandidateResult cr;
        cr.position = c.position;
        cr.code = c.code;
        cr.name = c.name;
        cr.votes = static_cast<std::size_t>(c.position) < votes.size() ? votes[static_cast<std::size_t>(c.position)] : 0;
        if (in_.form == Form::Agree) {
            cr.disagree = static_cast<std::size_t>(c.position) < against.size() ? against[static_cast<std::size_t>(c.position)] : 0;
            cr.no_vote = valid_ - cr.votes - cr.disagree;  // both boxes or neither
        }
        cr.majority = 2 * cr.votes > r.base;  // more than half, never floating point
        r.candidates.push_back(cr);
    }
    std::sort(r.candidates.begin(), r.candidates.end(), [](const CandidateResult& a, const CandidateResult& b) {
        return a.votes != b.votes ? a.votes > b.votes : a.position < b.position;
    });
    for (std::size_t i = 0; i < r.candidates.size(); ++i)
        r.candidates[i].rank = i > 0 && r.candidates[i].votes == r.candidates[i - 1].votes
                                   ? r.candidates[i - 1].rank
                                   : static_cast<int>(i) + 1;
    decide(r, in_.seats, in_.reserves);
    return r;
}

void decide(TallyResult& r, int seats, int reserves) {
    // Candidates are sorted by votes; walk the groups of equal votes among
    // those with a majority, placing each group at ranks placed+1 … placed+g.
    std::int64_t placed = 0, elected = 0, reserved = 0;
    const std::int64_t S = seats, P = static_cast<std::int64_t>(seats) + reserves;
    std::size_t i = 0;
    while (i < r.candidates.size()) {
        std::size_t j = i;
        while (j < r.candidates.size() && r.candidates[j].votes == r.candidates[i].votes) ++j;
        std::int64_t g = 0;
        for (std::size_t k = i; k < j; ++k) g += r.candidates[k].majority;
        Status s;
        if (g == 0) s = Status::NotElected;                   // no majority: not elected, whatever the rank
        else if (placed + g <= S) s = Status::Elected;        // wholly within the official seats
        else if (placed < S) s = Status::Tie;                 // straddles the official cut
        else if (placed + g <= P) s = Status::Reserve;        // wholly within the reserve places
        else if (placed < P) s = Status::Tie;                 // straddles the reserve cut
        else s = Status::NotElected;                          // beyond every place
        for (std::size_t k = i; k < j; ++k) {
            auto& c = r.candidates[k];
            c.status = c.majority ? s : Status::NotElected;
        }
        if (s == Status::Elected) elected += g;
        if (s == Status::Reserve) reserved += g;
        placed += g;
        i = j;
    }
    r.unfilled_seats = S - elected;
    r.unfilled_reserves = reserves - reserved;
}

TallyResult tally(const TallyInput& in, const std::vector<Ballot>& ballots) {
    Counter c(in);
    for (const auto& b : ballots) c.add(b);
    return c.finish();
}

void rank_only(TallyResult& r) {
    for (auto& c : r.candidates) c.status = Status::Ranked;
    r.unfilled_seats = r.unfilled_reserves = 0;
}

}  // namespace daihoi::election
