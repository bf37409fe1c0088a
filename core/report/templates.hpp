// Templates at run time: where they are installed, and the printed words of
// every report (templates/reports/<lang>/labels.toml), so no label lives in code.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace daihoi::report {

// The languages reports can be printed in: one folder per language under
// templates/reports/ holding a labels.toml ("vi", "en").
std::vector<std::string> report_languages();

// The labels of one language. Keys are dotted paths into the TOML file
// ("common.party", "members.columns.full_name"). A missing key or a value of
// the wrong type is bad input naming the file (exit 3): the templates are data.
class Labels {
  public:
    // Loaded once per process. An unknown language is a usage error listing
    // the known ones.
    static const Labels& load(const std::string& lang);

    const std::string& lang() const { return lang_; }
    const std::filesystem::path& file() const { return file_; }

    std::string text(std::string_view key) const;
    std::vector<std::string> list(std::string_view key) const;
    // A table of strings, e.g. values.gender → {M: Nam, F: Nữ}; empty if absent.
    std::unordered_map<std::string, std::string> table(std::string_view key) const;
    // The pattern at `key` with its {name} placeholders filled in.
    std::string format(std::string_view key,
                       std::initializer_list<std::pair<const char*, std::string>> args) const;

    ~Labels();

  private:
    Labels(std::string lang, std::filesystem::path file);
    struct Impl;
    std::string lang_;
    std::filesystem::path file_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace daihoi::report
