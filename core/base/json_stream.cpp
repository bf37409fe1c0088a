#include "core/base/json_stream.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"

#include <cerrno>
#include <cstring>

namespace daihoi::json {

namespace {
std::string dump(const Json& j) { return j.dump(2, ' ', false, nlohmann::json::error_handler_t::strict); }
}  // namespace

void print(const Json& j, std::FILE* out) {
    std::string s = dump(j);
    s += '\n';
    std::fwrite(s.data(), 1, s.size(), out);
}

std::string serialize_element(const Json& j, int depth) {
    // The element's own layout, every line moved in by its depth.
    const std::string indent(2 * static_cast<std::size_t>(depth + 1), ' ');
    std::string flat = dump(j), out = indent;
    out.reserve(flat.size() + flat.size() / 8);
    for (char c : flat) {
        out += c;
        if (c == '\n') out += indent;
    }
    return out;
}

void ArrayStream::add(const Json& element) { add_serialized(serialize_element(element, depth_)); }

void ArrayStream::add_serialized(std::string_view element) {
    buf_ += first_ ? "[\n" : ",\n";
    first_ = false;
    buf_ += element;
    if (buf_.size() > (1u << 20)) flush();
}

void ArrayStream::finish() {
    if (done_) return;
    done_ = true;
    if (first_) buf_ += "[]";
    else buf_.append("\n").append(2 * static_cast<std::size_t>(depth_), ' ').append("]");
    if (depth_ == 0) buf_ += '\n';
    flush();
}

// Unfinished (an error stopped the output): what was written stays, and the
// array stays open, so that no reader takes a part for the whole.
ArrayStream::~ArrayStream() {
    if (done_) return;
    std::fwrite(buf_.data(), 1, buf_.size(), out_);  // what was written stays; no error from a destructor
}

void ArrayStream::flush() {
    std::size_t n = buf_.size();
    bool ok = std::fwrite(buf_.data(), 1, n, out_) == n;
    buf_.clear();
    // A full disk or a closed pipe: the output is incomplete, never passed off as whole.
    if (!ok) throw Refused(_f("cannot write the output: {}", std::strerror(errno)));
}

}  // namespace daihoi::json
