// Finding the templates folder and reading labels.toml with toml++.
#include "core/report/templates.hpp"

#include "core/base/i18n.hpp"
#include "core/base/paths.hpp"
#include "core/error.hpp"

#include <fmt/args.h>
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>

namespace daihoi::report {

namespace fs = std::filesystem;

std::vector<std::string> report_languages() {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(paths::templates_dir() / "reports", ec))
        if (fs::exists(e.path() / "labels.toml")) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

struct Labels::Impl {
    toml::table root;
};

Labels::Labels(std::string lang, fs::path file)
    : lang_(std::move(lang)), file_(std::move(file)), impl_(std::make_unique<Impl>()) {
    try {
        impl_->root = toml::parse_file(file_.string());
    } catch (const toml::parse_error& e) {
        throw InputError(Diagnostic{file_.string(), e.source().begin.line, e.source().begin.column,
                                    std::string(e.description())});
    }
}

Labels::~Labels() = default;

const Labels& Labels::load(const std::string& lang) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<Labels>> cache;
    std::lock_guard lock(mutex);
    if (auto it = cache.find(lang); it != cache.end()) return *it->second;
    auto langs = report_languages();
    if (std::find(langs.begin(), langs.end(), lang) == langs.end())
        throw UsageError(_f("no report labels for the language '{}' (accepted: {})", lang, fmt::join(langs, ", ")));
    fs::path file = paths::templates_dir() / "reports" / lang / "labels.toml";
    auto* labels = new Labels(lang, file);
    cache.emplace(lang, std::unique_ptr<Labels>(labels));
    return *labels;
}

namespace {
[[noreturn]] void missing(const fs::path& file, std::string_view key, const std::string& what) {
    throw InputError(Diagnostic{file.string(), 0, 0, what, std::string(key)});
}
}  // namespace

std::string Labels::text(std::string_view key) const {
    auto node = impl_->root.at_path(key);
    if (!node) missing(file_, key, _("missing"));
    auto s = node.value<std::string>();
    if (!s) missing(file_, key, _("must be a string"));
    return *s;
}

std::vector<std::string> Labels::list(std::string_view key) const {
    auto* arr = impl_->root.at_path(key).as_array();
    if (!arr) missing(file_, key, _("missing or not a list of strings"));
    std::vector<std::string> out;
    for (const auto& e : *arr) {
        auto s = e.value<std::string>();
        if (!s) missing(file_, key, _("must be a list of strings"));
        out.push_back(*s);
    }
    return out;
}

std::unordered_map<std::string, std::string> Labels::table(std::string_view key) const {
    std::unordered_map<std::string, std::string> out;
    auto node = impl_->root.at_path(key);
    if (!node) return out;
    auto* t = node.as_table();
    if (!t) missing(file_, key, _("must be a table of strings"));
    for (const auto& [k, v] : *t) {
        auto s = v.value<std::string>();
        if (!s) missing(file_, fmt::format("{}.{}", key, k.str()), _("must be a string"));
        out.emplace(std::string(k.str()), *s);
    }
    return out;
}

std::string Labels::format(std::string_view key,
                           std::initializer_list<std::pair<const char*, std::string>> args) const {
    std::string pattern = text(key);
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    for (const auto& [name, value] : args) store.push_back(fmt::arg(name, value));
    try {
        return fmt::vformat(pattern, store);
    } catch (const fmt::format_error& e) {
        missing(file_, key, _f("bad pattern '{}': {}", pattern, e.what()));
    }
}

}  // namespace daihoi::report
