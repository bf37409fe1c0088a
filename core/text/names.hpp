// Vietnamese personal names: splitting "Family Middle Given" and ordering
// lists of people (SPEC §3.2) with ICU's `vi` collation.
#pragma once

#include <string>
#include <string_view>

namespace daihoi::text {

// Họ (family), tên đệm (middle), tên (given).
struct NameParts {
    std::string family;
    std::string middle;
    std::string given;
};

// Splits an NFC full name on white space: first word family, last word
// given, the rest middle. A one-word name is a given name alone.
NameParts split_name(std::string_view full_name);

// Collapses runs of white space to one space and trims: "Lê  Văn Ân " → "Lê Văn Ân".
std::string normalize_spaces(std::string_view s);

// The Vietnamese collator (ICU `vi`, secondary strength: case-insensitive,
// tone marks a secondary difference). Created once, on first use.
class VietCollator {
public:
    static const VietCollator& instance();
    int compare(std::string_view a, std::string_view b) const;  // <0, 0, >0
    // Binary key: memcmp order equals compare() order. Ends with one 0 byte.
    std::string key(std::string_view s) const;
    // Identifies the collation rules, so stored keys can be rebuilt when ICU changes.
    std::string version() const;

private:
    VietCollator();
    struct Impl;
    Impl* impl_;
};

// Key ordering people by given name, then family name, then middle name
// (each with the Vietnamese collation). Ties then go to birth date and code,
// which callers order by separately.
std::string person_sort_key(std::string_view full_name);

}  // namespace daihoi::text
