// The tally (a live count at any time, SPEC §5.4) and close (§5.5).
#include "core/election/election.hpp"

#include "core/audit/audit.hpp"
#include "core/base/i18n.hpp"
#include "core/base/number.hpp"
#include "core/base/progress.hpp"
#include "core/db/import_engine.hpp"
#include "core/db/keyed_import.hpp"
#include "core/delegates/delegates.hpp"
#include "core/election/internal.hpp"
#include "core/election/scanned.hpp"
#include "core/error.hpp"
#include "core/text/utf8.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>

namespace daihoi::election {

using detail::Action;
using detail::check_pass;
using detail::count_pass;
using detail::require_phase;

// ---- tally, close --------------------------------------------------------------------------

Tally tally(SQLite::Database& db, const std::string& id, int pass) {
    check_pass(pass);
    Tally t;
    t.election = require(db, id);
    const Election& e = t.election;
    if (e.phase == Phase::Setup) throw Refused(_f("election {} is not open yet: there is nothing to count", id));
    TallyInput in;
    in.seats = e.seats;
    in.reserves = e.reserves;
    in.form = e.form;
    for (const auto& c : candidates(db, id)) in.candidates.push_back({c.position, c.code, c.name});
    if (e.closed_base) {
        in.base = *e.closed_base;
        t.base_source = "fixed_at_close";
        t.base_explanation = _f("base {} as fixed at close", *e.closed_base);
    } else if (e.base_kind == BaseKind::Convened) {
        auto b = delegates::convened_base(db);
        if (b.count <= 0)
            throw Refused(_f("election {}: the majority base is {}: no delegates with a vote are on the list. "
                             "Import the delegates convened ('daihoi delegates import'), or create the election "
                             "with --base valid or --base NUMBER",
                             id, b.count));
        in.base = b.count;
        t.base_source = "delegate_list";
        t.base_explanation = b.explanation();
    } else if (e.base_kind == BaseKind::Fixed) {
        in.base = e.base_fixed;
        t.base_source = "fixed_at_create";
        t.base_explanation = _f("base {} fixed when the election was created", e.base_fixed);
    } else {
        t.base_source = "valid_ballots";
        t.base_explanation = _("base: the number of valid ballots");
    }
    Counter counter(in);
    count_pass(db, id, pass, counter);
    t.result = counter.finish();
    if (bodies().parse(e.body) == Body::Consultation) rank_only(t.result);
    return t;
}

nlohmann::ordered_json to_json(const Tally& t) {
    using J = nlohmann::ordered_json;
    const Election& e = t.election;
    const TallyResult& r = t.result;
    J j;
    j["election"] = e.id;
    j["title"] = e.title;
    j["round"] = e.round;
    j["status"] = code(e.phase);
    j["form"] = code(e.form);
    j["seats"] = e.seats;
    j["reserves"] = e.reserves;
    j["base"] = {{"kind", code(e.base_kind)}, {"count", r.base}, {"source", t.base_source}};
    j["needed"] = r.needed;
    J reasons = J::object();
    for (const auto& [k, v] : r.invalid_by_reason) reasons[k] = v;
    j["ballots"] = {{"issued", e.issued ? J(*e.issued) : J(nullptr)},
                    {"collected", e.collected ? J(*e.collected) : J(nullptr)},
                    {"entered", r.entered},
                    {"valid", r.valid},
                    {"invalid", r.invalid},
                    {"invalid_by_reason", reasons}};
    j["candidates"] = J::array();
    for (const auto& c : r.candidates) {
        J cj{{"position", c.position}, {"code", c.code}, {"full_name", c.name}, {"votes", c.votes},
             {"percent", r.base > 0 ? J(number::percent_value(c.votes, r.base)) : J(nullptr)},
             {"status", code(c.status)}, {"majority", c.majority}, {"rank", c.rank}};
        if (e.form == Form::Agree) cj["disagree"] = c.disagree, cj["no_vote"] = c.no_vote;
        j["candidates"].push_back(std::move(cj));
    }
    j["unfilled"] = {{"seats", r.unfilled_seats}, {"reserves", r.unfilled_reserves}};
    // Only when true, so that the result of every other election is unchanged.
    if (bodies().parse(e.body) == Body::Consultation) j["consultation"] = true;
    return j;
}

Tally close(db::Workspace& ws, const std::string& id) {
    db::Transaction tx(ws);
    auto& db = ws.db();
    Election e = require(db, id);
    require_phase(e, Phase::Open, Action::Close);
    std::int64_t entered = count_ballots(db, id, 1);
    if (!e.issued || !e.collected)
        throw Refused(_f("cannot close {0}: the counting board's counts are missing; run "
                         "'daihoi election count {0} --issued N --collected N'",
                         id));
    if (*e.collected > *e.issued)
        throw Refused(_f("cannot close {}: {} ballots collected but only {} issued", id, *e.collected, *e.issued));
    if (entered != *e.collected)
        throw Refused(_f("cannot close {}: {} ballots entered but {} collected", id, entered, *e.collected));
    // Every pass entered must agree with pass 1, ballot by ballot; the first
    // pass that does not is named, with its first difference.
    // A pass read by a scanner agrees as a collection of ballots
    // (Reconciliation::agrees).
    const Reconciliation rec = reconcile(db, id);
    if (!rec.agree()) {
        int pass = 0;
        for (int p : rec.passes)
            if (p != 1 && !rec.agrees(p) && !pass) pass = p;
        const auto diffs = rec.of_pass(pass);
        throw Refused(_fn("cannot close {0}: pass {1} differs from pass 1 on {2} ballot, ballot {3}: {4}; "
                          "see 'daihoi election ballots reconcile {0}'",
                          "cannot close {0}: pass {1} differs from pass 1 on {2} ballots, e.g. ballot {3}: {4}; "
                          "see 'daihoi election ballots reconcile {0}'",
                          diffs.size(), id, pass, diffs.size(), diffs[0].serial, diffs[0].what));
    }
    Tally t = tally(db, id, 1);
    t.election.phase = Phase::Closed;
    std::string result = to_json(t).dump();
    SQLite::Statement q(db, "UPDATE elections SET status = 'closed', closed_base = ?, result = ?, closed_at = ? "
                            "WHERE id = ?");
    q.bind(1, static_cast<int64_t>(t.result.base));
    q.bind(2, result);
    q.bind(3, audit::now_utc());
    q.bind(4, id);
    q.exec();
    t.election = require(db, id);
    std::int64_t elected = 0, reserve = 0, tie = 0;
    for (const auto& c : t.result.candidates) {
        elected += c.status == Status::Elected;
        reserve += c.status == Status::Reserve;
        tie += c.status == Status::Tie;
    }
    tx.commit(_f("election {} closed: base {}, {} elected, {} reserve, {} tied, unfilled {} seats {} reserves", id,
                 t.result.base, elected, reserve, tie, t.result.unfilled_seats, t.result.unfilled_reserves));
    return t;
}

}  // namespace daihoi::election
