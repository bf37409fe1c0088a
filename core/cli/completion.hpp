// Shell completion scripts for daihoi and every daihoi-* tool. The scripts
// only ask the program (`__complete WORDS…`), which answers from the same
// command declarations as --help, so completion never falls out of step;
// IDs come from the workspace named by --db or $DAIHOI_DB.
#pragma once

#include <string>

namespace daihoi::cli {

std::string bash_completion();
std::string zsh_completion();

}  // namespace daihoi::cli
