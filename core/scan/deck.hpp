// The test deck (`daihoi scan deck`): the election's ballot paper rendered as
// scanned pages with pen strokes of known truth and the faults of paper and
// scanners, for training a counting board and for the tests — which hold the
// reader to never accepting a page that differs from the truth.
#pragma once

#include "core/paper/ballot_paper.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace daihoi::scan {

// What a deck page was made to be.
struct DeckPage {
    std::string file;   // its name in the deck's folder
    std::string kind;   // ordinary, fault, odd, blank
    std::string fault;  // the fault applied ("" none): skew, shift, scale, perspective, blur, noise, jpeg,
                        // dark, light, upside_down, fold, streak, wrong_scale
    std::string odd;    // odd kind ("" none): partial, tick, circle, written, scribble
    // What a correct reader does with it: accepted (read as `crossed`/`disagree`…), held, skipped.
    std::string expect;
    std::vector<int> crossed;                   // cross form: the positions struck out
    std::vector<int> disagree, both, neither;   // agree form
};

struct DeckOptions {
    int count = 100;
    std::uint64_t seed = 1;
    double dpi = 200;
    // Shares of the deck, in percent; the rest are ordinary pages.
    int faults = 40, odd = 10, blank = 3;
    // The Nth scan of the same stack: the same sheets and strokes, the
    // scanner's faults and grain drawn anew (a second station's pass).
    int scan = 1;
    // The places to fill (seats and reserves): most voters keep no more names
    // than that. 0: any number.
    int places = 0;
};

// The pages of a deck one by one, in memory (what make_deck writes, and what
// the accuracy benchmark reads without files). Thread-safe: page n depends
// on the seed and n alone.
class DeckMaker {
  public:
    DeckMaker(const paper::BallotContent& c, const DeckOptions& o);
    ~DeckMaker();
    DeckMaker(const DeckMaker&) = delete;
    DeckMaker& operator=(const DeckMaker&) = delete;
    // Page `n` (1-based): what it was made to be, and its image at o.dpi;
    // `jpeg_quality` > 0 when the page is a JPEG scan (then saved so).
    DeckPage page(int n, paper::GrayImage& image, int& jpeg_quality) const;
    const paper::BallotLayout& layout() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Writes `count` pages (PNG, some JPEG) and truth.csv into `dir` (created;
// refused when it holds files already) and returns what was made.
std::vector<DeckPage> make_deck(const paper::BallotContent& c, const std::string& dir, const DeckOptions& o);

// A ballot paper of made-up names (`names` of them, agree form or not;
// `variant` changes the names and the election's code), for the accuracy
// benchmark and the tests that replay one of its pages.
paper::BallotContent sample_content(int names, bool agree, int variant);

}  // namespace daihoi::scan
