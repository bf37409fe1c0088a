// The registry: every way a member record enters (import, add, edit) goes
// through one field parser, so the same value is accepted or refused alike.
#include "core/registry/members.hpp"

#include "core/base/i18n.hpp"
#include "core/base/progress.hpp"
#include "core/db/import_engine.hpp"
#include "core/db/keyed_import.hpp"
#include "core/error.hpp"
#include "core/io/columns.hpp"
#include "core/registry/units.hpp"
#include "core/text/names.hpp"
#include "core/text/utf8.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <unordered_map>

namespace daihoi::registry {

namespace {

// The fields of a member (kFields), then the part columns an import file
// may give some of them in: the name in two columns ("Họ và tên đệm" |
// "Tên"), the birth date under "Nam" or "Nữ", which also gives the gender.
enum Col { Code, FullName, GenderC, BirthC, Ethnicity, Religion, PartyJoin, Official,
           Education, DegreeC, TheoryC, Position, Unit, Incumbent, kFields,
           FamilyMiddle = kFields, GivenName, BirthMale, BirthFemale, kColumns };

// The headers of SPEC §3.1's columns as personnel offices write them.
const std::vector<io::ColumnSpec>& specs() {
    static const std::vector<io::ColumnSpec> s = {
        {"code", member_code_aliases(), true},
        {"full_name", {"Họ và tên", "Họ tên", "name", "Họ và tên đảng viên", "Họ tên đảng viên"}, true},
        {"gender", {"Giới tính", "Giới", "Nam/Nữ"}, true},
        {"birth_date", {"Ngày sinh", "Ngày tháng năm sinh", "Năm sinh", "Sinh ngày"}, true},
        {"ethnicity", {"Dân tộc"}, false},
        {"religion", {"Tôn giáo"}, false},
        {"party_join_date",
         {"Ngày vào Đảng", "Ngày kết nạp", "Ngày kết nạp Đảng", "Ngày vào Đảng CSVN", "Ngày vào Đảng Cộng sản Việt Nam"},
         false},
        {"official_date", {"Ngày chính thức", "Ngày công nhận chính thức", "Ngày chuyển chính thức"}, false},
        {"education",
         {"Trình độ học vấn", "Học vấn", "Văn hóa", "Trình độ văn hóa", "GDPT", "Giáo dục phổ thông",
          "Trình độ giáo dục phổ thông"},
         false},
        {"degree",
         {"Chuyên môn", "Trình độ chuyên môn", "Chuyên môn nghiệp vụ", "Trình độ chuyên môn nghiệp vụ",
          "Trình độ CMNV", "CMNV", "Học hàm, học vị", "Học vị"},
         false},
        {"theory",
         {"Lý luận chính trị", "Lí luận chính trị", "Trình độ LLCT", "LLCT", "Trình độ lý luận",
          "Trình độ lý luận chính trị", "Lý luận"},
         false},
        {"position", {"Chức vụ", "Chức vụ hiện nay", "Chức vụ Đảng", "Chức danh"}, false},
        {"unit", {"Đơn vị", "Chi bộ", "Chi bộ sinh hoạt", "Đảng bộ bộ phận", "Tổ chức đảng"}, false},
        {"incumbent", {"Đương nhiệm", "Cấp ủy đương nhiệm", "Cấp ủy viên đương nhiệm"}, false},
        {"family_middle", {"Họ và tên đệm", "Họ và đệm", "Họ đệm", "Họ và chữ đệm", "Họ và tên lót"}, false,
         {"full_name"}},
        {"given_name", {"Tên"}, false, {"full_name"}},
        {"birth_male", {"Nam"}, false, {"birth_date", "gender"}},
        {"birth_female", {"Nữ"}, false, {"birth_date", "gender"}},
    };
    return s;
}

// Caches the collation key of each name part: a registry has a few thousand
// distinct family, middle and given names, so this spares ICU most calls.
class SortKeys {
public:
    const std::string& operator()(const std::string& full_name) {
        text::NameParts p = text::split_name(full_name);
        buf_ = part(p.given);
        buf_ += part(p.family);
        buf_ += part(p.middle);
        return buf_;
    }

private:
    const std::string& part(const std::string& s) {
        auto it = cache_.find(s);
        if (it == cache_.end()) it = cache_.emplace(s, text::VietCollator::instance().key(s)).first;
        return it->second;
    }
    std::unordered_map<std::string, std::string> cache_;
    std::string buf_;
};

std::optional<bool> parse_flag(std::string_view s) {
    std::string f = text::fold(s);
    if (f.empty() || f == "0" || f == "no" || f == "false" || f == "khong") return false;
    if (f == "1" || f == "yes" || f == "true" || f == "co" || f == "x") return true;
    return std::nullopt;
}

// Parses one clean field (valid UTF-8, NFC, trimmed) into `m`. Returns the
// problem, without the field's name, or "" when fine.
std::string parse_field(Member& m, int col, std::string v) {
    auto date = [&](std::optional<text::Date>& out) -> std::string {
        if (v.empty()) {
            out.reset();
            return "";
        }
        out = text::parse_date(v);
        return out ? "" : text::not_a_date(v);
    };
    switch (col) {
        case Code:
            if (v.empty()) return _("required");
            if (v.size() > 64) return _("longer than 64 characters");
            if (v.find_first_of(" \t") != std::string::npos) return _f("'{}' contains a space", v);
            m.code = std::move(v);
            return "";
        case FullName:
            v = text::normalize_spaces(v);
            if (v.empty()) return _("required");
            m.full_name = std::move(v);
            return "";
        case GenderC: {
            if (v.empty()) return _f("required ({})", genders().accepted_list());
            auto g = parse_gender(v);
            if (!g) return genders().unknown(v);
            m.gender = *g;
            return "";
        }
        case BirthC: {
            if (v.empty()) return _("required");
            auto d = BirthDate::parse(v);
            if (!d) return text::not_a_date(v);
            if (d->earliest() > text::Date::today()) return _f("{} is in the future", d->vn());
            m.birth_date = *d;
            return "";
        }
        case Ethnicity: m.ethnicity = v.empty() ? "Kinh" : std::move(v); return "";
        case Religion: m.religion = std::move(v); return "";
        case PartyJoin: return date(m.party_join_date);
        case Official: return date(m.official_date);
        case Education: m.education = std::move(v); return "";
        case DegreeC: {
            if (v.empty()) return m.degree.reset(), "";
            auto d = parse_degree(v);
            if (!d) return degrees().unknown(v);
            m.degree = *d;
            return "";
        }
        case TheoryC: {
            if (v.empty()) return m.theory.reset(), "";
            auto t = parse_theory(v);
            if (!t) return theories().unknown(v);
            m.theory = *t;
            return "";
        }
        case Position: m.position = std::move(v); return "";
        case Unit: m.unit = std::move(v); return "";
        case Incumbent: {
            auto b = parse_flag(v);
            if (!b) return _f("'{}' is not 1 or 0", v);
            m.incumbent = *b;
            return "";
        }
    }
    return _("unknown column");
}

// One raw field (typed at the terminal) into `m`, cleaned as an import
// cleans its cells. Returns "field: problem", or "" when fine.
std::string apply(Member& m, int col, const std::string& raw) {
    const std::string& name = specs()[col].name;
    std::string v;
    if (auto fault = text::clean_field(raw, v)) return fmt::format("{}: {}", name, fault->message(raw));
    // Our CSV export (and Excel users) protect text like "=…" with a leading
    // apostrophe so no spreadsheet runs it as a formula; it is not part of the value.
    if (v.size() > 1 && v[0] == '\'' && text::looks_like_formula(std::string_view(v).substr(1))) v.erase(0, 1);
    std::string problem = parse_field(m, col, std::move(v));
    return problem.empty() ? "" : fmt::format("{}: {}", name, problem);
}

// Copies column `col` of `from` into `to`: an update keeps what the file lacks.
void copy_column(Member& to, const Member& from, int col) {
    switch (col) {
        case Code: to.code = from.code; break;
        case FullName: to.full_name = from.full_name; break;
        case GenderC: to.gender = from.gender; break;
        case BirthC: to.birth_date = from.birth_date; break;
        case Ethnicity: to.ethnicity = from.ethnicity; break;
        case Religion: to.religion = from.religion; break;
        case PartyJoin: to.party_join_date = from.party_join_date; break;
        case Official: to.official_date = from.official_date; break;
        case Education: to.education = from.education; break;
        case DegreeC: to.degree = from.degree; break;
        case TheoryC: to.theory = from.theory; break;
        case Position: to.position = from.position; break;
        case Unit: to.unit = from.unit; break;
        case Incumbent: to.incumbent = from.incumbent; break;
    }
}

// The unit as the units table knows it (by code or by name: "Chi bộ 3" is
// stored as its code); without units imported, kept as written. Returns
// the problem, or "" when fine.
std::string resolve_unit(const UnitMatcher& units, std::string& unit) {
    if (units.empty() || unit.empty()) return "";
    auto m = units.match(unit);
    if (!m.problem.empty()) return m.problem;
    unit = std::move(m.code);
    return "";
}

// A rule across fields broken: the field it is about, and the problem.
struct FieldProblem {
    const char* field;
    std::string message;
};

// Rules across fields. With `present`, only the rules whose fields are all
// given are checked (the rest wait for the merged record).
std::vector<FieldProblem> cross_field(const Member& m, const std::function<bool(int)>& present = nullptr) {
    auto has = [&](int c) { return !present || present(c); };
    std::vector<FieldProblem> out;
    if (has(PartyJoin) && has(BirthC) && m.party_join_date && *m.party_join_date <= m.birth_date.earliest())
        out.push_back({"party_join_date", _("on or before the birth date")});
    if (has(Official) && has(PartyJoin) && m.official_date && !m.party_join_date)
        out.push_back({"official_date", _("given without party_join_date")});
    if (has(Official) && has(PartyJoin) && m.official_date && m.party_join_date &&
        *m.official_date < *m.party_join_date)
        out.push_back({"official_date", _("before party_join_date")});
    return out;
}

// cross_field as "field: problem" lines.
std::vector<std::string> check(const Member& m, const std::function<bool(int)>& present = nullptr) {
    std::vector<std::string> out;
    for (auto& p : cross_field(m, present)) out.push_back(fmt::format("{}: {}", p.field, p.message));
    return out;
}

std::string opt_date(const std::optional<text::Date>& d) { return d ? d->iso() : ""; }

constexpr const char* kSelect =
    "SELECT code, full_name, gender, birth_date, ethnicity, religion, party_join_date, official_date, "
    "education, degree, theory, position, unit, incumbent FROM members";

Member read_row(SQLite::Statement& q, int f = 0) {
    Member m;
    m.code = q.getColumn(f + 0).getString();
    m.full_name = q.getColumn(f + 1).getString();
    m.gender = q.getColumn(f + 2).getString() == "F" ? Gender::Female : Gender::Male;
    m.birth_date = BirthDate::parse(q.getColumn(f + 3).getString()).value_or(BirthDate{});
    m.ethnicity = q.getColumn(f + 4).getString();
    m.religion = q.getColumn(f + 5).getString();
    if (!q.getColumn(f + 6).isNull()) m.party_join_date = text::parse_date(q.getColumn(f + 6).getString());
    if (!q.getColumn(f + 7).isNull()) m.official_date = text::parse_date(q.getColumn(f + 7).getString());
    m.education = q.getColumn(f + 8).getString();
    if (!q.getColumn(f + 9).isNull()) m.degree = parse_degree(q.getColumn(f + 9).getString());
    if (!q.getColumn(f + 10).isNull()) m.theory = parse_theory(q.getColumn(f + 10).getString());
    m.position = q.getColumn(f + 11).getString();
    m.unit = q.getColumn(f + 12).getString();
    m.incumbent = q.getColumn(f + 13).getInt() != 0;
    return m;
}

// The texts a member's dates are stored as, made apart from the binding so
// that a bulk import makes them on its parsing thread.
struct DateTexts {
    std::string birth, joined, official;
};
DateTexts date_texts(const Member& m) {
    return {m.birth_date.iso(), opt_date(m.party_join_date), opt_date(m.official_date)};
}

// Binds every field of `m` to ?1..?15 (code first, sort key last). The
// member's strings, `dates` and `sort_key` are bound without a copy: they
// outlive the statement's execution (a bulk import binds a million rows).
void bind_member(SQLite::Statement& q, const Member& m, const DateTexts& dates, const std::string& sort_key) {
    auto text_or_null = [&](int i, const std::string& s) {
        if (s.empty()) q.bind(i); else q.bindNoCopy(i, s);
    };
    auto code_or_null = [&](int i, std::optional<std::string_view> c) {
        if (!c) q.bind(i); else q.bind(i, std::string(*c));
    };
    q.bindNoCopy(1, m.code);
    q.bindNoCopy(2, m.full_name);
    q.bind(3, std::string(code(m.gender)));
    q.bindNoCopy(4, dates.birth);
    q.bindNoCopy(5, m.ethnicity);
    q.bindNoCopy(6, m.religion);
    text_or_null(7, dates.joined);
    text_or_null(8, dates.official);
    q.bindNoCopy(9, m.education);
    code_or_null(10, m.degree ? std::optional(code(*m.degree)) : std::nullopt);
    code_or_null(11, m.theory ? std::optional(code(*m.theory)) : std::nullopt);
    q.bindNoCopy(12, m.position);
    q.bindNoCopy(13, m.unit);
    q.bind(14, m.incumbent ? 1 : 0);
    q.bindNoCopy(15, sort_key.data(), static_cast<int>(sort_key.size()));
}

// Must match the index created by the schema (core/db/schema.cpp).
constexpr const char* kOrderIndex = "CREATE INDEX members_order ON members (sort_key, birth_date, code)";

constexpr const char* kUpsert =
    "INSERT INTO members (code, full_name, gender, birth_date, ethnicity, religion, party_join_date, "
    "official_date, education, degree, theory, position, unit, incumbent, sort_key) "
    "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15) "
    "ON CONFLICT(code) DO UPDATE SET full_name=?2, gender=?3, birth_date=?4, ethnicity=?5, "
    "religion=?6, party_join_date=?7, official_date=?8, education=?9, degree=?10, theory=?11, "
    "position=?12, unit=?13, incumbent=?14, sort_key=?15";

void write_member(SQLite::Database& db, const Member& m) {
    SQLite::Statement q(db, kUpsert);
    SortKeys keys;
    const std::string key = keys(m.full_name);  // bound without a copy: lives until exec
    const DateTexts dates = date_texts(m);
    bind_member(q, m, dates, key);
    q.exec();
}

// Maps option names (code, full_name, full-name, …) to a field.
int column_of(const std::string& field) {
    auto i = io::match_column(field, specs());
    if (!i || *i >= kFields) throw UsageError(_f("unknown field '{}' (accepted: {})", field, fmt::join(member_columns(), ", ")));
    return static_cast<int>(*i);
}

}  // namespace

const Choices<MemberOrder>& member_orders() {
    static const Choices<MemberOrder> c{
        {MemberOrder::Name, "name", N_("name order"), {"tên"}},
        {MemberOrder::Code, "code", N_("code"), {"mã"}},
        {MemberOrder::Birth, "birth", N_("birth date"), {"ngày sinh"}},
    };
    return c;
}

const std::vector<std::string>& member_columns() {
    static const std::vector<std::string> cols = [] {
        std::vector<std::string> c;
        for (int i = 0; i < kFields; ++i) c.push_back(specs()[i].name);
        return c;
    }();
    return cols;
}

std::optional<std::string> member_column(std::string_view header) {
    auto i = io::match_column(header, specs());
    if (!i || *i >= kFields) return std::nullopt;
    return specs()[*i].name;
}

const std::vector<std::string>& member_code_aliases() {
    static const std::vector<std::string> a = {"Mã", "Mã đảng viên", "Số thẻ đảng", "Số thẻ đảng viên", "Số thẻ ĐV",
                                               "Số thẻ", "Mã ĐV", "Mã số", "Mã số đảng viên"};
    return a;
}

const std::vector<io::ColumnSpec>& member_import_columns() { return specs(); }

nlohmann::ordered_json to_json(const Member& m) {
    auto date = [](const std::optional<text::Date>& d) -> nlohmann::ordered_json {
        return d ? nlohmann::ordered_json(d->iso()) : nlohmann::ordered_json(nullptr);
    };
    nlohmann::ordered_json j;
    j["code"] = m.code;
    j["full_name"] = m.full_name;
    j["gender"] = code(m.gender);
    j["birth_date"] = m.birth_date.iso();
    j["ethnicity"] = m.ethnicity;
    j["religion"] = m.religion;
    j["party_join_date"] = date(m.party_join_date);
    j["official_date"] = date(m.official_date);
    j["education"] = m.education;
    j["degree"] = m.degree ? nlohmann::ordered_json(code(*m.degree)) : nlohmann::ordered_json(nullptr);
    j["theory"] = m.theory ? nlohmann::ordered_json(code(*m.theory)) : nlohmann::ordered_json(nullptr);
    j["position"] = m.position;
    j["unit"] = m.unit;
    j["incumbent"] = m.incumbent;
    return j;
}

// ---- reading -----------------------------------------------------------------

static std::string where_order(const MemberQuery& q) {
    std::string s = q.unit ? " WHERE unit = ?" : "";
    switch (q.order) {
        case MemberOrder::Name: return s + " ORDER BY sort_key, birth_date, code";
        case MemberOrder::Code: return s + " ORDER BY code";
        case MemberOrder::Birth: return s + " ORDER BY birth_date, sort_key, code";
    }
    return s;
}

// A unit asked for must be one the workspace knows (from the units or a
// member's unit): a mistyped unit is bad input, not an empty list.
static void require_known_unit(SQLite::Database& db, const std::string& unit) {
    SQLite::Statement q(db,
                        "SELECT EXISTS(SELECT 1 FROM units WHERE code = ?1) OR "
                        "EXISTS(SELECT 1 FROM members WHERE unit = ?1)");
    q.bind(1, unit);
    if (q.executeStep() && q.getColumn(0).getInt() == 0)
        throw InputError(Diagnostic{"", 0, 0, _f("no unit '{}' in the workspace", unit), "--unit"});
}

void for_each_member(SQLite::Database& db, const MemberQuery& mq,
                     const std::function<void(const Member&)>& f) {
    if (mq.unit) require_known_unit(db, *mq.unit);
    SQLite::Statement q(db, std::string(kSelect) + where_order(mq));
    if (mq.unit) q.bind(1, *mq.unit);
    while (q.executeStep()) f(read_row(q));
}

std::size_t count_members(SQLite::Database& db, const MemberQuery& mq) {
    SQLite::Statement q(db, std::string("SELECT count(*) FROM members") + (mq.unit ? " WHERE unit = ?" : ""));
    if (mq.unit) q.bind(1, *mq.unit);
    q.executeStep();
    return static_cast<std::size_t>(q.getColumn(0).getInt64());
}

std::string member_columns_sql(const std::string& a) {
    return fmt::format("{0}.code, {0}.full_name, {0}.gender, {0}.birth_date, {0}.ethnicity, {0}.religion, "
                       "{0}.party_join_date, {0}.official_date, {0}.education, {0}.degree, {0}.theory, "
                       "{0}.position, {0}.unit, {0}.incumbent", a);
}

Member read_member(SQLite::Statement& q, int first) { return read_row(q, first); }

std::optional<Member> find_member(SQLite::Database& db, const std::string& code) {
    SQLite::Statement q(db, std::string(kSelect) + " WHERE code = ?");
    q.bind(1, code);
    if (!q.executeStep()) return std::nullopt;
    return read_row(q);
}

std::string unknown_member_message(const std::string& code) {
    return _f("no member with code '{}' in the registry", code);
}

void throw_unknown_members(const std::vector<std::string>& codes) {
    std::vector<Diagnostic> ds;
    for (const auto& c : codes) ds.push_back(Diagnostic{"", 0, 0, unknown_member_message(c)});
    throw InputError(std::move(ds));
}

Member require_member(SQLite::Database& db, const std::string& code) {
    auto m = find_member(db, code);
    if (!m) throw_unknown_members({code});
    return *m;
}

// ---- import -----------------------------------------------------------------

db::ImportSummary import_members(db::Workspace& ws, const std::string& path, const ImportOptions& opt) {
    // A member parsed from a row, with the texts of its dates. The two
    // threads share the work of a row: the parsing thread reads, cleans and
    // checks it (the larger part), the writing thread makes the collation
    // key of the name (of the merged record, for an update) as it writes.
    struct Row {
        Member member;
        DateTexts dates;
    };
    auto& db = ws.db();
    bool was_empty = false;
    std::optional<SQLite::Statement> upsert, existing;
    std::optional<UnitMatcher> units;
    std::vector<bool> present(kColumns);
    SortKeys keys;  // the writing thread's

    db::ImportKind<Row> k;
    k.kind = "members";
    k.progress_label = _("importing members");
    k.columns = specs();
    k.key_field = "code";
    k.audit = db::counted_summary(N_("members import {}: {} added, {} updated, {} unchanged"));
    k.header = [&](const io::ColumnMap& cols) {
        // A field given twice over, by its column and by its parts.
        auto both = [&](int field, int part) {
            return _f("columns '{}' and '{}' both give {}", cols.header[field], cols.header[part], specs()[field].name);
        };
        if (cols.has(FullName) && cols.has(GivenName)) return both(FullName, GivenName);
        if (cols.has(BirthC) && cols.has(BirthMale)) return both(BirthC, BirthMale);
        for (int c = 0; c < kColumns; ++c) present[c] = cols.has(c);  // what an update keeps
        present[FullName] = present[FullName] || present[GivenName];
        present[BirthC] = present[BirthC] || present[BirthMale];
        present[GenderC] = present[GenderC] || present[BirthMale];
        return std::string();
    };
    k.prepare = [&](io::SeenKeys&) {
        // A bulk load would spill SQLite's default 2 MB page cache to disk on
        // every row; 32 MB keeps the hot pages (the tail of the tables) in
        // memory while the peak RSS of a million-row import stays well under 200 MB.
        db.exec("PRAGMA cache_size = -65536");
        // Into an empty registry, building the name-order index once at the
        // end (a sort) is far cheaper than maintaining it row by row: its
        // keys come in no order, and it would outgrow the page cache. The
        // code's index stays: its entries are small, and the writing thread,
        // which waits for the parsing one, keeps it in step. The DROP is part
        // of the transaction, so a failed import leaves the index as it was.
        was_empty = count_members(db, {}) == 0;
        if (was_empty) db.exec("DROP INDEX members_order");
        upsert.emplace(db, kUpsert);
        existing.emplace(db, std::string(kSelect) + " WHERE code = ?");
        units.emplace(db);
    };
    k.parse = [&](db::Cells& cells, Row& r, db::RowProblems& problems) {
        // Every bad field of the row is listed; the rules across fields only
        // for a row whose fields are good.
        std::optional<Gender> by_birth;  // the gender the Nam/Nữ column of the birth date gives
        std::string gender_text = cells.has(GenderC) ? cells[GenderC] : std::string();
        for (int c = 0; c < kFields; ++c) {
            int from = c;  // the column the value comes from, where a problem is shown
            std::string value;
            if (c == FullName && cells.has(GivenName)) {
                from = cells[FamilyMiddle].empty() ? FamilyMiddle : GivenName;
                if (cells[FamilyMiddle].empty() || cells[GivenName].empty()) {
                    problems.add(specs()[from].name, _("required (the name is in two columns)"));
                    continue;
                }
                value = cells[FamilyMiddle] + ' ' + cells[GivenName];
            } else if (c == BirthC && cells.has(BirthMale)) {
                const std::string &male = cells[BirthMale], &female = cells[BirthFemale];
                if (male.empty() == female.empty()) {
                    problems.add_row(male.empty() ? _("required: a birth date under 'Nam' or under 'Nữ'")
                                                  : _("the birth date is under both 'Nam' and 'Nữ'"),
                                     "birth_date");
                    continue;
                }
                from = male.empty() ? BirthFemale : BirthMale;
                by_birth = male.empty() ? Gender::Female : Gender::Male;
                value = std::move(cells[from]);
            } else if (c == GenderC && cells.has(BirthMale) && gender_text.empty()) {
                continue;  // given by the birth date's column
            } else if (cells.has(c)) {
                value = std::move(cells[c]);
            } else {
                continue;
            }
            std::string problem = parse_field(r.member, c, std::move(value));
            if (!problem.empty()) problems.add(specs()[from].name, std::move(problem));
        }
        if (by_birth) {
            if (!gender_text.empty() && parse_gender(gender_text) && r.member.gender != *by_birth)
                problems.add("gender", _f("'{}', but the birth date is under '{}'", gender_text,
                                          *by_birth == Gender::Male ? "Nam" : "Nữ"));
            r.member.gender = *by_birth;
        }
        // The units were read before the threads started: matching a unit's
        // name (folding it with ICU) is the parsing thread's work.
        if (present[Unit])
            if (auto why = resolve_unit(*units, r.member.unit); !why.empty()) problems.add("unit", std::move(why));
        if (!problems.empty()) return;
        for (auto& p : cross_field(r.member, [&](int c) { return present[c]; }))
            problems.add_row(std::move(p.message), p.field);
        if (problems.empty()) r.dates = date_texts(r.member);
    };
    k.key = [](const Row& r) { return r.member.code; };
    k.check = [&](Row& r, db::RowProblems& problems) {
        std::optional<Member> old;
        if (!was_empty) {
            existing->bind(1, r.member.code);
            if (existing->executeStep()) old = read_row(*existing);
            existing->reset();
        }
        if (!old) {
            for (auto& p : cross_field(r.member)) problems.add_row(std::move(p.message), p.field);
            return db::Change::Added;
        }
        // An update keeps what the file lacks.
        for (int c = 0; c < kFields; ++c)
            if (!present[c]) copy_column(r.member, *old, c);
        if (r.member == *old) return db::Change::Unchanged;
        r.dates = date_texts(r.member);  // the merged record's
        for (auto& p : cross_field(r.member))
            problems.add_row(_f("{} (with the registry's other fields)", p.message), p.field);
        return db::Change::Updated;
    };
    k.write = [&](const Row& r, db::Change) {
        bind_member(*upsert, r.member, r.dates, keys(r.member.full_name));  // the key lives until the next row
        upsert->exec();
        upsert->reset();
    };
    k.finish = [&] {
        // The parsing thread is done: the index's sort may use both cores,
        // in small runs (the sorter's memory follows the page cache: 4 MB
        // runs sort and merge a million keys a third faster than 32 MB).
        if (was_empty) {
            db.exec("PRAGMA cache_size = -4096");
            db.exec("PRAGMA threads = 2");
            db.exec(kOrderIndex);
            db.exec("PRAGMA threads = 0");
        }
    };
    k.preview = [](const Row& r) { return to_json(r.member); };
    // The writing thread stalls now and then while SQLite writes out its page
    // cache; 32 batches parsed ahead (a few MB) carry the parsing thread over
    // those stalls, where 8 left it waiting for about a tenth of the import.
    k.queue_batches = 32;
    return db::run_import(ws, path, k, {opt.file, opt.progress});
}

// ---- single records ------------------------------------------------------------

static void apply_fields(SQLite::Database& db, Member& m, const FieldValues& fields, bool allow_code) {
    DiagnosticList errors;
    for (const auto& [field, value] : fields) {
        int col = column_of(field);
        if (col == Code && !allow_code) throw UsageError(_("the code of a member cannot be edited"));
        std::string problem = apply(m, col, value);
        if (problem.empty() && col == Unit) {
            if (auto why = resolve_unit(UnitMatcher(db), m.unit); !why.empty())
                problem = fmt::format("{}: {}", specs()[Unit].name, why);
        }
        if (!problem.empty()) errors.add({"", 0, 0, problem});
    }
    errors.throw_if_any();
    for (auto& p : check(m)) errors.add({"", 0, 0, p});
    errors.throw_if_any();
}

void add_member(db::Workspace& ws, const FieldValues& fields) {
    Member m;
    DiagnosticList missing;
    for (int c = 0; c < kFields; ++c) {
        if (!specs()[c].required) continue;
        bool given = false;
        for (const auto& f : fields) given |= column_of(f.first) == c;
        if (!given) missing.add({"", 0, 0, _("required"), specs()[c].name});
    }
    missing.throw_if_any();
    apply_fields(ws.db(), m, fields, true);
    db::Transaction tx(ws);
    if (find_member(ws.db(), m.code))
        throw Refused(_f("member {} is already in the registry; change it with 'daihoi members edit'", m.code));
    write_member(ws.db(), m);
    tx.commit(_f("member {} added: {}", m.code, m.full_name));
}

void edit_member(db::Workspace& ws, const std::string& code, const FieldValues& fields) {
    if (fields.empty()) throw UsageError(_("nothing to change: give at least one --FIELD VALUE"));
    db::Transaction tx(ws);
    Member m = require_member(ws.db(), code);
    apply_fields(ws.db(), m, fields, false);
    write_member(ws.db(), m);
    std::string changed;
    for (const auto& f : fields) changed += (changed.empty() ? "" : ", ") + f.first;
    tx.commit(_f("member {} edited: {}", code, changed));
}

std::vector<std::string> remove_members(db::Workspace& ws, const std::vector<std::string>& codes) {
    std::vector<std::string> removed, unknown, blocked, names;
    db::Transaction tx(ws);
    for (const auto& code : codes) {
        if (std::find(removed.begin(), removed.end(), code) != removed.end()) continue;  // named twice
        auto m = find_member(ws.db(), code);
        if (!m) {
            unknown.push_back(code);
            continue;
        }
        // Their own evaluation and discipline records go with them; anything else
        // that refers to them (delegate lists, candidate lists) blocks the removal.
        ws.db().exec("SAVEPOINT remove_one");
        for (const char* sql : {"DELETE FROM evaluations WHERE code = ?", "DELETE FROM discipline WHERE code = ?",
                                "DELETE FROM members WHERE code = ?"}) {
            SQLite::Statement q(ws.db(), sql);
            q.bind(1, code);
            try {
                q.exec();
            } catch (const SQLite::Exception& e) {
                if (e.getErrorCode() != SQLITE_CONSTRAINT) throw;
                blocked.push_back(code);
                ws.db().exec("ROLLBACK TO remove_one");
                break;
            }
        }
        ws.db().exec("RELEASE remove_one");
        if (blocked.empty() || blocked.back() != code) {
            removed.push_back(code);
            names.push_back(fmt::format("{} {}", code, m->full_name));
        }
    }
    // Nothing is removed unless everyone can be: every code that cannot is
    // named. An unknown code is bad input (with the blocked ones beside it);
    // only blocked ones are a refusal, as for one code.
    auto blocked_message = [&] {
        return _fn("member {} cannot be removed: still a delegate or a candidate",
                   "members {} cannot be removed: still delegates or candidates", blocked.size(),
                   fmt::format("{}", fmt::join(blocked, ", ")));
    };
    if (!unknown.empty()) {
        std::vector<Diagnostic> ds;
        for (const auto& c : unknown) ds.push_back(Diagnostic{"", 0, 0, unknown_member_message(c)});
        if (!blocked.empty()) ds.push_back(Diagnostic{"", 0, 0, blocked_message()});
        throw InputError(std::move(ds));
    }
    if (!blocked.empty()) throw Refused(blocked_message());
    if (removed.size() == 1)
        tx.commit(_f("member {} removed: {}", removed[0], names[0].substr(removed[0].size() + 1)));
    else
        tx.commit(_fn("{} member removed: {}", "{} members removed: {}", removed.size(), removed.size(),
                      fmt::format("{}", fmt::join(names, ", "))));
    return removed;
}

// ---- evaluations and discipline ---------------------------------------------------

namespace {

// The check of a record about a member: the member is in the registry.
// One statement for the whole file (records files run to millions of rows).
struct MemberExists {
    std::shared_ptr<SQLite::Statement> q;
    void operator()(SQLite::Database& db, db::KeyedRecord& rec, db::RowProblems& problems) {
        if (!q) q = std::make_shared<SQLite::Statement>(db, "SELECT 1 FROM members WHERE code = ?");
        q->bind(1, rec.key[0]);
        if (!q->executeStep()) problems.add("code", unknown_member_message(rec.key[0]));
        q->reset();
    }
};

}  // namespace

const std::vector<io::ColumnSpec>& evaluation_columns() {
    static const std::vector<io::ColumnSpec> s = {
        {"code", member_code_aliases(), true},
        {"year", {"Năm", "Năm đánh giá", "Năm xếp loại"}, true},
        {"grade",
         {"Xếp loại", "Mức xếp loại", "Kết quả xếp loại", "Xếp loại chất lượng", "Kết quả đánh giá, xếp loại",
          "Đánh giá, xếp loại"},
         true}};
    return s;
}

const std::vector<io::ColumnSpec>& discipline_columns() {
    static const std::vector<io::ColumnSpec> s = {
        {"code", member_code_aliases(), true},
        {"date", {"Ngày", "Ngày kỷ luật", "Ngày quyết định", "Ngày thi hành kỷ luật"}, true},
        {"form", {"Hình thức", "Hình thức kỷ luật"}, true},
        {"until", {"Đến ngày", "Thời hạn", "Hết hiệu lực", "Ngày hết hiệu lực"}, false}};
    return s;
}

db::ImportSummary import_evaluations(db::Workspace& ws, const std::string& path, const ImportOptions& opt) {
    db::KeyedImport spec;
    spec.kind = "evaluations";
    spec.progress_label = _("importing evaluations");
    spec.columns = evaluation_columns();
    spec.parse = [](db::Cells& c, db::KeyedRecord& rec, db::RowProblems& p) {
        if (c[0].empty()) p.add("code", _("required"));
        int y = 0;
        auto [ptr, ec] = std::from_chars(c[1].data(), c[1].data() + c[1].size(), y);
        bool year = !c[1].empty() && ec == std::errc() && ptr == c[1].data() + c[1].size() && y >= 1930 && y <= 2100;
        if (!year) p.add("year", _f("'{}' is not a year", c[1]));
        auto g = parse_grade(c[2]);
        if (!g) p.add("grade", grades().unknown(c[2]));
        rec.key = {std::move(c[0]), year ? std::to_string(y) : ""};
        rec.values = {g ? std::string(code(*g)) : ""};
    };
    spec.check = MemberExists{};
    spec.audit = db::counted_summary(N_("evaluations import {}: {} added, {} updated, {} unchanged"));
    spec.select_sql = "SELECT grade FROM evaluations WHERE code = ?1 AND year = ?2";
    spec.upsert_sql = "INSERT INTO evaluations (code, year, grade) VALUES (?1, ?2, ?3) "
                      "ON CONFLICT(code, year) DO UPDATE SET grade = ?3";
    return db::import_keyed(ws, path, spec, {opt.file, opt.progress});
}

db::ImportSummary import_discipline(db::Workspace& ws, const std::string& path, const ImportOptions& opt) {
    db::KeyedImport spec;
    spec.kind = "discipline";
    spec.progress_label = _("importing discipline records");
    spec.columns = discipline_columns();
    spec.parse = [](db::Cells& c, db::KeyedRecord& rec, db::RowProblems& p) {
        if (c[0].empty()) p.add("code", _("required"));
        auto d = text::parse_date(c[1]);
        if (!d) p.add("date", text::not_a_date(c[1]));
        if (c[2].empty()) p.add("form", _("required"));
        std::optional<text::Date> u;
        if (!c[3].empty()) {
            u = text::parse_date(c[3]);
            if (!u) p.add("until", text::not_a_date(c[3]));
            else if (d && *u < *d) p.add("until", _("before the date of the discipline"));
        }
        rec.key = {std::move(c[0]), d ? d->iso() : "", std::move(c[2])};
        rec.values = {u ? u->iso() : ""};
    };
    spec.check = MemberExists{};
    spec.audit = db::counted_summary(N_("discipline import {}: {} added, {} updated, {} unchanged"));
    spec.select_sql = "SELECT until FROM discipline WHERE code = ?1 AND date = ?2 AND form = ?3";
    spec.upsert_sql = "INSERT INTO discipline (code, date, form, until) VALUES (?1, ?2, ?3, ?4) "
                      "ON CONFLICT(code, date, form) DO UPDATE SET until = ?4";
    return db::import_keyed(ws, path, spec, {opt.file, opt.progress});
}

std::vector<Evaluation> evaluations_of(SQLite::Database& db, const std::string& code) {
    SQLite::Statement q(db, "SELECT year, grade FROM evaluations WHERE code = ? ORDER BY year");
    q.bind(1, code);
    std::vector<Evaluation> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt(), parse_grade(q.getColumn(1).getString()).value_or(Grade::HoanThanh)});
    return out;
}

std::vector<DisciplineRecord> discipline_of(SQLite::Database& db, const std::string& code) {
    SQLite::Statement q(db, "SELECT date, form, until FROM discipline WHERE code = ? ORDER BY date");
    q.bind(1, code);
    std::vector<DisciplineRecord> out;
    while (q.executeStep()) {
        DisciplineRecord r{text::parse_date(q.getColumn(0).getString()).value_or(text::Date{}),
                           q.getColumn(1).getString(), std::nullopt};
        if (!q.getColumn(2).isNull()) r.until = text::parse_date(q.getColumn(2).getString());
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace daihoi::registry
