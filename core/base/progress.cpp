#include "core/base/progress.hpp"

namespace daihoi {

namespace {
class Silent final : public Progress {
public:
    void start(const std::string&, std::size_t) override {}
    void update(std::size_t) override {}
    void finish() override {}
};
}  // namespace

Progress& silent_progress() {
    static Silent s;
    return s;
}

}  // namespace daihoi
