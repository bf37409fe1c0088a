// A closed set of values people type and read (levels, kinds, degrees,
// statuses): each has the code scripts see in JSON and CSV, the words
// people read (English source text, translated), and Vietnamese words
// accepted as input whatever the language. One table per set, so that
// parsing, printing and "unknown value" errors agree.
#pragma once

#include "core/base/i18n.hpp"
#include "core/text/utf8.hpp"

#include <initializer_list>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace daihoi {

template <class E>
struct Choice {
    E value;
    std::string_view code;                   // "commune": stable, for scripts
    const char* label;                       // N_("commune") or NC_("level", "commune"): read by people, translated ("xã")
    std::vector<std::string_view> accepted;  // more input words, e.g. {"xã", "phường"}
};

template <class E>
class Choices {
public:
    Choices(std::initializer_list<Choice<E>> all) : all_(all) {
        for (std::size_t i = 0; i < all_.size(); ++i) {
            keys_.push_back({text::fold(all_[i].code), i});
            keys_.push_back({text::fold(english(all_[i].label)), i});
            for (auto w : all_[i].accepted) keys_.push_back({text::fold(w), i});
        }
    }

    // The value `input` names: its code, its English words, its words in the
    // catalog, or an accepted word, ignoring case, diacritics, '-' and '_'.
    std::optional<E> parse(std::string_view input) const {
        for (const auto& c : all_)  // the code as scripts write it: no folding (an import asks a million times)
            if (c.code == input) return c.value;
        // A list repeats a few words on every row ("Đại học", "Nam"), and
        // folding them is the costly part: the words found among the keys
        // are remembered (whatever the language; a few, short ones).
        bool rememberable = input.size() <= kMemoLength;
        if (rememberable) {
            std::lock_guard lock(memo_mutex_);
            if (auto it = memo_.find(input); it != memo_.end()) return all_[it->second].value;
        }
        std::string want = text::fold(input);
        if (want.empty()) return std::nullopt;
        for (const auto& [key, i] : keys_)
            if (key == want) {
                if (rememberable) {
                    std::lock_guard lock(memo_mutex_);
                    if (memo_.size() < kMemoSize) memo_.emplace(std::string(input), i);
                }
                return all_[i].value;
            }
        for (std::size_t i = 0; i < all_.size(); ++i)
            if (text::fold(i18n::tr_packed(all_[i].label)) == want) return all_[i].value;
        return std::nullopt;
    }

    std::string_view code(E v) const { return find(v).code; }
    const char* label(E v) const { return i18n::tr_packed(find(v).label); }  // translated
    const std::vector<Choice<E>>& all() const { return all_; }

    // The values as the reader would type them: the words of their language
    // (in Vietnamese "chi bộ, cơ sở, xã, …"; in English the codes).
    std::string accepted_list() const {
        std::string out;
        for (const auto& c : all_) {
            if (!out.empty()) out += ", ";
            out += i18n::lang() == i18n::Lang::Vi ? std::string(i18n::tr_packed(c.label)) : std::string(c.code);
        }
        return out;
    }

    // "unknown value 'x' (accepted: cell, grassroots, …)": the one message
    // for a value not in the set (the caller names the field).
    std::string unknown(std::string_view input) const {
        return _f("unknown value '{}' (accepted: {})", input, accepted_list());
    }

private:
    // The English words of a label, without its context.
    static std::string_view english(const char* label) {
        std::string_view s(label);
        auto sep = s.find('\004');
        return sep == std::string_view::npos ? s : s.substr(sep + 1);
    }
    const Choice<E>& find(E v) const {
        for (const auto& c : all_)
            if (c.value == v) return c;
        return all_.front();  // unreachable for a complete table
    }
    std::vector<Choice<E>> all_;
    std::vector<std::pair<std::string, std::size_t>> keys_;  // folded code, label, accepted words
    static constexpr std::size_t kMemoSize = 256, kMemoLength = 64;
    mutable std::mutex memo_mutex_;  // parse may be called from the threads of an import and a report alike
    mutable std::map<std::string, std::size_t, std::less<>> memo_;  // input text → index in all_
};

}  // namespace daihoi
