// `standards check --all`: the whole registry, ranked by name from the
// index alone, read in code order in three merged passes on one thread and
// evaluated on another, spooled to rank buckets, emitted in name order.
#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/io/pipeline.hpp"
#include "core/standards/check_detail.hpp"
#include "core/text/utf8.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <numeric>

namespace daihoi::standards::detail {

namespace {

using registry::Member;

// Grades are stored as codes (the schema checks them): no folding needed.
registry::Grade grade_of(std::string_view s) {
    for (auto g : {registry::Grade::Tot, registry::Grade::HoanThanh, registry::Grade::XuatSac,
                   registry::Grade::KhongHoanThanh})
        if (registry::code(g) == s) return g;
    return registry::parse_grade(s).value_or(registry::Grade::KhongHoanThanh);
}

// A read snapshot: the passes of --all see one state of the registry.
class Snapshot {
public:
    explicit Snapshot(SQLite::Database& db) : db_(db) { db_.exec("SAVEPOINT standards_check"); }
    ~Snapshot() {
        try {
            db_.exec("RELEASE standards_check");
        } catch (...) {
        }
    }

private:
    SQLite::Database& db_;
};

// Codes in name order, stored flat; `by_code` lists their ranks in code order.
struct Ranks {
    std::string arena;
    std::vector<std::uint32_t> start;  // start[rank]; one extra at the end
    std::vector<std::uint32_t> by_code;

    std::string_view at(std::uint32_t rank) const {
        return std::string_view(arena).substr(start[rank], start[rank + 1] - start[rank]);
    }
};

Ranks rank_everyone(SQLite::Database& db) {
    Ranks r;
    SQLite::Statement q(db, "SELECT code FROM members ORDER BY sort_key, birth_date, code");
    while (q.executeStep()) {
        r.start.push_back(static_cast<std::uint32_t>(r.arena.size()));
        const auto& col = q.getColumn(0);
        r.arena.append(static_cast<const char*>(col.getBlob()), static_cast<std::size_t>(col.getBytes()));
    }
    r.start.push_back(static_cast<std::uint32_t>(r.arena.size()));
    const std::size_t n = r.start.size() - 1;
    r.by_code.resize(n);
    std::iota(r.by_code.begin(), r.by_code.end(), 0u);
    // SQLite's BINARY collation is memcmp, then length: string_view's order.
    // Codes of up to 16 bytes sort as two big-endian integers, zero-padded
    // (a shorter code then comes first, as with memcmp then length) — five
    // times faster than comparing strings.
    bool short_codes = true;
    for (std::size_t i = 0; i < n && short_codes; ++i)
        short_codes = r.start[i + 1] - r.start[i] <= 16 && r.at(static_cast<std::uint32_t>(i)).find('\0') == std::string_view::npos;
    if (!short_codes) {
        std::sort(r.by_code.begin(), r.by_code.end(), [&](std::uint32_t a, std::uint32_t b) { return r.at(a) < r.at(b); });
        return r;
    }
    struct Key {
        std::uint64_t hi, lo;
        std::uint32_t rank;
    };
    std::vector<Key> keys(n);
    for (std::size_t i = 0; i < n; ++i) {
        unsigned char b[16] = {};
        std::string_view c = r.at(static_cast<std::uint32_t>(i));
        std::memcpy(b, c.data(), c.size());
        std::uint64_t hi = 0, lo = 0;
        for (int k = 0; k < 8; ++k) hi = hi << 8 | b[k];
        for (int k = 8; k < 16; ++k) lo = lo << 8 | b[k];
        keys[i] = {hi, lo, static_cast<std::uint32_t>(i)};
    }
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) { return a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo; });
    for (std::size_t i = 0; i < n; ++i) r.by_code[i] = keys[i].rank;
    return r;
}

// Length-prefixed fields in a spool record.
void put(std::string& out, std::string_view s) {
    auto n = static_cast<std::uint32_t>(s.size());
    out.append(reinterpret_cast<const char*>(&n), sizeof n);
    out.append(s);
}

std::string_view take(const char*& p) {
    std::uint32_t n;
    std::memcpy(&n, p, sizeof n);
    p += sizeof n;
    std::string_view s(p, n);
    p += n;
    return s;
}

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// The raw SQLite API for the million-row passes: SQLiteCpp's Column copies
// a shared_ptr per access, which shows at millions of rows.
class Raw {
public:
    Raw(SQLite::Database& db, const char* sql) {
        if (sqlite3_prepare_v2(db.getHandle(), sql, -1, &q_, nullptr) != SQLITE_OK)
            throw SQLite::Exception(db.getHandle(), sqlite3_errcode(db.getHandle()));
    }
    ~Raw() { sqlite3_finalize(q_); }
    Raw(const Raw&) = delete;
    Raw& operator=(const Raw&) = delete;
    bool step() {
        int rc = sqlite3_step(q_);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) throw SQLite::Exception(sqlite3_db_handle(q_), rc);
        return false;
    }
    operator sqlite3_stmt*() const { return q_; }

private:
    sqlite3_stmt* q_ = nullptr;
};

// Text of column `i` of the current row.
std::string_view column_text(sqlite3_stmt* q, int i) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(q, i));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(q, i))) : std::string_view();
}


// --all reads on one thread and evaluates on another. The reading thread
// only copies the raw columns it steps over into a packed batch (one
// allocation per few thousand people); the evaluating thread parses them —
// the registry stores validated codes and ISO dates, so parsing is exact
// matching — into one Member and Records reused from person to person.
constexpr const char* kMembersInCodeOrder =
    "SELECT code, full_name, gender, birth_date, party_join_date, official_date, degree, theory, incumbent "
    "FROM members ORDER BY code";

struct Packed {
    std::string bytes;
    std::size_t people = 0;
};

template <class T>
void put_raw(std::string& out, T v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <class T>
T take_raw(const char*& p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    p += sizeof v;
    return v;
}

template <class E>
std::optional<E> code_of(std::string_view s, int values) {
    if (s.empty()) return std::nullopt;  // NULL (the registry stores no empty codes)
    for (int v = 0; v < values; ++v)
        if (registry::code(static_cast<E>(v)) == s) return static_cast<E>(v);
    return std::nullopt;
}

std::optional<text::Date> date_of(std::string_view s) {
    if (s.empty()) return std::nullopt;
    return text::parse_date(s);
}

// Unpacks one person written by the reading thread in check_all.
void unpack(const char*& p, Member& m, Records& rec, std::uint32_t& rank) {
    rank = take_raw<std::uint32_t>(p);
    m.code.assign(take(p));
    m.full_name.assign(take(p));
    m.gender = take(p) == "F" ? registry::Gender::Female : registry::Gender::Male;
    m.birth_date = registry::BirthDate::parse(take(p)).value_or(registry::BirthDate{});
    m.party_join_date = date_of(take(p));
    m.official_date = date_of(take(p));
    m.degree = code_of<registry::Degree>(take(p), 5);
    m.theory = code_of<registry::Theory>(take(p), 5);
    m.incumbent = *p++ != 0;
    rec.evaluations.resize(take_raw<std::uint32_t>(p));
    for (auto& e : rec.evaluations) {
        e.year = take_raw<std::int32_t>(p);
        e.grade = grade_of(take(p));
    }
    rec.discipline.resize(take_raw<std::uint32_t>(p));
    for (auto& d : rec.discipline) {
        d.date = date_of(take(p)).value_or(text::Date{});
        d.form.assign(take(p));
        d.until = date_of(take(p));
    }
}

// An outcome in a spool record, packed (a million people write seven
// million): the result, the reason, the value (and the incumbent bit) in
// three bytes, the numbers in 16 bits (months, years and enum values are
// small), dates as YYYYMMDD, the text and the grades length-prefixed.
std::int32_t pack(const text::Date& d) { return d.year * 10000 + d.month * 100 + d.day; }
text::Date unpack_date(std::int32_t v) { return {v / 10000, v / 100 % 100, v % 100}; }

void put_outcome(std::string& out, const Outcome& o) {
    out += static_cast<char>(o.result);
    out += static_cast<char>(o.reason);
    out += static_cast<char>((o.value & 0x7f) | (o.incumbent ? 0x80 : 0));
    for (int v : {o.count, o.needs, o.first, o.last}) put_raw<std::int16_t>(out, static_cast<std::int16_t>(v));
    put_raw<std::int32_t>(out, pack(o.date));
    put_raw<std::int32_t>(out, pack(o.until));
    put_raw<std::uint16_t>(out, static_cast<std::uint16_t>(std::min<std::size_t>(o.text.size(), 0xffff)));
    out.append(o.text.data(), std::min<std::size_t>(o.text.size(), 0xffff));
    out += static_cast<char>(o.grades.size());  // at most 20
    for (const auto& g : o.grades) {
        put_raw<std::int16_t>(out, static_cast<std::int16_t>(g.year));
        out += static_cast<char>(g.grade);
    }
}

void take_outcome(const char*& p, Outcome& o) {
    o.result = static_cast<Result>(*p++);
    o.reason = static_cast<Reason>(*p++);
    const auto bits = static_cast<unsigned char>(*p++);
    o.value = bits & 0x7f;
    o.incumbent = (bits & 0x80) != 0;
    o.count = take_raw<std::int16_t>(p);
    o.needs = take_raw<std::int16_t>(p);
    o.first = take_raw<std::int16_t>(p);
    o.last = take_raw<std::int16_t>(p);
    o.date = unpack_date(take_raw<std::int32_t>(p));
    o.until = unpack_date(take_raw<std::int32_t>(p));
    const auto length = take_raw<std::uint16_t>(p);
    o.text.assign(p, length);
    p += length;
    o.grades.resize(static_cast<unsigned char>(*p++));
    for (auto& g : o.grades) {
        g.year = take_raw<std::int16_t>(p);
        g.grade = static_cast<registry::Grade>(*p++);
    }
}

}  // namespace

void check_all(SQLite::Database& workspace, const StandardSet& set, const CheckOptions& opt, CheckSink& sink) {
    // A connection of its own, read-only and without SQLite's per-call mutex
    // (tens of millions of calls here), holding one snapshot for all passes.
    SQLite::Database db(workspace.getFilename(), SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX, 10000);
    Snapshot snapshot(db);
    const Ranks ranks = rank_everyone(db);
    const std::size_t n = ranks.by_code.size();
    const std::size_t bucket = std::max<std::size_t>(opt.bucket_people, 1);
    std::vector<File> spool((n + bucket - 1) / bucket);
    std::vector<std::string> pending(spool.size());  // written in large pieces
    for (auto& f : spool) {
        f.reset(std::tmpfile());
        if (!f) throw Refused(_("cannot create a temporary file for the check"));
    }
    auto flush = [&](std::size_t b) {
        if (std::fwrite(pending[b].data(), 1, pending[b].size(), spool[b].get()) != pending[b].size())
            throw Refused(_("cannot write the check's temporary file (is the disk full?)"));
        pending[b].clear();
    };

    int years = 0;
    const bool grades = needs_grades(set, &years), discipline = needs_discipline(set);
    Raw e(db, "SELECT code, year, grade FROM evaluations WHERE year BETWEEN ?1 AND ?2 ORDER BY code, year");
    sqlite3_bind_int(e, 1, opt.as_of.year - years);
    sqlite3_bind_int(e, 2, opt.as_of.year - 1);
    Raw dr(db, "SELECT code, date, form, until FROM discipline ORDER BY code, date");
    bool e_more = grades && e.step();
    bool d_more = discipline && dr.step();

    std::size_t i = 0, cw = 0, nw = 0;
    Raw members(db, kMembersInCodeOrder);
    // Reading thread: the next people in code order with their records
    // (merged by code), packed raw.
    auto read = [&](Packed& batch) {
        constexpr std::size_t kPeople = 4096;
        batch.bytes.reserve(kPeople * 256);
        for (; batch.people < kPeople && members.step(); ++batch.people) {
            const std::string_view code = column_text(members, 0);
            if (i >= n || ranks.at(ranks.by_code[i]) != code)
                throw Refused(_("the registry changed during the check; run it again"));
            std::string& out = batch.bytes;
            put_raw<std::uint32_t>(out, ranks.by_code[i++]);
            for (int c = 0; c < 8; ++c) put(out, column_text(members, c));
            out += static_cast<char>(sqlite3_column_int(members, 8) != 0);
            const std::size_t count_at = out.size();
            put_raw<std::uint32_t>(out, 0);
            std::uint32_t count = 0;
            for (; e_more; e_more = e.step()) {
                const int cmp = column_text(e, 0).compare(code);
                if (cmp > 0) break;
                if (cmp < 0) continue;
                put_raw<std::int32_t>(out, sqlite3_column_int(e, 1));
                put(out, column_text(e, 2));
                ++count;
            }
            std::memcpy(out.data() + count_at, &count, sizeof count);
            const std::size_t disc_at = out.size();
            put_raw<std::uint32_t>(out, 0);
            count = 0;
            for (; d_more; d_more = dr.step()) {
                const int cmp = column_text(dr, 0).compare(code);
                if (cmp > 0) break;
                if (cmp < 0) continue;
                for (int c = 1; c < 4; ++c) put(out, column_text(dr, c));
                ++count;
            }
            std::memcpy(out.data() + disc_at, &count, sizeof count);
        }
        return batch.people == kPeople;
    };
    // Evaluating thread: unpack, evaluate, spool to the bucket of the rank.
    Member m;
    Records rec;
    std::vector<Outcome> results;
    auto spool_batch = [&](const Packed& batch) {
        const char* p = batch.bytes.data();
        for (std::size_t k = 0; k < batch.people; ++k) {
            std::uint32_t rank;
            unpack(p, m, rec, rank);
            // A display width never exceeds the UTF-8 length: most names need no look.
            if (m.code.size() > cw) cw = std::max(cw, text::display_width(m.code));
            if (m.full_name.size() > nw) nw = std::max(nw, text::display_width(m.full_name));
            evaluate_into(set, m, rec, opt.as_of, opt.flags, results);
            const std::size_t b = rank / bucket;
            std::string& buf = pending[b];
            // rank, the record's length, then the record.
            put_raw(buf, rank);
            const std::size_t length_at = buf.size();
            put_raw<std::uint32_t>(buf, 0);
            put(buf, m.code);
            put(buf, m.full_name);
            for (const auto& o : results) put_outcome(buf, o);
            const auto length = static_cast<std::uint32_t>(buf.size() - length_at - sizeof(std::uint32_t));
            std::memcpy(buf.data() + length_at, &length, sizeof length);
            if (buf.size() >= (1 << 16)) flush(b);
        }
    };
    io::pipelined<Packed>(
        [&](std::vector<Packed>& batches) {
            batches.resize(1);
            return read(batches[0]);
        },
        [&](std::vector<Packed>& batches) {
            for (const auto& b : batches) spool_batch(b);
        });
    for (std::size_t b = 0; b < spool.size(); ++b) flush(b);
    if (i != n) throw Refused(_("the registry changed during the check; run it again"));

    sink.begin(n, cw, nw);
    // Each bucket is read whole, its records indexed by rank, then decoded
    // in rank order into one reused PersonCheck: reading stays sequential
    // within a record and the strings stay in cache.
    std::string data;
    std::vector<std::uint32_t> at(std::min(bucket, n));
    PersonCheck pc;
    pc.results.resize(set.criteria.size());
    for (std::size_t b = 0; b < spool.size(); ++b) {
        std::FILE* f = spool[b].get();
        long len = std::ftell(f);
        data.resize(static_cast<std::size_t>(len));
        std::rewind(f);
        if (len && std::fread(data.data(), 1, data.size(), f) != data.size())
            throw Refused(_("cannot read back the check's temporary file"));
        spool[b].reset();
        const std::size_t base = b * bucket, count = std::min(bucket, n - base);
        for (const char* p = data.data(); p < data.data() + data.size();) {
            const auto rank = take_raw<std::uint32_t>(p);
            at[rank - base] = static_cast<std::uint32_t>(p - data.data());
            p += take_raw<std::uint32_t>(p);
        }
        for (std::size_t i = 0; i < count; ++i) {
            const char* p = data.data() + at[i] + sizeof(std::uint32_t);
            pc.code = take(p);
            pc.full_name = take(p);
            for (auto& o : pc.results) take_outcome(p, o);
            sink.person(pc);
        }
    }
}

}  // namespace daihoi::standards::detail
