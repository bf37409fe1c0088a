// The sample congress: vocabularies with realistic frequencies, the draws
// (integers only, from our own generator) and the CSV writers.
#include "core/sample/sample.hpp"

#include "core/delegates/apportion.hpp"

#include "core/base/atomic_file.hpp"
#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/text/date.hpp"
#include "core/text/names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <span>

namespace daihoi::sample {

using registry::Degree;
using registry::Gender;
using registry::Grade;
using registry::Theory;

// ---- the generator ------------------------------------------------------------

namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

}  // namespace

Rng::Rng(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t a = seed, b = stream ^ 0x5DEECE66DULL;
    std::uint64_t x = splitmix64(a) ^ rotl(splitmix64(b), 17);
    for (auto& s : s_) s = splitmix64(x);
}

std::uint64_t Rng::next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

// Multiply-shift (Lemire) without the rejection step: the bias is below
// n / 2^64, far under anything a sample could show, and the result is exact
// integer arithmetic on every machine.
std::uint64_t Rng::below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
}

std::int64_t Rng::between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
}

bool Rng::chance(std::uint32_t per_10000) {
    return below(10000) < per_10000;
}

// ---- vocabularies -----------------------------------------------------------------
//
// Weights are per 10,000 where the brief gives shares; elsewhere relative.

namespace {

struct Word {
    std::string_view text;
    std::uint32_t weight = 1;
};

constexpr std::uint64_t total_weight(std::span<const Word> words) {
    std::uint64_t t = 0;
    for (const auto& w : words) t += w.weight;
    return t;
}

// A weighted choice: one draw, then a scan of the (short) table.
template <const auto& Words>
std::size_t pick_index(Rng& rng) {
    static constexpr std::uint64_t total = total_weight(Words);
    std::uint64_t r = rng.below(total);
    for (std::size_t i = 0; i < std::size(Words); ++i) {
        if (r < Words[i].weight) return i;
        r -= Words[i].weight;
    }
    return std::size(Words) - 1;
}

template <const auto& Words>
std::string_view pick(Rng& rng) {
    return Words[pick_index<Words>(rng)].text;
}

std::string_view pick_uniform(Rng& rng, std::span<const std::string_view> words) {
    return words[rng.below(words.size())];
}

// Họ of the Kinh majority: the shares of the national surveys.
constexpr Word kFamily[] = {
    {"Nguyễn", 3800}, {"Trần", 1100}, {"Lê", 950},    {"Phạm", 700}, {"Hoàng", 300}, {"Huỳnh", 200},
    {"Phan", 450},    {"Vũ", 220},    {"Võ", 170},    {"Đặng", 210}, {"Bùi", 200},   {"Đỗ", 140},
    {"Hồ", 130},      {"Ngô", 130},   {"Dương", 100}, {"Lý", 50},    {"Đinh", 120},  {"Đoàn", 110},
    {"Trương", 110},  {"Lâm", 80},    {"Mai", 80},    {"Trịnh", 80}, {"Lương", 70},  {"Cao", 70},
    {"Hà", 70},       {"Tạ", 50},     {"Lưu", 50},    {"Tô", 50},    {"Vương", 40},  {"Thái", 40},
    {"Châu", 40},     {"Quách", 30},  {"Kiều", 30},   {"Chu", 30},
};

constexpr Word kMiddleMale[] = {
    {"Văn", 3000},  {"Hữu", 700},  {"Đức", 800},  {"Quang", 700}, {"Minh", 900},  {"Công", 600},
    {"Thanh", 600}, {"Xuân", 400}, {"Ngọc", 400}, {"Đình", 600},  {"Trọng", 400}, {"Hoàng", 400},
    {"Anh", 300},   {"Tiến", 200}, {"Bá", 200},   {"Duy", 300},
};
constexpr Word kMiddleFemale[] = {
    {"Thị", 4500}, {"Ngọc", 800}, {"Thu", 600},  {"Thanh", 700}, {"Minh", 500},
    {"Kim", 500},  {"Hồng", 500}, {"Bích", 300}, {"Mỹ", 300},    {"Phương", 300},
    {"Thùy", 300}, {"Diệu", 200}, {"Hoài", 200},
};
// The second middle word of a four-word name (Nguyễn Thị Minh Khai).
constexpr std::string_view kMiddle2Male[] = {"Minh",  "Quốc", "Anh", "Hoàng",
                                             "Thanh", "Tuấn", "Gia", "Bảo"};
constexpr std::string_view kMiddle2Female[] = {"Ngọc", "Minh", "Thu",   "Thanh", "Kim",
                                               "Hồng", "Bảo",  "Khánh", "Phương"};

constexpr std::string_view kGivenMale[] = {
    "Ân",   "Anh",   "Bình",  "Cường", "Dũng", "Đạt",  "Giang", "Hải",   "Hùng", "Khánh",
    "Long", "Minh",  "Nam",   "Phong", "Quân", "Sơn",  "Thắng", "Trung", "Tuấn", "Việt",
    "Hiếu", "Hoàng", "Huy",   "Khoa",  "Lâm",  "Lộc",  "Lợi",   "Nghĩa", "Phúc", "Quang",
    "Tài",  "Thành", "Thịnh", "Toàn",  "Trí",  "Tú",   "Vinh",  "Đông",  "Hưng", "Kiên",
    "Tâm",  "Thái",  "Bảo",   "Chiến", "Duy",  "Định", "Hậu",   "Tùng",
};
constexpr std::string_view kGivenFemale[] = {
    "An",    "Anh",  "Chi",   "Dung",   "Hà",    "Hạnh",  "Hằng", "Hoa",   "Hương", "Lan",  "Linh",
    "Mai",   "Ngọc", "Nhung", "Phương", "Thảo",  "Trang", "Uyên", "Vân",   "Yến",   "Hiền", "Huyền",
    "Loan",  "Ly",   "Nga",   "Oanh",   "Quyên", "Thủy",  "Thư",  "Trinh", "Tuyết", "Vy",   "Xuân",
    "Giang", "Hồng", "Liên",  "Nhàn",   "Quỳnh", "Thanh", "Thoa", "Diệp",  "Ánh",
};

// Dân tộc: index 0 is Kinh; the others carry their own common family names.
constexpr Word kEthnicity[] = {
    {"Kinh", 8800}, {"Tày", 250},   {"Thái", 200}, {"Mường", 200},
    {"Khmer", 150}, {"Hmông", 150}, {"Nùng", 150}, {"Dao", 100},
};
constexpr std::size_t kHmong = 5;
constexpr std::string_view kFamilyTay[] = {"Nông", "Hoàng", "Lương", "Triệu", "Hà", "Ma", "Lục"};
constexpr std::string_view kFamilyThai[] = {"Lò", "Cầm", "Lường", "Quàng", "Vi", "Hà"};
constexpr std::string_view kFamilyMuong[] = {"Bùi", "Đinh", "Quách", "Hà", "Xa"};
constexpr std::string_view kFamilyKhmer[] = {"Thạch", "Danh", "Sơn", "Kim", "Lâm"};
constexpr std::string_view kFamilyHmong[] = {"Giàng", "Sùng", "Vàng", "Thào", "Lý", "Hờ"};
constexpr std::string_view kFamilyNung[] = {"Hoàng", "Nông", "Lăng", "Vi", "Chu"};
constexpr std::string_view kFamilyDao[] = {"Triệu", "Bàn", "Đặng", "Lý", "Chảo"};
constexpr std::span<const std::string_view> kFamilyByEthnicity[] = {
    {}, kFamilyTay, kFamilyThai, kFamilyMuong, kFamilyKhmer, kFamilyHmong, kFamilyNung, kFamilyDao,
};

constexpr Word kReligion[] = {
    {"", 9200}, {"Phật giáo", 500}, {"Công giáo", 250}, {"Tin lành", 30}, {"Cao Đài", 20},
};

constexpr std::string_view kEducation[] = {"12/12", "10/10"};

constexpr Word kDegree[] = {{"none", 500},
                            {"college", 1000},
                            {"bachelor", 6500},
                            {"master", 1700},
                            {"doctor", 300}};  // in registry::Degree order
constexpr Word kTheory[] = {{"none", 1500},
                            {"so-cap", 4500},
                            {"trung-cap", 2800},
                            {"cao-cap", 1000},
                            {"cu-nhan", 200}};  // in registry::Theory order

// Chức vụ: first the posts anyone may hold, then the leading posts (never a
// probationary member's), last the retired (drawn apart, by age).
constexpr Word kPosition[] = {
    {"Chuyên viên", 1800},
    {"Cán bộ", 1600},
    {"Giáo viên", 1500},
    {"Bác sĩ", 400},
    {"Điều dưỡng", 300},
    {"Kỹ sư", 500},
    {"Kế toán", 300},
    {"Công nhân", 500},
    {"Nông dân", 600},
    {"Công an viên", 200},
    {"Trưởng thôn", 300},

    {"Bí thư chi bộ", 250},
    {"Phó Bí thư chi bộ", 250},
    {"Chủ tịch UBND", 80},
    {"Phó Chủ tịch UBND", 120},
    {"Trưởng phòng", 350},
    {"Phó Trưởng phòng", 450},
    {"Hiệu trưởng", 100},
    {"Bí thư Đoàn", 90},
    {"Chủ tịch Hội Nông dân", 60},

    {"Hưu trí", 0},
};
constexpr std::uint8_t kFirstLeadingPost = 11;
static_assert(kPosition[kFirstLeadingPost].text == "Bí thư chi bộ");
constexpr std::uint8_t kRetired = std::size(kPosition) - 1;

constexpr std::string_view kDisciplineForm[] = {"khiển trách", "cảnh cáo"};

constexpr Word kGrade[] = {{"khong-hoan-thanh", 200},
                           {"hoan-thanh", 1400},
                           {"tot", 7200},
                           {"xuat-sac", 1200}};  // in registry::Grade order

// Units: a kind of organization and the name it carries (a school's patron,
// a commune), with its typical size as a weight range.
struct UnitKind {
    std::string_view prefix;
    bool patron;  // named after a person (schools) rather than a place
    std::uint32_t weight_lo, weight_hi;
};
constexpr UnitKind kUnitKinds[] = {
    {"Chi bộ Trường THPT", true, 2, 5},
    {"Chi bộ Trường THCS", true, 1, 3},
    {"Chi bộ Trường Tiểu học", true, 1, 3},
    {"Đảng bộ xã", false, 8, 16},
    {"Đảng bộ phường", false, 8, 16},
    {"Chi bộ thôn", false, 1, 3},
    {"Chi bộ khu phố", false, 1, 3},
    {"Chi bộ Trạm Y tế xã", false, 1, 2},
    {"Chi bộ Công an xã", false, 1, 3},
    {"Chi bộ Quân sự xã", false, 1, 2},
    {"Đảng bộ Bệnh viện Đa khoa", false, 4, 8},
    {"Chi bộ Hợp tác xã Nông nghiệp", false, 1, 3},
};
constexpr std::string_view kPatrons[] = {
    "Nguyễn Du",      "Lê Quý Đôn",    "Trần Phú",      "Chu Văn An",        "Nguyễn Trãi",
    "Lê Lợi",         "Trần Hưng Đạo", "Phan Bội Châu", "Nguyễn Huệ",        "Võ Thị Sáu",
    "Lý Thường Kiệt", "Ngô Quyền",     "Hai Bà Trưng",  "Nguyễn Đình Chiểu", "Lương Thế Vinh",
    "Kim Đồng",
};
constexpr std::string_view kPlaces[] = {
    "Tân Phú",  "An Bình",   "Hòa Bình", "Phước Long", "Bình Minh", "Đông Hòa",   "Tây Sơn",
    "Thạnh Mỹ", "Vĩnh Hưng", "Xuân Lộc", "Đức Thắng",  "Hưng Long", "Quảng Điền", "Yên Thế",
    "Nghĩa Đô", "Ea Tu",     "Mỹ Phước", "Long Hải",   "Cẩm Thủy",  "Hòa Khánh",
};

std::int32_t day(int y, int m, int d) {
    return static_cast<std::int32_t>(text::Date{y, m, d}.days());
}
int year_of(std::int32_t days) {
    return text::Date::from_days(days).year;
}
std::int32_t plus_months(std::int32_t days, int months) {
    return static_cast<std::int32_t>(text::add_months(text::Date::from_days(days), months).days());
}

std::size_t digits(std::size_t n) {
    std::size_t d = 1;
    while (n >= 10) n /= 10, ++d;
    return d;
}

}  // namespace

// ---- the congress ------------------------------------------------------------------

void validate(const Options& o) {
    if (o.members < 1) throw UsageError(_("--members must be at least 1"));
    if (o.members > kMaxMembers) throw UsageError(_f("--members must be at most {}", kMaxMembers));
    if (o.units < 1) throw UsageError(_("--units must be at least 1"));
    if (o.units > o.members)
        throw UsageError(_f("--units ({}) must not exceed --members ({})", o.units, o.members));
}

namespace {

std::size_t code_width(std::size_t members) {
    return std::max<std::size_t>(6, digits(members));
}

void make_units(Congress& c, std::vector<std::uint32_t>& unit_of) {
    Rng rng(c.options.seed, static_cast<std::uint64_t>(Stream::Units));
    const std::size_t n = c.options.units;

    // Every (kind, name) pair once, shuffled; past them, numbered repeats.
    struct Combo {
        std::uint8_t kind, name;
    };
    std::vector<Combo> combos;
    for (std::size_t k = 0; k < std::size(kUnitKinds); ++k) {
        std::size_t names = kUnitKinds[k].patron ? std::size(kPatrons) : std::size(kPlaces);
        for (std::size_t i = 0; i < names; ++i)
            combos.push_back({static_cast<std::uint8_t>(k), static_cast<std::uint8_t>(i)});
    }
    for (std::size_t i = combos.size(); i > 1; --i) std::swap(combos[i - 1], combos[rng.below(i)]);

    const std::size_t width = std::max<std::size_t>(2, digits(n));
    std::vector<std::uint32_t> weight(n);
    c.units.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Combo& co = combos[i % combos.size()];
        const UnitKind& kind = kUnitKinds[co.kind];
        Unit& u = c.units[i];
        u.code = fmt::format("U{:0{}}", i + 1, width);
        u.name =
            fmt::format("{} {}", kind.prefix, kind.patron ? kPatrons[co.name] : kPlaces[co.name]);
        if (i >= combos.size()) u.name += fmt::format(" {}", i / combos.size() + 1);
        weight[i] = static_cast<std::uint32_t>(rng.between(kind.weight_lo, kind.weight_hi));
    }

    // Sizes: one member each, the rest shared by weight; then the members are
    // dealt to the units in a shuffled order.
    const std::uint64_t rest = c.options.members - n;
    const std::uint64_t total = std::accumulate(weight.begin(), weight.end(), std::uint64_t{0});
    std::uint64_t dealt = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t share = rest * weight[i] / total;
        c.units[i].members = static_cast<std::uint32_t>(1 + share);
        dealt += share;
    }
    for (std::size_t i = 0; dealt < rest; ++i, ++dealt) ++c.units[i].members;

    unit_of.clear();
    unit_of.reserve(c.options.members);
    for (std::size_t i = 0; i < n; ++i)
        unit_of.insert(unit_of.end(), c.units[i].members, static_cast<std::uint32_t>(i));
    for (std::size_t i = unit_of.size(); i > 1; --i)
        std::swap(unit_of[i - 1], unit_of[rng.below(i)]);
}

void make_members(Congress& c, const std::vector<std::uint32_t>& unit_of) {
    Rng rng(c.options.seed, static_cast<std::uint64_t>(Stream::Members));
    const std::size_t n = c.options.members;
    const std::int32_t born_first = day(1960, 1, 1), born_last = day(2000, 12, 31);
    // Full members joined at least 13 months before the sample's date (a
    // year's probation, and some time to decide); probationary ones within
    // the last year.
    const std::int32_t full_join_last = plus_months(c.as_of, -13);

    c.members.resize(n);
    c.names.reserve(n * 22);
    for (std::size_t i = 0; i < n; ++i) {
        Person& p = c.members[i];
        p.unit = unit_of[i];
        p.gender = rng.chance(4000) ? Gender::Female : Gender::Male;
        const bool male = p.gender == Gender::Male;
        p.ethnicity = static_cast<std::uint8_t>(pick_index<kEthnicity>(rng));

        // The name: family, one or two middle words, given; no word twice.
        std::string_view family = p.ethnicity != 0 && rng.chance(7000)
                                      ? pick_uniform(rng, kFamilyByEthnicity[p.ethnicity])
                                      : pick<kFamily>(rng);
        std::string_view middle = p.ethnicity == kHmong && male && rng.chance(7000)
                                      ? std::string_view("A")
                                  : male ? pick<kMiddleMale>(rng)
                                         : pick<kMiddleFemale>(rng);
        std::string_view middle2;
        if (rng.chance(800)) {
            middle2 = pick_uniform(rng, male ? std::span<const std::string_view>(kMiddle2Male)
                                             : std::span<const std::string_view>(kMiddle2Female));
            if (middle2 == middle) middle2 = {};
        }
        std::string_view given;
        for (int tries = 0; tries < 8; ++tries) {
            given = pick_uniform(rng, male ? std::span<const std::string_view>(kGivenMale)
                                           : std::span<const std::string_view>(kGivenFemale));
            if (given != middle && given != middle2 && given != family) break;
        }
        p.name_offset = static_cast<std::uint32_t>(c.names.size());
        c.names += family;
        c.names += ' ';
        c.names += middle;
        if (!middle2.empty()) c.names += ' ', c.names += middle2;
        c.names += ' ';
        c.names += given;
        p.name_length = static_cast<std::uint8_t>(c.names.size() - p.name_offset);

        p.birth = static_cast<std::int32_t>(rng.between(born_first, born_last));
        const int birth_year = year_of(p.birth);
        p.education = rng.chance(birth_year < 1975 ? 1500 : 200) ? 1 : 0;

        // Admitted at 18 at the earliest, mostly in their twenties and thirties.
        const std::int32_t adult = plus_months(p.birth, 18 * 12);
        if (rng.chance(500)) {
            p.joined = static_cast<std::int32_t>(
                rng.between(std::max(adult, c.as_of - 365), c.as_of - 30));
            p.official = Person::kProbationary;
        } else {
            const std::int64_t span = std::min<std::int64_t>(full_join_last - adult, 20 * 365);
            p.joined = adult +
                       static_cast<std::int32_t>(rng.below(span / 2 + 1) + rng.below(span / 2 + 1));
            p.official = plus_months(p.joined, 12);
        }

        p.degree = static_cast<Degree>(pick_index<kDegree>(rng));
        p.theory = p.probationary() ? (rng.chance(5000) ? Theory::None : Theory::SoCap)
                                    : static_cast<Theory>(pick_index<kTheory>(rng));
        p.religion = static_cast<std::uint8_t>(pick_index<kReligion>(rng));
        if (birth_year <= 1964 && rng.chance(6000)) {
            p.position = kRetired;
        } else {
            do p.position = static_cast<std::uint8_t>(pick_index<kPosition>(rng));
            while (p.probationary() && p.position >= kFirstLeadingPost);
        }
        p.incumbent = !p.probationary() && p.position != kRetired && rng.chance(570);
        if (p.incumbent && p.theory < Theory::TrungCap) p.theory = Theory::TrungCap;
    }
}

void make_discipline(Congress& c) {
    Rng rng(c.options.seed, static_cast<std::uint64_t>(Stream::Discipline));
    const std::int32_t first = day(2019, 1, 1);
    for (std::size_t i = 0; i < c.members.size(); ++i) {
        const Person& p = c.members[i];
        if (!rng.chance(100)) continue;
        const std::int32_t from = std::max(first, p.joined + 30);
        if (from >= c.as_of) continue;
        Discipline d;
        d.person = static_cast<std::uint32_t>(i);
        d.date = static_cast<std::int32_t>(rng.between(from, c.as_of - 1));
        d.form = rng.chance(7500) ? 0 : 1;
        d.until = plus_months(d.date, 12);
        c.discipline.push_back(d);
    }
}

void make_evaluations(Congress& c) {
    Rng rng(c.options.seed, static_cast<std::uint64_t>(Stream::Evaluations));
    c.evaluations.reserve(c.members.size() * 3);
    std::size_t next_discipline = 0;
    std::int32_t graded[kLastEvaluationYear - kFirstEvaluationYear + 1];  // graded in December
    for (int y = kFirstEvaluationYear; y <= kLastEvaluationYear; ++y)
        graded[y - kFirstEvaluationYear] = day(y, 12, 1);
    for (std::size_t i = 0; i < c.members.size(); ++i) {
        const Person& p = c.members[i];
        // Most members keep their level from year to year.
        const auto usual = static_cast<Grade>(pick_index<kGrade>(rng));
        while (next_discipline < c.discipline.size() && c.discipline[next_discipline].person < i)
            ++next_discipline;
        for (int y = kFirstEvaluationYear; y <= kLastEvaluationYear; ++y) {
            const bool missing = rng.chance(300);
            auto grade = rng.chance(7000) ? usual : static_cast<Grade>(pick_index<kGrade>(rng));
            if (missing || p.joined >= graded[y - kFirstEvaluationYear]) continue;
            // A member disciplined in the year is graded no higher than
            // "hoàn thành nhiệm vụ".
            for (std::size_t d = next_discipline;
                 d < c.discipline.size() && c.discipline[d].person == i; ++d)
                if (year_of(c.discipline[d].date) == y && grade > Grade::HoanThanh)
                    grade = Grade::HoanThanh;
            c.evaluations.push_back(
                {static_cast<std::uint32_t>(i), static_cast<std::uint16_t>(y), grade});
        }
    }
}

// Delegates: about one per four members, at most 450 (a province's congress),
// at least five where there are five members to draw from.
void make_delegates(Congress& c) {
    Rng rng(c.options.seed, static_cast<std::uint64_t>(Stream::Delegates));
    std::size_t n = c.members.size();
    std::size_t target = std::clamp<std::size_t>(n / 4, std::min<std::size_t>(n, 5), 450);
    std::vector<bool> taken(n, false);
    // Ex officio: the outgoing committee (incumbents), up to a tenth of the congress.
    std::size_t ex_max = std::max<std::size_t>(1, std::min<std::size_t>(15, target / 10));
    for (std::uint32_t i = 0; i < n && c.delegates.size() < ex_max; ++i)
        if (c.members[i].incumbent && !c.members[i].probationary()) {
            c.delegates.push_back({i, DelegatePick::ExOfficio, c.members[i].unit});
            taken[i] = true;
        }
    // The elected seats, apportioned to the units by their full members.
    std::vector<std::vector<std::uint32_t>> pool(c.units.size());
    for (std::uint32_t i = 0; i < n; ++i)
        if (!taken[i] && !c.members[i].probationary()) pool[c.members[i].unit].push_back(i);
    std::vector<delegates::UnitSize> sizes;
    for (std::size_t u = 0; u < c.units.size(); ++u)
        sizes.push_back({c.units[u].code, static_cast<std::int64_t>(pool[u].size()), 0});
    std::size_t seats = target - c.delegates.size();
    std::size_t full = 0;
    for (const auto& p : pool) full += p.size();
    seats = std::min(seats, full);
    if (seats == 0) return;
    // Made-up data needs every seat given: a tie goes by the documented rule.
    auto a = delegates::apportion(sizes, static_cast<std::int64_t>(seats), delegates::Method::Hamilton, 0,
                                  delegates::TieBreak::Membership);
    for (std::size_t u = 0; u < c.units.size(); ++u) {
        auto& p = pool[u];
        for (std::size_t k = 0; k < p.size(); ++k) std::swap(p[k], p[k + rng.below(p.size() - k)]);  // shuffle
        std::size_t elected = std::min<std::size_t>(static_cast<std::size_t>(a.units[u].seats), p.size());
        for (std::size_t k = 0; k < elected; ++k) c.delegates.push_back({p[k], DelegatePick::Elected, static_cast<std::uint32_t>(u)});
        if (elected > 0 && p.size() > elected)
            c.delegates.push_back({p[elected], DelegatePick::Reserve, static_cast<std::uint32_t>(u)});
    }
}

// Two elections by the delegates seated: the committee (about one seat per
// ten delegates, a 20 % surplus) and the delegation to the higher congress
// (official places and one reserve). Each voter keeps the places' worth of
// names, drawn by the candidates' standing; in the delegation election the
// two candidates nearest the reserve cut get mirrored ballots, so they tie.
void make_elections(Congress& c) {
    Rng rng(c.options.seed, static_cast<std::uint64_t>(Stream::Elections));
    Rng paper(c.options.seed, static_cast<std::uint64_t>(Stream::Ballots));
    std::size_t voters = 0;
    for (const auto& d : c.delegates) voters += d.kind != DelegatePick::Reserve;
    if (voters < 6) return;
    std::vector<bool> is_delegate(c.members.size(), false);
    for (const auto& d : c.delegates) is_delegate[d.person] = true;
    // Candidates: full members, incumbents and delegates first (the committee's nominees).
    std::vector<std::uint32_t> pool;
    for (std::uint32_t i = 0; i < c.members.size(); ++i)
        if (!c.members[i].probationary() && (c.members[i].incumbent || is_delegate[i])) pool.push_back(i);
    for (std::size_t k = 0; k < pool.size(); ++k) std::swap(pool[k], pool[k + rng.below(pool.size() - k)]);

    struct Spec { const char* id; const char* title; const char* body; int seats, reserves; bool tie; };
    int committee = static_cast<int>(std::clamp<std::size_t>(voters / 10, 3, 45));
    int delegation = static_cast<int>(std::clamp<std::size_t>(voters / 30, 2, 20));
    const Spec specs[] = {
        {"bch", "Bầu Ban Chấp hành Đảng bộ khóa mới", "committee", committee, 0, false},
        {"dbdh", "Bầu Đoàn đại biểu dự Đại hội cấp trên", "delegation", delegation, 1, true},
    };
    std::size_t next = 0;
    for (const Spec& sp : specs) {
        int places = sp.seats + sp.reserves;
        int count = places + std::max(1, places / 5);
        if (next + static_cast<std::size_t>(count) > pool.size()) break;
        SampleElection e{sp.id, sp.title, sp.body, sp.seats, sp.reserves, {}, {}, 0};
        e.candidates.assign(pool.begin() + static_cast<std::ptrdiff_t>(next), pool.begin() + static_cast<std::ptrdiff_t>(next + static_cast<std::size_t>(count)));
        next += static_cast<std::size_t>(count);
        // Ballot order: the order `election open` gives (§3.2).
        std::vector<std::pair<std::string, std::uint32_t>> keyed;
        for (auto p : e.candidates) {
            const Person& person = c.members[p];
            std::string key = text::person_sort_key(c.full_name(person));
            key.append(text::Date::from_days(person.birth).iso()).append(c.member_code(p));
            keyed.push_back({std::move(key), p});
        }
        std::sort(keyed.begin(), keyed.end());
        for (std::size_t k = 0; k < keyed.size(); ++k) e.candidates[k] = keyed[k].second;
        // Standing: a weight per position, distinct, in a shuffled order.
        std::vector<std::uint32_t> weight(static_cast<std::size_t>(count));
        for (int k = 0; k < count; ++k) weight[static_cast<std::size_t>(k)] = static_cast<std::uint32_t>(100 + 40 * (count - k));
        for (std::size_t k = 0; k < weight.size(); ++k) std::swap(weight[k], weight[k + rng.below(weight.size() - k)]);
        // The tied pair: the positions ranked places-th and (places+1)-th by weight.
        std::vector<int> by_weight(static_cast<std::size_t>(count));
        std::iota(by_weight.begin(), by_weight.end(), 0);
        std::sort(by_weight.begin(), by_weight.end(), [&](int a, int b) { return weight[static_cast<std::size_t>(a)] > weight[static_cast<std::size_t>(b)]; });
        int tx = by_weight[static_cast<std::size_t>(places - 1)], ty = by_weight[static_cast<std::size_t>(places)];
        auto vote = [&]() {  // one voter: keeps `places` names, drawn by weight
            std::vector<std::uint32_t> w = weight;
            std::vector<bool> kept(static_cast<std::size_t>(count), false);
            for (int k = 0; k < places; ++k) {
                std::uint64_t total = 0;
                for (auto x : w) total += x;
                std::uint64_t r = paper.below(total);
                std::size_t pick = 0;
                while (r >= w[pick]) r -= w[pick++];
                kept[pick] = true;
                w[pick] = 0;
            }
            return kept;
        };
        std::size_t present = voters - voters / 25;  // a few absent at the vote
        e.issued = present;
        std::vector<std::vector<bool>> papers;
        while (papers.size() + 3 < present) {
            auto kept = vote();
            papers.push_back(kept);
            if (sp.tie && papers.size() + 3 < present) {
                bool x = kept[static_cast<std::size_t>(tx)];  // its mirror
                kept[static_cast<std::size_t>(tx)] = kept[static_cast<std::size_t>(ty)];
                kept[static_cast<std::size_t>(ty)] = x;
                papers.push_back(kept);
            }
        }
        if (sp.tie && papers.size() % 2) papers.pop_back();  // pairs only, so the tie is exact
        for (const auto& kept : papers) {
            SampleElection::Paper p;
            for (int k = 0; k < count; ++k)
                if (!kept[static_cast<std::size_t>(k)]) p.crossed.push_back(static_cast<std::uint16_t>(k + 1));
            e.ballots.push_back(std::move(p));
        }
        // The invalid ones: an over-vote, an all-crossed ballot, one the board rules out.
        SampleElection::Paper over, none, flagged;
        for (int k = 0; k < count; ++k) none.crossed.push_back(static_cast<std::uint16_t>(k + 1));
        flagged.flag = "unissued";
        e.ballots.push_back(over);
        e.ballots.push_back(none);
        e.ballots.push_back(flagged);
        c.elections.push_back(std::move(e));
    }
}

}  // namespace

std::string Congress::member_code(std::size_t i) const {
    return fmt::format("DV{:0{}}", i + 1, code_width(options.members));
}
std::string_view Congress::ethnicity(const Person& p) const {
    return kEthnicity[p.ethnicity].text;
}
std::string_view Congress::religion(const Person& p) const {
    return kReligion[p.religion].text;
}
std::string_view Congress::education(const Person& p) const {
    return kEducation[p.education];
}
std::string_view Congress::position(const Person& p) const {
    return kPosition[p.position].text;
}
std::string_view Congress::discipline_form(std::uint8_t form) {
    return kDisciplineForm[form];
}

Congress generate(const Options& o) {
    validate(o);
    Congress c;
    c.options = o;
    c.as_of = day(2025, 6, 1);
    std::vector<std::uint32_t> unit_of;
    make_units(c, unit_of);
    make_members(c, unit_of);
    make_discipline(c);
    make_evaluations(c);
    make_delegates(c);
    make_elections(c);
    // Later parts are drawn here,
    // each from its own Stream, after everything they depend on.
    return c;
}

// ---- the files -------------------------------------------------------------------------

namespace {

// ISO dates of the years a sample uses, computed once: a date is then a copy.
class DateTable {
  public:
    DateTable() : first_(day(1950, 1, 1)), last_(day(2039, 12, 31)) {
        iso_.reserve(static_cast<std::size_t>(last_ - first_ + 1) * 10);
        for (std::int32_t d = first_; d <= last_; ++d) iso_ += text::Date::from_days(d).iso();
    }
    const char* find(std::int32_t days) const {
        return days < first_ || days > last_
                   ? nullptr
                   : iso_.data() + static_cast<std::size_t>(days - first_) * 10;
    }

  private:
    std::int32_t first_, last_;
    std::string iso_;
};

// A CSV file written through a large buffer into an AtomicFile, renamed
// into place when complete. No allocation per row.
class Out {
  public:
    explicit Out(std::filesystem::path path) : file_(std::move(path)), f_(file_.stream()) {
        buf_.reserve(kChunk + 4096);
    }
    Out(const Out&) = delete;
    Out& operator=(const Out&) = delete;

    void put(std::string_view s) { buf_.append(s); }
    void put(char ch) { buf_.push_back(ch); }
    // A text cell, quoted only when it must be (RFC 4180).
    void text(std::string_view s) {
        if (s.find_first_of(",\"\r\n") == std::string_view::npos) return put(s);
        put('"');
        for (char ch : s) ch == '"' ? put("\"\"") : put(ch);
        put('"');
    }
    void number(std::uint64_t v, std::size_t width = 0) {
        char tmp[24];
        char* e = tmp + sizeof tmp;
        char* b = e;
        do *--b = static_cast<char>('0' + v % 10), v /= 10;
        while (v);
        for (std::size_t n = static_cast<std::size_t>(e - b); n < width; ++n) put('0');
        buf_.append(b, e);
    }
    void date(std::int32_t days) {
        static const DateTable table;
        if (const char* iso = table.find(days)) return put(std::string_view(iso, 10));
        const text::Date d = text::Date::from_days(days);
        number(static_cast<std::uint64_t>(d.year), 4);
        put('-');
        number(static_cast<std::uint64_t>(d.month), 2);
        put('-');
        number(static_cast<std::uint64_t>(d.day), 2);
    }
    void end_row() {
        put('\n');
        ++rows_;
        if (buf_.size() >= kChunk) flush();
    }
    void header(std::string_view line) {
        put(line);
        put('\n');
    }
    // Completes the file; returns its data rows (the header not counted).
    std::size_t finish() {
        flush();
        file_.commit();
        return rows_;
    }

  private:
    static constexpr std::size_t kChunk = 1 << 20;

    void flush() {
        if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) fail();
        buf_.clear();
    }
    [[noreturn]] void fail() {
        throw Refused(_f("cannot write {}: {}", file_.target().string(), std::strerror(errno)));
    }

    AtomicFile file_;
    std::FILE* f_;
    std::string buf_;
    std::size_t rows_ = 0;
};

void write_members(const Congress& c, Out& out) {
    out.header(
        "code,full_name,gender,birth_date,ethnicity,religion,party_join_date,official_date,"
        "education,"
        "degree,theory,position,unit,incumbent");
    // Names and the vocabularies hold no comma, quote or line break (the
    // unit tests check every row's field count): written without quoting.
    const std::size_t width = code_width(c.members.size());
    for (std::size_t i = 0; i < c.members.size(); ++i) {
        const Person& p = c.members[i];
        out.put("DV");
        out.number(i + 1, width);
        out.put(',');
        out.put(c.full_name(p));
        out.put(',');
        out.put(registry::code(p.gender));
        out.put(',');
        out.date(p.birth);
        out.put(',');
        out.put(c.ethnicity(p));
        out.put(',');
        out.put(c.religion(p));
        out.put(',');
        out.date(p.joined);
        out.put(',');
        if (!p.probationary()) out.date(p.official);
        out.put(',');
        out.put(c.education(p));
        out.put(',');
        out.put(registry::code(p.degree));
        out.put(',');
        out.put(registry::code(p.theory));
        out.put(',');
        out.put(c.position(p));
        out.put(',');
        out.put(c.units[p.unit].code);
        out.put(',');
        out.put(p.incumbent ? '1' : '0');
        out.end_row();
    }
}

void write_units(const Congress& c, Out& out) {
    out.header("code,name,members,min_seats");
    for (const Unit& u : c.units) {
        out.text(u.code);
        out.put(',');
        out.text(u.name);
        out.put(',');
        out.number(u.members);
        out.put(',');
        out.end_row();
    }
}

void write_evaluations(const Congress& c, Out& out) {
    out.header("code,year,grade");
    const std::size_t width = code_width(c.members.size());
    for (const Evaluation& e : c.evaluations) {
        out.put("DV");
        out.number(e.person + 1, width);
        out.put(',');
        out.number(e.year);
        out.put(',');
        out.put(registry::code(e.grade));
        out.end_row();
    }
}

void write_discipline(const Congress& c, Out& out) {
    out.header("code,date,form,until");
    const std::size_t width = code_width(c.members.size());
    for (const Discipline& d : c.discipline) {
        out.put("DV");
        out.number(d.person + 1, width);
        out.put(',');
        out.date(d.date);
        out.put(',');
        out.text(Congress::discipline_form(d.form));
        out.put(',');
        out.date(d.until);
        out.end_row();
    }
}

void write_delegates(const Congress& c, Out& out) {
    out.header("code,kind,unit");
    const std::size_t width = code_width(c.members.size());
    static const char* kinds[] = {"elected", "ex-officio", "reserve"};
    for (const DelegatePick& d : c.delegates) {
        out.put("DV");
        out.number(d.person + 1, width);
        out.put(',');
        out.put(kinds[d.kind]);
        out.put(',');
        if (d.kind != DelegatePick::ExOfficio) out.text(c.units[d.unit].code);
        out.end_row();
    }
}

// elections.csv: what `daihoi election create` and `count` need for each.
void write_elections(const Congress& c, Out& out) {
    out.header("id,title,body,seats,reserves,issued,collected");
    for (const auto& e : c.elections) {
        out.put(e.id);
        out.put(',');
        out.text(e.title);
        out.put(',');
        out.put(e.body);
        out.put(',');
        out.number(static_cast<std::uint64_t>(e.seats));
        out.put(',');
        out.number(static_cast<std::uint64_t>(e.reserves));
        out.put(',');
        out.number(e.issued);
        out.put(',');
        out.number(e.ballots.size());
        out.end_row();
    }
}

// candidates.csv: election,code (one file for every election of the sample).
void write_candidates(const Congress& c, Out& out) {
    out.header("election,code");
    const std::size_t width = code_width(c.members.size());
    for (const auto& e : c.elections)
        for (auto p : e.candidates) {
            out.put(e.id);
            out.put(",DV");
            out.number(p + 1, width);
            out.end_row();
        }
}

// ballots-<election>.csv: serial,crossed,flag — one file per election, as
// `daihoi election ballots import ID FILE` reads it.
void write_ballots(const SampleElection& e, Out& out) {
    out.header("serial,crossed,flag");
    std::uint64_t serial = 0;
    for (const auto& b : e.ballots) {
        out.number(++serial);
        out.put(',');
        for (std::size_t k = 0; k < b.crossed.size(); ++k) {
            if (k) out.put(' ');
            out.number(b.crossed[k]);
        }
        out.put(',');
        out.put(b.flag);
        out.end_row();
    }
}

struct FileWriter {
    std::string_view name;
    void (*write)(const Congress&, Out&);
};

// Every file of the sample, in the order written, then ballots-<election>.csv
// for each election. New parts of the sample add their files here.
constexpr FileWriter kFiles[] = {
    {"members.csv", write_members},
    {"units.csv", write_units},
    {"evaluations.csv", write_evaluations},
    {"discipline.csv", write_discipline},
    {"delegates.csv", write_delegates},
    {"elections.csv", write_elections},
    {"candidates.csv", write_candidates},
};

}  // namespace

std::vector<FileSummary> write(const Congress& c, const std::filesystem::path& dir) {
    std::error_code ec;
    if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec))
        throw Refused(_f("{} exists and is not a folder", dir.string()));
    std::filesystem::create_directories(dir, ec);
    if (ec) throw Refused(_f("cannot create the folder {}: {}", dir.string(), ec.message()));

    std::vector<FileSummary> written;
    for (const FileWriter& f : kFiles) {
        Out out(dir / f.name);
        f.write(c, out);
        written.push_back({std::string(f.name), out.finish()});
    }
    for (const auto& e : c.elections) {
        std::string name = fmt::format("ballots-{}.csv", e.id);
        Out out(dir / name);
        write_ballots(e, out);
        written.push_back({std::move(name), out.finish()});
    }
    return written;
}

}  // namespace daihoi::sample
