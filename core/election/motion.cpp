// Show-of-hands votes: the base from the congress setting, the counts
// checked against those present, one append-only row and audit entry each.
#include "core/election/motion.hpp"

#include "core/audit/audit.hpp"
#include "core/base/i18n.hpp"
#include "core/delegates/delegates.hpp"
#include "core/election/election.hpp"
#include "core/election/internal.hpp"
#include "core/error.hpp"
#include "core/registry/congress.hpp"
#include "core/text/utf8.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ctime>

namespace daihoi::election {

const Choices<Subject>& subjects() {
    static const Choices<Subject> c{
        {Subject::Presidium, "presidium", N_("the presidium"), {"đoàn chủ tịch"}},
        {Subject::Secretariat, "secretariat", N_("the secretariat"), {"đoàn thư ký"}},
        {Subject::CountingBoard, "counting_board", N_("the counting board"), {"ban kiểm phiếu"}},
        {Subject::CredentialsBoard, "credentials_board", N_("the credentials board"),
         {"ban thẩm tra tư cách đại biểu", "ban thẩm tra tư cách"}},
        {Subject::Seats, "seats", N_("the number to elect"), {"số lượng bầu", "số lượng"}},
        {Subject::List, "list", N_("the election list"), {"danh sách bầu cử", "danh sách"}},
        {Subject::Withdrawal, "withdrawal", N_("a withdrawal"), {"rút tên", "xin rút"}},
        {Subject::Other, "other", N_("another matter"), {"khác"}},
    };
    return c;
}

bool motion_passes(std::int64_t votes_for, std::int64_t base) { return 2 * votes_for > base; }

namespace {

// The words of a base kind for people: "delegates present", "convened".
std::string base_words(const std::string& kind) {
    auto k = registry::motion_bases().parse(kind);
    return k ? registry::motion_bases().label(*k) : kind;
}

}  // namespace

Motion record_motion(db::Workspace& ws, const MotionRequest& r) {
    std::vector<std::string> errors;
    auto subject = subjects().parse(r.subject);
    if (!subject) errors.push_back(_f("--subject: {}", subjects().unknown(r.subject)));
    auto text = text::clean(r.text);
    if (!text || text->empty()) errors.push_back(_("--text: required, valid UTF-8"));
    if (r.votes_for < 0 || r.against < 0 || r.abstain < 0)
        errors.push_back(_("--for, --against, --abstain: a count cannot be negative"));
    if (r.present && *r.present <= 0) errors.push_back(_f("--present: {} is not a positive number", *r.present));
    if (!r.withdraw.empty() && (subject != Subject::Withdrawal || r.election.empty()))
        errors.push_back(_("--withdraw: only with --subject withdrawal and --election ID"));
    if (!errors.empty()) throw UsageError(fmt::format("{}", fmt::join(errors, "; ")));

    db::Transaction tx(ws);
    auto& db = ws.db();
    if (!r.election.empty()) require(db, r.election);
    Motion m;
    m.at = audit::now_utc();
    m.subject = subjects().code(*subject);
    m.text = *text;
    m.election = r.election;
    m.votes_for = r.votes_for;
    m.against = r.against;
    m.abstain = r.abstain;
    const auto presence = r.present ? std::nullopt : delegates::voting_presence(db, r.session);
    const std::int64_t present = r.present ? *r.present : presence ? presence->present : 0;
    const auto kind = registry::motion_base(db);
    m.base_kind = registry::motion_bases().code(kind);
    if (kind == registry::MotionBase::Present) {
        if (present <= 0)
            throw Refused(_f("a show of hands is measured against the delegates present, and no delegate with a "
                             "vote is checked in at session {0}: give how many are present with --present P, or "
                             "check them in with 'daihoi delegates checkin CODE… --session {0}'",
                             r.session.empty() ? delegates::kDefaultSession : r.session));
        m.base = present;
    } else {
        m.base = delegates::convened_base(db).count;
        if (m.base <= 0)
            throw Refused(_("a show of hands is measured against the delegates convened (congress setting "
                            "motion_base), and no delegate with a vote is on the list: import the delegates, or "
                            "'daihoi congress set motion_base present'"));
    }
    const std::int64_t total = m.votes_for + m.against + m.abstain;
    if (present > 0 && total > present)
        throw Refused(_f("{} for, {} against and {} abstaining make {}, more than the {} delegates present", m.votes_for,
                         m.against, m.abstain, total, present));
    if (present <= 0 && total > m.base)
        throw Refused(_f("{} for, {} against and {} abstaining make {}, more than the {} delegates convened",
                         m.votes_for, m.against, m.abstain, total, m.base));
    m.passed = motion_passes(m.votes_for, m.base);
    SQLite::Statement ins(db, "INSERT INTO motions (at, subject, text, election, votes_for, votes_against, "
                              "votes_abstain, base_kind, base, passed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, m.at);
    ins.bind(2, m.subject);
    ins.bind(3, m.text);
    if (m.election.empty()) ins.bind(4);
    else ins.bind(4, m.election);
    ins.bind(5, static_cast<int64_t>(m.votes_for));
    ins.bind(6, static_cast<int64_t>(m.against));
    ins.bind(7, static_cast<int64_t>(m.abstain));
    ins.bind(8, m.base_kind);
    ins.bind(9, static_cast<int64_t>(m.base));
    ins.bind(10, m.passed ? 1 : 0);
    ins.exec();
    m.seq = db.getLastInsertRowid();
    std::string withdrawn;
    if (m.passed && !r.withdraw.empty()) {
        detail::withdraw_candidate(db, r.election, r.withdraw);
        withdrawn = _f("; candidate {} withdrawn from election {}", r.withdraw, r.election);
    }
    tx.commit(_f("vote {} ({}): {}: {} for, {} against, {} abstaining; base {} {}, needed {}: {}{}", m.seq, m.subject,
                 m.text, m.votes_for, m.against, m.abstain, m.base_kind, m.base, m.needed(),
                 m.passed ? _("passed") : _("not passed"), withdrawn));
    return m;
}

std::vector<Motion> motions(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT seq, at, subject, text, coalesce(election, ''), votes_for, votes_against, "
                            "votes_abstain, base_kind, base, passed FROM motions ORDER BY seq");
    std::vector<Motion> out;
    while (q.executeStep()) {
        Motion m;
        m.seq = q.getColumn(0).getInt64();
        m.at = q.getColumn(1).getString();
        m.subject = q.getColumn(2).getString();
        m.text = q.getColumn(3).getString();
        m.election = q.getColumn(4).getString();
        m.votes_for = q.getColumn(5).getInt64();
        m.against = q.getColumn(6).getInt64();
        m.abstain = q.getColumn(7).getInt64();
        m.base_kind = q.getColumn(8).getString();
        m.base = q.getColumn(9).getInt64();
        m.passed = q.getColumn(10).getInt() != 0;
        out.push_back(std::move(m));
    }
    return out;
}

nlohmann::ordered_json to_json(const Motion& m) {
    using J = nlohmann::ordered_json;
    return {{"seq", m.seq},
            {"at", m.at},
            {"subject", m.subject},
            {"text", m.text},
            {"election", m.election.empty() ? J(nullptr) : J(m.election)},
            {"for", m.votes_for},
            {"against", m.against},
            {"abstain", m.abstain},
            {"base", {{"kind", m.base_kind}, {"count", m.base}}},
            {"needed", m.needed()},
            {"passed", m.passed}};
}

std::string motion_outcome(const Motion& m) {
    return m.passed ? _f("passed: {} of {} {}, more than half needed: {}", m.votes_for, m.base, base_words(m.base_kind),
                         m.needed())
                    : _f("not passed: {} of {} {}, more than half needed: {}", m.votes_for, m.base,
                         base_words(m.base_kind), m.needed());
}

}  // namespace daihoi::election
