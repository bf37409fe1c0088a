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
    // `depth` 0: the whole document. 1: the value of a member of an object
    // the caller writes around it ({"key": [ … ]}), laid out as print() would.
    explicit ArrayStream(std::FILE* out = stdout, int depth = 0) : out_(out), depth_(depth) {}
    ~ArrayStream();  // without finish(): the array stays open (an error stopped it)
    ArrayStream(const ArrayStream&) = delete;
    ArrayStream& operator=(const ArrayStream&) = delete;

    void add(const Json& element);
    // An element already serialized in this layout (serialize_element with
    // this stream's depth): for writers that format fast by hand.
    void add_serialized(std::string_view element);
    void finish();

private:
    void flush();
    std::FILE* out_;
    int depth_;
    std::string buf_;
    bool first_ = true, done_ = false;
};

// `j` serialized for ArrayStream::add_serialized (an element of an array at `depth`).
std::string serialize_element(const Json& j, int depth = 0);

}  // namespace daihoi::json
