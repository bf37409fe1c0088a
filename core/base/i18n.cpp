// Language choice and catalog lookup with glibc's gettext. glibc ignores
// $LANGUAGE under the "C" locale and a fresh Debian has no vi_VN locale, so
// the message category is set to C.UTF-8 (always present) and the language
// is named through $LANGUAGE; the language itself is daihoi's own choice.
#include "core/base/i18n.hpp"

#include "core/base/paths.hpp"

#include <libintl.h>

#include <clocale>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <string>

namespace daihoi::i18n {

namespace {

constexpr const char* kDomain = "daihoi";
Lang g_lang = Lang::En;  // before init: the source text
bool g_bound = false;    // a catalog is in use

// "en_US.UTF-8" → En, "vi" → Vi, "C.UTF-8" → nothing.
std::optional<Lang> language_of(std::string_view s) {
    if (s.size() < 2) return std::nullopt;
    std::string two{static_cast<char>(std::tolower(static_cast<unsigned char>(s[0]))),
                    static_cast<char>(std::tolower(static_cast<unsigned char>(s[1])))};
    if (s.size() > 2 && s[2] != '_' && s[2] != '.' && s[2] != '@' && s[2] != '-') return std::nullopt;
    if (two == "vi") return Lang::Vi;
    if (two == "en") return Lang::En;
    return std::nullopt;
}

std::string_view env(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string_view(v) : std::string_view();
}

Lang from_environment() {
    if (auto v = env("DAIHOI_LANG"); !v.empty())
        if (auto l = language_of(v)) return *l;
    // $LANGUAGE is a list ("fr:en"): the first language daihoi has.
    std::string_view list = env("LANGUAGE");
    while (!list.empty()) {
        auto colon = list.find(':');
        if (auto l = language_of(list.substr(0, colon))) return *l;
        if (colon == std::string_view::npos) break;
        list.remove_prefix(colon + 1);
    }
    // The locale in force for messages, as POSIX orders them.
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"})
        if (auto v = env(name); !v.empty()) return language_of(v).value_or(Lang::Vi);
    return Lang::Vi;
}

}  // namespace

std::optional<Lang> parse_lang(std::string_view s) { return language_of(s); }

std::string_view code(Lang l) { return l == Lang::Vi ? "vi" : "en"; }

void init(std::optional<Lang> flag) {
    g_lang = flag ? *flag : from_environment();
    g_bound = false;
    if (g_lang == Lang::En) return;  // the source text is English
    // The messages of the C library too (strerror: "no space left on the
    // device") are then Vietnamese, in UTF-8 rather than as question marks.
    for (int category : {LC_MESSAGES, LC_CTYPE})
        if (!std::setlocale(category, "C.UTF-8")) std::setlocale(category, "C.utf8");
    ::setenv("LANGUAGE", "vi", 1);
    std::string dir = paths::locale_dir().string();
    if (!::bindtextdomain(kDomain, dir.c_str())) return;
    ::bind_textdomain_codeset(kDomain, "UTF-8");
    g_bound = true;
}

Lang lang() { return g_lang; }

const char* tr(const char* msgid) { return g_bound ? ::dgettext(kDomain, msgid) : msgid; }

const char* tr_ctx(const char* context, const char* msgid) {
    if (!g_bound) return msgid;
    // gettext's convention for msgctxt: "context\004msgid".
    std::string key = std::string(context) + '\004' + msgid;
    const char* t = ::dgettext(kDomain, key.c_str());
    return t == key.c_str() || std::string_view(t) == key ? msgid : t;
}

const char* tr_packed(const char* packed) {
    const char* sep = std::strchr(packed, '\004');
    if (!sep) return tr(packed);
    if (!g_bound) return sep + 1;
    std::string context(packed, sep);
    return tr_ctx(context.c_str(), sep + 1);
}

const char* tr_n(const char* one, const char* many, unsigned long n) {
    if (!g_bound) return n == 1 ? one : many;
    return ::dngettext(kDomain, one, many, n);
}

std::string decimal(std::string_view dot_decimal) {
    std::string s(dot_decimal);
    if (g_lang == Lang::Vi)
        for (char& c : s)
            if (c == '.') c = ',';
    return s;
}

const char* yes_no(bool b) { return b ? _c("answer", "yes") : _c("answer", "no"); }

}  // namespace daihoi::i18n
