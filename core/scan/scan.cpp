// Counting by scanner (scan.hpp): pages read by several threads at once,
// kept in the order given by one, in one transaction.
#include "core/scan/scan.hpp"

#include "core/audit/sha256.hpp"
#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/report/ballot_paper.hpp"

#include <fmt/format.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace daihoi::scan {

namespace el = election;
using J = nlohmann::ordered_json;

paper::BallotContent paper_of(SQLite::Database& db, const std::string& id) { return report::ballot_paper(db, id); }

namespace {

// One page read by a worker, ready to keep.
struct Work {
    ScannedPage page;
    std::vector<std::uint8_t> image;
    std::string format, source_sha256;
    std::optional<Diagnostic> problem;
};

std::vector<std::uint8_t> file_bytes(const std::filesystem::path& f) {
    std::ifstream in(f, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every page of one file, read. A single-page PNG or JPEG is kept as the
// scanner wrote it; a page of a TIFF or PDF as a grey PNG.
std::vector<Work> read_file(const Reader& reader, const std::filesystem::path& file, const ScanOptions& o) {
    std::vector<Work> out;
    try {
        // What the file is, by its first bytes (as the decoders tell it).
        const auto bytes = file_bytes(file);
        const bool png = bytes.size() > 8 && bytes[0] == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
        const bool jpeg = bytes.size() > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;
        const bool as_is = png || jpeg;
        const std::string source = audit::sha256_hex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
        for_each_page(
            file,
            [&](Page&& p) {
                Work w;
                w.page.file = file.string();
                w.page.page = p.page;
                w.page.reading = reader.read(p.image, p.dpi);
                if (w.page.reading.status != PageStatus::Blank) {
                    w.source_sha256 = source;
                    if (as_is) {
                        w.image = bytes;
                        w.format = png ? "png" : "jpeg";
                    } else {
                        w.image = encode_png(p.image, p.dpi);
                        w.format = "png";
                    }
                    w.page.sha256 = audit::sha256_hex(
                        std::string_view(reinterpret_cast<const char*>(w.image.data()), w.image.size()));
                }
                out.push_back(std::move(w));
            },
            o.pdf_dpi);
    } catch (const InputError& e) {
        Work w;
        w.page.file = file.string();
        w.problem = e.diagnostics().empty() ? Diagnostic{file.string(), 0, 0, e.what()} : e.diagnostics().front();
        out.push_back(std::move(w));
    }
    return out;
}

J ints(const std::vector<int>& v) {
    J a = J::array();
    for (int x : v) a.push_back(x);
    return a;
}

}  // namespace

J reading_json(const PageReading& r) {
    J j;
    j["status"] = code(r.status);
    j["reason"] = r.reason.empty() ? J(nullptr) : J(r.reason);
    j["detail"] = r.detail;
    j["upside_down"] = r.upside_down;
    j["scale"] = std::round(r.scale * 10000) / 10000;
    j["skew"] = std::round(r.skew_deg * 100) / 100;
    j["code"] = r.code ? J{{"round", r.code->round}, {"election", r.code->election}, {"list", r.code->list}}
                       : J(nullptr);
    J rows = J::array();
    for (const auto& row : r.rows) {
        J x;
        x["position"] = row.position;
        x["decision"] = row.decision;
        if (row.agree_score || row.disagree_score || row.decision == "agree" || row.decision == "disagree" ||
            row.decision == "both" || row.decision == "neither") {
            x["agree_score"] = row.agree_score;
            x["disagree_score"] = row.disagree_score;
        } else {
            x["score"] = row.score;
        }
        x["stray_mm2"] = std::round(row.stray_mm2 * 10) / 10;
        if (!row.cause.empty()) x["cause"] = row.cause;
        if (!row.why.empty()) x["why"] = row.why;
        rows.push_back(std::move(x));
    }
    j["rows"] = std::move(rows);
    j["crossed"] = ints(r.crossed);
    j["disagree"] = ints(r.disagree);
    j["both"] = ints(r.both);
    j["neither"] = ints(r.neither);
    j["doubtful"] = ints(r.doubtful);
    j["stray_mm2"] = std::round(r.stray_page_mm2 * 10) / 10;
    J fid = J::array();
    for (const auto& p : r.fiducials) fid.push_back({std::round(p.x * 10) / 10, std::round(p.y * 10) / 10});
    j["fiducials"] = std::move(fid);
    J h = J::array();
    for (double v : r.homography) h.push_back(v);
    j["homography"] = std::move(h);
    return j;
}

PageReading reading_from_json(const std::string& text) {
    PageReading r;
    const auto j = nlohmann::json::parse(text);
    const std::string status = j.value("status", "held");
    r.status = status == "accepted"   ? PageStatus::Accepted
               : status == "rejected" ? PageStatus::Rejected
               : status == "blank"    ? PageStatus::Blank
                                      : PageStatus::Held;
    if (j.contains("reason") && j["reason"].is_string()) r.reason = j["reason"];
    r.detail = j.value("detail", "");
    r.upside_down = j.value("upside_down", false);
    r.scale = j.value("scale", 1.0);
    r.skew_deg = j.value("skew", 0.0);
    for (const auto& x : j.value("rows", nlohmann::json::array())) {
        RowReading row;
        row.position = x.value("position", 0);
        row.decision = x.value("decision", "");
        row.score = x.value("score", 0);
        row.agree_score = x.value("agree_score", 0);
        row.disagree_score = x.value("disagree_score", 0);
        row.stray_mm2 = x.value("stray_mm2", 0.0);
        row.why = x.value("why", "");
        row.cause = x.value("cause", "");
        r.rows.push_back(std::move(row));
    }
    auto vec = [&](const char* k) { return j.value(k, std::vector<int>{}); };
    r.crossed = vec("crossed");
    r.disagree = vec("disagree");
    r.both = vec("both");
    r.neither = vec("neither");
    r.doubtful = vec("doubtful");
    r.stray_page_mm2 = j.value("stray_mm2", 0.0);
    auto fid = j.value("fiducials", nlohmann::json::array());
    for (std::size_t i = 0; i < 4 && i < fid.size(); ++i) r.fiducials[i] = {fid[i][0], fid[i][1]};
    auto h = j.value("homography", std::vector<double>{});
    for (std::size_t i = 0; i < 9 && i < h.size(); ++i) r.homography[i] = h[i];
    return r;
}

std::optional<el::EntryLine> entry_of(const PageReading& r, el::Form form) {
    if (!r.doubtful.empty() || r.rows.empty()) return std::nullopt;
    el::EntryLine e;
    e.form = form;
    if (form == el::Form::Agree) {
        e.disagree = r.disagree;
        e.both = r.both;
        e.neither = r.neither;
    } else {
        e.crossed = r.crossed;
    }
    return e;
}

ScanResult scan_ballots(db::Workspace& ws, const std::string& id, const std::vector<std::filesystem::path>& paths,
                        const ScanOptions& o) {
    const auto files = expand_paths(paths);
    el::ScanSession session(ws, id, o.pass, o.station);
    const Reader reader(paper_of(ws.db(), id), default_thresholds(), o.stamp);
    const el::Form form = session.election().form;

    // Workers read files ahead, at most `window` files beyond the one being kept.
    cv::setNumThreads(1);  // the pages are the unit of parallel work, not a page's pixels
    const int threads = o.threads > 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
    const std::size_t window = static_cast<std::size_t>(threads) * 2;
    std::mutex m;
    std::condition_variable cv_done, cv_room;
    std::map<std::size_t, std::vector<Work>> done;
    std::size_t next_task = 0, kept_upto = 0;
    bool stop = false;
    auto worker = [&] {
        for (;;) {
            std::size_t i;
            {
                std::unique_lock lock(m);
                cv_room.wait(lock, [&] { return stop || next_task >= files.size() || next_task < kept_upto + window; });
                if (stop || next_task >= files.size()) return;
                i = next_task++;
            }
            std::vector<Work> w;
            try {
                w = read_file(reader, files[i], o);
            } catch (const std::exception& e) {
                Work bad;
                bad.page.file = files[i].string();
                bad.problem = Diagnostic{files[i].string(), 0, 0, e.what()};
                w.push_back(std::move(bad));
            }
            {
                std::lock_guard lock(m);
                done.emplace(i, std::move(w));
            }
            cv_done.notify_all();
        }
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
    struct Joiner {
        std::vector<std::thread>& pool;
        std::mutex& m;
        bool& stop;
        std::condition_variable& cv;
        ~Joiner() {
            {
                std::lock_guard lock(m);
                stop = true;
            }
            cv.notify_all();
            for (auto& t : pool) t.join();
        }
    } joiner{pool, m, stop, cv_room};

    ScanResult result;
    result.pass = o.pass;
    result.agree = form == el::Form::Agree;
    DiagnosticList problems;
    std::set<std::string> seen;
    ProgressScope progress(o.progress, _("reading the scanned pages"), files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::vector<Work> works;
        {
            std::unique_lock lock(m);
            cv_done.wait(lock, [&] { return done.count(i) > 0; });
            works = std::move(done.at(i));
            done.erase(i);
            kept_upto = i + 1;
        }
        cv_room.notify_all();
        for (auto& w : works) {
            if (w.problem) {
                problems.add(*w.problem);
                continue;
            }
            ScannedPage& p = w.page;
            if (p.reading.status == PageStatus::Blank) {
                ++result.blank;
                result.pages.push_back(std::move(p));
                continue;
            }
            if (!seen.insert(p.sha256).second) {
                problems.add(Diagnostic{p.file, static_cast<std::size_t>(p.page), 0,
                                        _("the same image is given twice in this stack")});
                continue;
            }
            if (auto before = session.stored(p.sha256, w.source_sha256, p.page)) {
                problems.add(Diagnostic{p.file, static_cast<std::size_t>(p.page), 0,
                                        _f("this image was already read: page {} of pass {} ({}, page {}); a page is "
                                           "read once",
                                           before->id, before->pass, before->file, before->page)});
                continue;
            }
            if (!problems.empty()) {  // nothing will be kept: read on only to list every problem
                result.pages.push_back(std::move(p));
                continue;
            }
            el::PageRecord rec;
            rec.file = p.file;
            rec.page = p.page;
            rec.image = std::move(w.image);
            rec.format = w.format;
            rec.sha256 = p.sha256;
            rec.source_sha256 = w.source_sha256;
            rec.status = code(p.reading.status);
            rec.reason = p.reading.reason;
            rec.reading = reading_json(p.reading).dump();
            if (p.reading.status == PageStatus::Accepted) rec.ballot = entry_of(p.reading, form);
            const auto kept = session.keep(rec);
            p.serial = kept.serial;
            p.page_id = kept.page;
            switch (p.reading.status) {
                case PageStatus::Accepted: ++result.accepted; break;
                case PageStatus::Held: ++result.held; break;
                case PageStatus::Rejected: ++result.rejected; break;
                case PageStatus::Blank: break;
            }
            result.pages.push_back(std::move(p));
        }
        progress.update(i + 1);
    }
    problems.throw_if_any();
    session.commit(_f("election {} pass {}: {} scanned pages read, {} entered, {} held, {} rejected, {} blank", id,
                      o.pass, result.accepted + result.held + result.rejected + result.blank, result.accepted,
                      result.held, result.rejected, result.blank));
    return result;
}

J to_json(const ScanResult& r, bool scores) {
    J pages = J::array();
    for (const auto& p : r.pages) {
        J x;
        x["file"] = p.file;
        x["page"] = p.page;
        x["status"] = code(p.reading.status);
        x["serial"] = p.serial ? J(*p.serial) : J(nullptr);
        x["page_id"] = p.page_id ? J(*p.page_id) : J(nullptr);
        x["crossed"] = ints(p.reading.crossed);
        x["disagree"] = ints(p.reading.disagree);
        x["both"] = ints(p.reading.both);
        x["neither"] = ints(p.reading.neither);
        x["doubtful"] = ints(p.reading.doubtful);
        x["reason"] = p.reading.reason.empty() ? J(nullptr) : J(p.reading.reason);
        x["detail"] = p.reading.detail;
        x["upside_down"] = p.reading.upside_down;
        x["sha256"] = p.sha256.empty() ? J(nullptr) : J(p.sha256);
        if (scores) x["rows"] = reading_json(p.reading)["rows"];
        pages.push_back(std::move(x));
    }
    J j;
    j["pass"] = r.pass;
    j["pages"] = std::move(pages);
    j["accepted"] = r.accepted;
    j["held"] = r.held;
    j["rejected"] = r.rejected;
    j["blank"] = r.blank;
    if (scores) {
        const auto b = score_bands(r);
        J bands = J::array();
        for (std::size_t i = 0; i < b.counts.size(); ++i)
            bands.push_back({{"from", static_cast<int>(i) * 50}, {"rows", b.counts[i]}});
        const auto& t = default_thresholds();
        j["scores"] = {{"form", r.agree ? "agree" : "cross"},
                       {"bands", bands},
                       {"rows", b.rows},
                       {"doubtful", b.doubtful},
                       {"thresholds",
                        {{"crossed_min", t.crossed_min},
                         {"kept_max", t.kept_max},
                         {"kept_ink_mm2", t.kept_ink_mm2},
                         {"box_marked_min", t.box_marked_min},
                         {"box_empty_max", t.box_empty_max}}}};
    }
    return j;
}

ScoreBands score_bands(const ScanResult& r) {
    ScoreBands b;
    b.counts.assign(21, 0);
    auto add = [&](int score) { ++b.counts[static_cast<std::size_t>(std::clamp(score, 0, 1000) / 50)]; };
    for (const auto& p : r.pages)
        for (const auto& row : p.reading.rows) {
            ++b.rows;
            b.doubtful += row.decision == "doubtful";
            if (r.agree) {
                add(row.agree_score);
                add(row.disagree_score);
            } else {
                add(row.score);
            }
        }
    return b;
}

std::vector<std::uint8_t> annotated_page(SQLite::Database& db, const std::string& id, const el::StoredPage& p,
                                         const Reader& reader, bool zoom_rows) {
    const auto bytes = el::page_image(db, id, p.id);
    GrayImage img = p.format == "jpeg" ? decode_jpeg(bytes) : decode_png(bytes);
    return encode_png(annotate(img, reading_from_json(p.reading), reader.layout(), zoom_rows));
}

}  // namespace daihoi::scan
