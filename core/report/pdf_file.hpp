// A PDF that daihoi draws itself (the ballot paper, the delegate cards),
// written whole or not at all: cairo's PDF surface on a temporary file beside
// the target, renamed into place by commit(). Lengths in points.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;

namespace daihoi {
class AtomicFile;
}

namespace daihoi::report {

class PdfFile {
  public:
    // Refused (exit 1) when the folder of `file` does not exist or the file
    // cannot be created. `title` goes into the document's information.
    PdfFile(const std::filesystem::path& file, double width, double height, const std::string& title);
    ~PdfFile();  // without commit(): the target is left as it was
    PdfFile(const PdfFile&) = delete;
    PdfFile& operator=(const PdfFile&) = delete;

    cairo_t* cr() const { return cr_; }
    // Ends the drawing, checks it, and renames the file into place.
    void commit();

  private:
    std::filesystem::path file_;
    std::unique_ptr<AtomicFile> out_;
    cairo_surface_t* surface_ = nullptr;
    cairo_t* cr_ = nullptr;
};

}  // namespace daihoi::report
