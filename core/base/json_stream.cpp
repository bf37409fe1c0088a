#include "core/base/json_stream.hpp"

namespace daihoi::json {

namespace {
std::string dump(const Json& j) { return j.dump(2, ' ', false, nlohmann::json::error_handler_t::strict); }
}  // namespace

void print(const Json& j, std::FILE* out) {
    std::string s = dump(j);
    s += '\n';
    std::fwrite(s.data(), 1, s.size(), out);
}

std::string serialize_element(const Json& j) {
    // The element's own layout, every line moved in by one level.
    std::string flat = dump(j), out = "  ";
    out.reserve(flat.size() + flat.size() / 8);
    for (char c : flat) {
        out += c;
        if (c == '\n') out += "  ";
    }
    return out;
}

void ArrayStream::add(const Json& element) { add_serialized(serialize_element(element)); }

void ArrayStream::add_serialized(std::string_view element) {
    buf_ += first_ ? "[\n" : ",\n";
    first_ = false;
    buf_ += element;
    if (buf_.size() > (1u << 20)) flush();
}

void ArrayStream::finish() {
    if (done_) return;
    done_ = true;
    buf_ += first_ ? "[]\n" : "\n]\n";
    flush();
}

// Unfinished (an error stopped the output): what was written stays, and the
// array stays open, so that no reader takes a part for the whole.
ArrayStream::~ArrayStream() {
    if (!done_) flush();
}

void ArrayStream::flush() {
    std::fwrite(buf_.data(), 1, buf_.size(), out_);
    buf_.clear();
}

}  // namespace daihoi::json
