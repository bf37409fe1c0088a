// The one JSON writer of daihoi's output: a whole document (print) or an
// array streamed element by element in constant memory (a million members),
// both laid out alike (two-space indent), UTF-8, one document on the stream.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>
#include <string_view>

namespace daihoi::json {

using Json = nlohmann::ordered_json;

// `j` with a two-space indent and a final newline.
void print(const Json& j, std::FILE* out = stdout);

class ArrayStream {
public:
    explicit ArrayStream(std::FILE* out = stdout) : out_(out) {}
    ~ArrayStream();  // without finish(): the array stays open (an error stopped it)
    ArrayStream(const ArrayStream&) = delete;
    ArrayStream& operator=(const ArrayStream&) = delete;

    void add(const Json& element);
    // An element already serialized in this layout at depth one (its inner
    // lines indented by four spaces): for writers that format fast by hand.
    void add_serialized(std::string_view element);
    void finish();

private:
    void flush();
    std::FILE* out_;
    std::string buf_;
    bool first_ = true, done_ = false;
};

// `j` serialized for ArrayStream::add_serialized.
std::string serialize_element(const Json& j);

}  // namespace daihoi::json
