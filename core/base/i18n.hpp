// The language people read (SPEC §2 "Language"): Vietnamese by default,
// English on request; every message, prompt and --help line goes through
// the gettext catalog (po/vi.po, compiled to daihoi.mo at build time).
// What scripts read (JSON, CSV, codes, exit codes) never goes through here.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

namespace daihoi::i18n {

enum class Lang { Vi, En };

std::optional<Lang> parse_lang(std::string_view s);  // "vi", "en" (also "vi_VN.UTF-8", "en_GB")
std::string_view code(Lang l);                       // "vi", "en"

// Chooses the language once per process, before any message: `flag`
// (--lang), else $DAIHOI_LANG, else the first of $LANGUAGE, $LC_ALL,
// $LC_MESSAGES, $LANG that names a language (English only when it says
// so); Vietnamese otherwise. Works where only the C.UTF-8 locale exists.
// Until init runs (unit tests), messages are the English source text.
void init(std::optional<Lang> flag = std::nullopt);
Lang lang();

// The translation of `msgid` (the English text), or `msgid` itself.
const char* tr(const char* msgid);
// With a context, for short words that mean different things ("open").
const char* tr_ctx(const char* context, const char* msgid);
// A string marked NC_("context", "text") ("context\004text"): the text,
// translated in its context. Plain strings are translated as by tr().
const char* tr_packed(const char* packed);
// Singular or plural by `n` (Vietnamese has one form).
const char* tr_n(const char* one, const char* many, unsigned long n);

// A translated fmt pattern filled in: the catalog's patterns may reorder
// the arguments by index ({1} … {0}). The catalog test checks that every
// translation uses the same arguments as its English pattern.
template <class... Args>
std::string format(const char* msgid, Args&&... args) {
    return fmt::format(fmt::runtime(tr(msgid)), std::forward<Args>(args)...);
}
template <class... Args>
std::string format_n(const char* one, const char* many, unsigned long n, Args&&... args) {
    return fmt::format(fmt::runtime(tr_n(one, many, n)), std::forward<Args>(args)...);
}

// A decimal written with '.' ("44.50") in the reader's style: "44,50" in Vietnamese.
std::string decimal(std::string_view dot_decimal);

// "yes"/"no" in the reader's language (có/không).
const char* yes_no(bool b);

}  // namespace daihoi::i18n

// The marks xgettext looks for (po/CMakeLists.txt): _("…") translates now,
// N_("…") only marks a string translated later (tables of static data),
// NC_("context", "…") the same with a context (translated by tr_packed),
// _f("… {} …", args) translates and formats, _n(one, many, n) chooses by number,
// _c("context", "…") tells homonyms apart.
#define _(msgid) ::daihoi::i18n::tr(msgid)
#define N_(msgid) msgid
#define NC_(context, msgid) context "\004" msgid
#define _c(context, msgid) ::daihoi::i18n::tr_ctx(context, msgid)
#define _n(one, many, n) ::daihoi::i18n::tr_n(one, many, n)
#define _f(msgid, ...) ::daihoi::i18n::format(msgid __VA_OPT__(, ) __VA_ARGS__)
#define _fn(one, many, n, ...) ::daihoi::i18n::format_n(one, many, n __VA_OPT__(, ) __VA_ARGS__)
