// The one terminal table printer: columns aligned by display width, so
// Vietnamese names (NFC, one column per letter) line up.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace daihoi::cli {

class TextTable {
public:
    enum class Align { Left, Right };
    explicit TextTable(std::vector<std::string> headers, std::vector<Align> align = {});
    void add(std::vector<std::string> row);
    std::size_t rows() const { return rows_.size(); }
    void print(std::FILE* out = stdout) const;

private:
    std::vector<std::string> headers_;
    std::vector<Align> align_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace daihoi::cli
