// Paths relative to /proc/self/exe, so that a build tree and an installed
// tree work alike without configuration.
#include "core/base/paths.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"

#include <cstdlib>

namespace daihoi::paths {

namespace fs = std::filesystem;

namespace {
fs::path prefix() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path().parent_path();
}
}  // namespace

fs::path templates_dir() {
    if (const char* env = std::getenv("DAIHOI_TEMPLATES"); env && *env) {
        fs::path dir(env);
        if (!fs::is_directory(dir)) throw Refused(_f("DAIHOI_TEMPLATES={} is not a folder", env));
        return dir;
    }
    fs::path dir = prefix() / DAIHOI_DATADIR_REL / "templates";
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Refused(_f("templates not found at {}; set DAIHOI_TEMPLATES to the templates folder of daihoi",
                         dir.string()));
    return dir;
}

fs::path locale_dir() { return prefix() / DAIHOI_LOCALEDIR_REL; }

}  // namespace daihoi::paths
