#include "core/report/pdf_file.hpp"

#include "core/base/atomic_file.hpp"
#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/report/writer.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

namespace daihoi::report {

PdfFile::PdfFile(const std::filesystem::path& file, double width, double height, const std::string& title)
    : file_(file) {
    require_folder_of(file);
    out_ = std::make_unique<AtomicFile>(file);
    surface_ = cairo_pdf_surface_create(out_->temp_path().c_str(), width, height);
    if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface_);
        surface_ = nullptr;
        throw Refused(_f("cannot create {}", file.string()));
    }
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "daihoi");
    cr_ = cairo_create(surface_);
}

PdfFile::~PdfFile() {
    if (cr_) cairo_destroy(cr_);
    if (surface_) cairo_surface_destroy(surface_);
}

void PdfFile::commit() {
    cairo_destroy(cr_);
    cr_ = nullptr;
    cairo_surface_finish(surface_);
    const cairo_status_t status = cairo_surface_status(surface_);
    cairo_surface_destroy(surface_);
    surface_ = nullptr;
    if (status != CAIRO_STATUS_SUCCESS)
        throw Refused(_f("cannot write the PDF: {}", cairo_status_to_string(status)));
    out_->commit();
}

}  // namespace daihoi::report
