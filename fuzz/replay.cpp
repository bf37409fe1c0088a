// Replays files through a harness without libFuzzer, on any compiler: every
// file named, and every file of every folder named (not recursing), once.
// Built by the normal build for the ctest tests fuzz.replay.<harness>, which
// replay the committed corpus and every past finding (fuzz/README.md).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void replay(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // A copy of exactly the file's size, so that reading past it is seen by a sanitizer.
    auto* copy = new std::uint8_t[bytes.size() ? bytes.size() : 1];
    std::copy(bytes.begin(), bytes.end(), copy);
    LLVMFuzzerTestOneInput(copy, bytes.size());
    delete[] copy;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t n = 0;
    for (int i = 1; i < argc; ++i) {
        std::filesystem::path p = argv[i];
        if (std::filesystem::is_directory(p)) {
            std::vector<std::filesystem::path> files;
            for (const auto& e : std::filesystem::directory_iterator(p))
                if (e.is_regular_file() && e.path().filename() != "README.md" &&
                    e.path().filename().string().front() != '.') files.push_back(e.path());
            std::sort(files.begin(), files.end());
            for (const auto& f : files) replay(f), ++n;
        } else if (std::filesystem::exists(p)) {
            replay(p), ++n;
        } else {
            std::fprintf(stderr, "%s: no such file or folder\n", argv[i]);
            return 2;
        }
    }
    std::printf("replayed %zu inputs\n", n);
    return 0;
}
