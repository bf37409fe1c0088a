// Sealing (SPEC §5.5) and its checks (SPEC §6): the full record of an
// election, its hash in the audit chain, `audit verify` and `audit export`.
#include "core/audit/audit.hpp"
#include "core/audit/sha256.hpp"
#include "core/base/i18n.hpp"
#include "core/election/election.hpp"
#include "core/election/internal.hpp"
#include "core/election/scanned.hpp"
#include "core/error.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace daihoi::election {

namespace {

using J = nlohmann::ordered_json;

// Format 1 named people `name`; format 2 `full_name`, in the record's
// candidates and in its stored result (a result stored before keeps its
// key in the workspace; the record shows it renamed, in place).
J with_full_names(J result) {
    if (!result.is_object() || !result.contains("candidates")) return result;
    for (auto& c : result["candidates"]) {
        if (!c.is_object() || !c.contains("name")) continue;
        J renamed = J::object();
        for (auto& [k, v] : c.items()) renamed[k == "name" ? "full_name" : k] = v;
        c = std::move(renamed);
    }
    return result;
}

// Hashes of the parts of a record, so verify can name what changed.
std::map<std::string, std::string> part_hashes(const J& r) {
    std::map<std::string, std::string> h;
    for (const char* part : {"election", "candidates", "counts", "ballots", "result"})
        h[part] = audit::sha256_hex(r[part].dump()).substr(0, 16);
    return h;
}

// A seal in the audit chain. Its summary is read by people (translated) and
// ends in data that verify reads back, never translated:
// "; seal id=ID format=N parts: ballots=… candidates=… …". Seals written
// before had the English summary "election ID sealed; parts: …" (format 1).
struct SealEntry {
    std::string id;
    int format = 1;
    const audit::Entry* entry = nullptr;
};

constexpr std::string_view kSealTail = "; seal id=";

std::optional<SealEntry> parse_seal(const audit::Entry& e) {
    if (e.object_hash.empty()) return std::nullopt;  // only a seal binds an object to the chain
    const std::string& s = e.summary;
    if (auto at = s.rfind(kSealTail); at != std::string::npos) {
        std::string_view rest = std::string_view(s).substr(at + kSealTail.size());
        auto space = rest.find(' ');
        SealEntry seal{std::string(rest.substr(0, space)), 0, &e};
        if (space != std::string_view::npos && rest.substr(space + 1).starts_with("format="))
            seal.format = std::atoi(std::string(rest.substr(space + 8, 3)).c_str());
        if (!seal.id.empty() && seal.format > 0) return seal;
        return std::nullopt;
    }
    auto pos = s.find(" sealed; parts:");
    if (s.rfind("election ", 0) == 0 && pos != std::string::npos) return SealEntry{s.substr(9, pos - 9), 1, &e};
    return std::nullopt;
}

// Every seal of the chain, by election, in chain order.
std::map<std::string, std::vector<SealEntry>> seals_in(const std::vector<audit::Entry>& log) {
    std::map<std::string, std::vector<SealEntry>> seals;
    for (const auto& e : log)
        if (auto s = parse_seal(e)) seals[s->id].push_back(*s);
    return seals;
}

// The parts of a stored result a re-tally must give again.
J counted(const J& j) {
    J cs = J::array();
    for (const auto& c : j["candidates"])
        cs.push_back({c.value("position", 0), c.value("code", ""), c.value("votes", std::int64_t{0}),
                      c.value("status", ""), c.value("majority", false), c.value("rank", 0),
                      c.value("disagree", std::int64_t{0}), c.value("no_vote", std::int64_t{0})});  // 0: a cross ballot
    return J{j["base"]["count"], j["ballots"]["entered"], j["ballots"]["valid"], j["ballots"]["invalid_by_reason"],
             cs, j["unfilled"]};
}

IntegrityProblem problem(std::string code, std::string election, std::vector<std::int64_t> entries,
                         std::string message, std::vector<std::string> changed = {}) {
    return {std::move(code), std::move(election), std::move(entries), std::move(changed), std::move(message)};
}

// Problems of the sealed elections: every seal found, every election marked
// sealed rebuilt, re-hashed and re-tallied.
void check_sealed(SQLite::Database& db, const std::vector<audit::Entry>& log, std::vector<IntegrityProblem>& out) {
    // `seal` refuses a sealed election, so a second seal means the election
    // was reopened behind the program's back: the first seal is the truth.
    auto seals = seals_in(log);
    std::map<std::string, std::string> status;  // every election marked sealed or with a record hash
    SQLite::Statement q(db, "SELECT id, status FROM elections WHERE status = 'sealed' OR record_hash IS NOT NULL ORDER BY id");
    while (q.executeStep()) status[q.getColumn(0).getString()] = q.getColumn(1).getString();
    for (const auto& [id, found] : seals) {
        const std::int64_t first = found.front().entry->seq;
        if (found.size() > 1) {
            std::vector<std::int64_t> seqs;
            for (const auto& s : found) seqs.push_back(s.entry->seq);
            out.push_back(problem("sealed_twice", id, seqs,
                                  _f("election {} was sealed {} times (audit entries {}): it was reopened after its "
                                     "first seal",
                                     id, found.size(), fmt::join(seqs, ", "))));
        }
        auto it = status.find(id);
        if (it == status.end())
            out.push_back(problem("seal_lost", id, {first},
                                  _f("election {} was sealed (audit entry {}) but is no longer sealed or no longer "
                                     "exists",
                                     id, first)));
        else if (it->second != "sealed")
            out.push_back(problem("seal_status", id, {first},
                                  _f("election {} was sealed (audit entry {}) but is now marked {}", id, first,
                                     phases().parse(it->second) ? phases().label(*phases().parse(it->second))
                                                                : it->second.c_str()),
                                  {it->second}));
    }
    for (const auto& [id, _] : status) {
        auto found = seals.find(id);
        if (found == seals.end()) {
            out.push_back(problem("no_seal", id, {},
                                  _f("election {} is marked sealed but the audit chain has no seal for it", id)));
            continue;
        }
        const SealEntry& seal = found->second.front();
        const std::int64_t seq = seal.entry->seq;
        Election e = require(db, id);
        auto r = record(db, id, seal.format);
        if (record_hash(r) != seal.entry->object_hash) {
            std::vector<std::string> changed;
            for (const auto& [part, h] : part_hashes(r))
                if (seal.entry->summary.find(part + "=" + h) == std::string::npos) changed.push_back(part);
            out.push_back(problem("record_changed", id, {seq},
                                  _f("election {}: the record differs from the one sealed in audit entry {} "
                                     "(changed: {})",
                                     id, seq, changed.empty() ? std::string(_("unknown")) : fmt::format("{}", fmt::join(changed, ", "))),
                                  changed));
        }
        if (e.record_hash != seal.entry->object_hash)
            out.push_back(problem("record_hash_changed", id, {seq},
                                  _f("election {}: the record hash stored with the election does not match the "
                                     "seal in audit entry {}",
                                     id, seq)));
        // Re-tally the ballots as they are now, against the stored result.
        Tally t = tally(db, id, 1);
        t.election.phase = Phase::Closed;
        J stored;
        try {
            stored = e.result_json.empty() ? J() : J::parse(e.result_json);
        } catch (const J::exception&) {
            stored = J();
        }
        bool same = false;
        try {
            same = !stored.is_null() && counted(stored) == counted(to_json(t));
        } catch (const J::exception&) {
            same = false;  // a stored result without the fields counted: not the one close stored
        }
        if (!same)
            out.push_back(problem("retally_differs", id, {seq},
                                  _f("election {}: re-tallying its ballots does not give the stored result", id)));
        // Close accepted the result only with every pass agreeing with pass 1:
        // a pass changed since (or a pass-1 ballot changed) shows here.
        const Reconciliation rec = reconcile(db, id);
        for (int pass : rec.passes) {
            const auto diffs = rec.of_pass(pass);
            if (rec.agrees(pass)) continue;
            std::vector<std::string> serials;
            for (const auto& d : diffs) serials.push_back(std::to_string(d.serial));
            auto& added = out.emplace_back(problem("pass_differs", id, {seq},
                                  _fn("election {}: pass {} no longer agrees with pass 1 on {} ballot, ballot {}: {}",
                                      "election {}: pass {} no longer agrees with pass 1 on {} ballots, e.g. ballot "
                                      "{}: {}",
                                      diffs.size(), id, pass, diffs.size(), diffs[0].serial, diffs[0].what),
                                  serials));
            added.pass = pass;
        }
    }
}

}  // namespace

J record(SQLite::Database& db, const std::string& id, int format) {
    Election e = require(db, id);
    const char* name_key = format >= 2 ? "full_name" : "name";
    J r;
    r["format"] = fmt::format("daihoi-election-record/{}", format);
    r["election"] = {{"id", e.id}, {"title", e.title}, {"round", e.round}, {"parent", e.parent}, {"seats", e.seats},
                     {"reserves", e.reserves}, {"body", e.body}, {"base_kind", code(e.base_kind)},
                     {"base_fixed", e.base_kind == BaseKind::Fixed ? J(e.base_fixed) : J(nullptr)}};
    // Only an agree election says its form: a cross record stays as it was sealed.
    const bool agree = e.form == Form::Agree;
    if (agree) r["election"]["form"] = code(e.form);
    r["candidates"] = J::array();
    for (const auto& c : candidates(db, id))
        r["candidates"].push_back({{"position", c.position}, {"code", c.code}, {name_key, c.name}});
    r["counts"] = {{"issued", e.issued ? J(*e.issued) : J(nullptr)}, {"collected", e.collected ? J(*e.collected) : J(nullptr)},
                   {"base", e.closed_base ? J(*e.closed_base) : J(nullptr)}};
    r["ballots"] = J::array();
    SQLite::Statement q(db, "SELECT pass, serial, kept, flag, station, disagree FROM ballots WHERE election = ? "
                            "ORDER BY pass, serial");
    q.bind(1, id);
    auto positions = [&](int column) { return detail::stored_positions(q.getColumn(column)).positions(); };
    while (q.executeStep()) {
        J b{{"pass", q.getColumn(0).getInt()}, {"serial", q.getColumn(1).getInt64()}};
        if (agree) b["agree"] = positions(2), b["disagree"] = positions(5);
        else b["kept"] = positions(2);
        b["flag"] = q.getColumn(3).getString();
        b["station"] = q.getColumn(4).getString();
        r["ballots"].push_back(std::move(b));
    }
    J result = e.result_json.empty() ? J(nullptr) : J::parse(e.result_json);
    r["result"] = format >= 2 ? with_full_names(std::move(result)) : result;
    return r;
}

std::string record_hash(const J& r) { return audit::sha256_hex(r.dump()); }

std::string seal(db::Workspace& ws, const std::string& id) {
    db::Transaction tx(ws);
    auto& db = ws.db();
    detail::require_phase(require(db, id), Phase::Closed, detail::Action::Seal);
    auto r = record(db, id, kRecordFormat);
    std::string hash = record_hash(r);
    SQLite::Statement q(db, "UPDATE elections SET status = 'sealed', record_hash = ? WHERE id = ?");
    q.bind(1, hash);
    q.bind(2, id);
    q.exec();
    std::string parts;
    for (const auto& [k, v] : part_hashes(r)) parts += fmt::format(" {}={}", k, v);
    // The sentence is for people; the tail is data `verify` reads back (parse_seal).
    tx.commit(_f("election {} sealed", id) + fmt::format("{}{} format={} parts:{}", kSealTail, id, kRecordFormat, parts),
              hash);
    return hash;
}

J export_record(SQLite::Database& db, const std::string& id) {
    Election e = require(db, id);
    int format = kRecordFormat;
    if (e.phase == Phase::Sealed) {
        auto seals = seals_in(audit::log(db));
        if (auto it = seals.find(id); it != seals.end()) format = it->second.front().format;
    }
    J out;
    out["record"] = record(db, id, format);
    out["record_hash"] = record_hash(out["record"]);
    out["sealed"] = e.phase == Phase::Sealed;
    out["sealed_hash"] = e.record_hash.empty() ? J(nullptr) : J(e.record_hash);
    // Every scanned page kept, by the SHA-256 of its image (outside the
    // record: the pages are evidence for complaints, the ballots are the count).
    out["scanned_pages"] = pages_json(db, id);
    // Part of the exported record, read by whoever recounts it anywhere:
    // data, kept in English whatever the reader's language (not a message).
    out["how_to_verify"] =
        "record_hash is the SHA-256 of the 'record' member serialized compactly, keys in the order given, "
        "non-ASCII as UTF-8. To recount: a ballot is invalid if its flag is non-empty, else if it keeps more "
        "names than seats + reserves (over_vote), else if it keeps none while there are more candidates than "
        "places (all_crossed); a candidate's votes are the valid pass-1 ballots keeping its position; a majority "
        "is 2 x votes > counts.base. An agree/disagree election (election.form 'agree', a list without surplus) "
        "gives each ballot 'agree' and 'disagree' lists in place of 'kept': such a ballot is invalid only if its "
        "flag is non-empty, and it gives a vote to each position in 'agree' and not in 'disagree' (a position in "
        "both, or in neither, is no vote).";
    return out;
}

VerifyReport verify(SQLite::Database& db, const std::vector<PaperRecord>& papers) {
    VerifyReport r;
    const auto log = audit::log(db);
    r.entries = log.size();
    r.head = log.empty() ? "" : log.back().hash;
    for (const auto& p : audit::check_chain(log)) {
        const char* code = p.kind == audit::ChainProblem::Kind::Missing   ? "entry_missing"
                           : p.kind == audit::ChainProblem::Kind::Unlinked ? "entry_unlinked"
                                                                           : "entry_altered";
        r.problems.push_back(problem(code, "", {p.seq}, p.message()));
    }
    check_sealed(db, log, r.problems);
    for (const auto& paper : papers) {
        require(db, paper.election);
        std::string now = export_record(db, paper.election)["record_hash"];
        std::string printed = paper.hash;
        std::transform(printed.begin(), printed.end(), printed.begin(), [](unsigned char c) { return std::tolower(c); });
        if (now != printed)
            r.problems.push_back(problem(
                "paper_differs", paper.election, {},
                _f("election {}: its record now hashes to {}, not to the {} printed on the signed minutes: the "
                   "workspace does not hold the record that was signed",
                   paper.election, now, printed)));
    }
    r.sealed_elections = static_cast<std::size_t>(
        db.execAndGet("SELECT count(*) FROM elections WHERE status = 'sealed'").getInt64());
    r.ok = r.problems.empty();
    return r;
}

J to_json(const VerifyReport& r) {
    J problems = J::array();
    for (const auto& p : r.problems) {
        J j{{"problem", p.code}, {"election", p.election.empty() ? J(nullptr) : J(p.election)},
            {"audit_entries", p.entries}};
        if (p.code == "record_changed") j["changed"] = p.changed;
        if (p.code == "seal_status") j["status"] = p.changed.empty() ? "" : p.changed.front();
        if (p.code == "pass_differs") {
            j["pass"] = p.pass;
            J serials = J::array();
            for (const auto& serial : p.changed) serials.push_back(std::stoll(serial));
            j["serials"] = serials;
        }
        problems.push_back(std::move(j));
    }
    return {{"ok", r.ok}, {"entries", r.entries}, {"sealed_elections", r.sealed_elections}, {"head", r.head},
            {"problems", problems}};
}

}  // namespace daihoi::election
