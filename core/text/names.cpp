// Vietnamese name order. The sort key concatenates the ICU keys of the given,
// family and middle names; each ICU key ends with a 0 byte that occurs nowhere
// inside it, so comparing the concatenation compares the parts in turn.
#include "core/text/names.hpp"

#include <unicode/coll.h>
#include <unicode/unistr.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace daihoi::text {

NameParts split_name(std::string_view full_name) {
    std::vector<std::string_view> words;
    std::size_t i = 0, n = full_name.size();
    while (i < n) {
        while (i < n && (full_name[i] == ' ' || full_name[i] == '\t')) ++i;
        std::size_t start = i;
        while (i < n && full_name[i] != ' ' && full_name[i] != '\t') ++i;
        if (i > start) words.push_back(full_name.substr(start, i - start));
    }
    NameParts p;
    if (words.empty()) return p;
    p.given = std::string(words.back());
    if (words.size() == 1) return p;
    p.family = std::string(words.front());
    for (std::size_t k = 1; k + 1 < words.size(); ++k) {
        if (!p.middle.empty()) p.middle += ' ';
        p.middle += words[k];
    }
    return p;
}

std::string normalize_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ', space = false;
        out += c;
    }
    return out;
}

struct VietCollator::Impl {
    std::unique_ptr<icu::Collator> coll;
};

VietCollator::VietCollator() : impl_(new Impl) {
    UErrorCode st = U_ZERO_ERROR;
    impl_->coll.reset(icu::Collator::createInstance(icu::Locale("vi"), st));
    if (U_FAILURE(st) || !impl_->coll) throw std::runtime_error("ICU Vietnamese collator unavailable");
    impl_->coll->setStrength(icu::Collator::SECONDARY);
}

const VietCollator& VietCollator::instance() {
    static const VietCollator c;
    return c;
}

int VietCollator::compare(std::string_view a, std::string_view b) const {
    UErrorCode st = U_ZERO_ERROR;
    auto r = impl_->coll->compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                                      icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), st);
    return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

std::string VietCollator::key(std::string_view s) const {
    auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    uint8_t buf[256];
    int32_t len = impl_->coll->getSortKey(u, buf, sizeof buf);
    if (len <= static_cast<int32_t>(sizeof buf))
        return std::string(reinterpret_cast<char*>(buf), static_cast<std::size_t>(len));
    std::string big(static_cast<std::size_t>(len), '\0');
    impl_->coll->getSortKey(u, reinterpret_cast<uint8_t*>(big.data()), len);
    return big;
}

std::string VietCollator::version() const {
    UVersionInfo v;
    impl_->coll->getVersion(v);
    char buf[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, buf);
    return buf;
}

std::string person_sort_key(std::string_view full_name) {
    const auto& c = VietCollator::instance();
    NameParts p = split_name(full_name);
    return c.key(p.given) + c.key(p.family) + c.key(p.middle);
}

}  // namespace daihoi::text
