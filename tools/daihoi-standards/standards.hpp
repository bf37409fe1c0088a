// daihoi-standards: the commands' options and run functions, one file each
// (sets.cpp, check.cpp, structure.cpp), declared in main.cpp.
#pragma once

#include "core/cli/cli.hpp"

#include <string>
#include <vector>

namespace daihoi::tool {

struct NoOptions {};

struct ShowOptions {
    std::string name;
};

struct AddOptions {
    std::string file;
    bool replace = false;
};

struct CheckOptions {
    std::string name, election, as_of, flags;
    std::vector<std::string> codes;
    bool all = false, strict = false;
};

struct StructureOptions {
    std::string name, election, as_of;
    bool elected = false;
};

void run_list(const cli::Common& common, const NoOptions&);
void run_show(const cli::Common& common, const ShowOptions& o);
void run_add(const cli::Common& common, const AddOptions& o);
void run_check(const cli::Common& common, const CheckOptions& o);
void run_structure(const cli::Common& common, const StructureOptions& o);

}  // namespace daihoi::tool
