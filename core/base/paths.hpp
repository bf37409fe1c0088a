// Where daihoi's data lives at run time: next to the executable, as
// installed (PREFIX/bin/daihoi-* → PREFIX/share/daihoi, PREFIX/share/locale)
// and as built (build/bin → build/share/…).
#pragma once

#include <filesystem>

namespace daihoi::paths {

// The report templates and shipped standard sets: $DAIHOI_TEMPLATES, else
// PREFIX/share/daihoi/templates. Refused (exit 1) when missing.
std::filesystem::path templates_dir();

// The compiled message catalogs (PREFIX/share/locale); may not exist.
std::filesystem::path locale_dir();

}  // namespace daihoi::paths
