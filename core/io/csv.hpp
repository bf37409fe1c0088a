// The one CSV reader: RFC 4180 quoting, UTF-8 with or without BOM, LF or CRLF.
#pragma once

#include "core/io/table.hpp"

#include <cstdio>
#include <memory>
#include <string>

namespace daihoi::io {

class CsvReader : public TableReader {
public:
    explicit CsvReader(const std::string& path);  // "-" = standard input
    ~CsvReader() override;
    bool next(Row& row) override;
    bool fixed_width() const override { return true; }

private:
    bool fill();           // refills the buffer; false at end of file
    int peek();            // next byte or EOF
    int get();

    std::FILE* f_ = nullptr;
    bool owned_ = false;
    std::unique_ptr<char[]> buf_;  // kBufferSize bytes, not zeroed: a reader costs nothing to make
    static constexpr std::size_t kBufferSize = 1 << 16;
    std::size_t pos_ = 0, end_ = 0;
    std::size_t line_ = 1;
    bool first_ = true;
};

}  // namespace daihoi::io
