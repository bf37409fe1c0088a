// Delegate cards (thẻ đại biểu) as daihoi prints them: several cards to an
// A4 sheet with cut marks, each with the congress, the delegate's name, unit,
// kind and number, and a QR code of the delegate's code that a door's reader
// (or any phone) reads back for check-in. Drawn by cairo and pango in the
// print font, like the ballot paper and the signed papers. Lengths in points.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace daihoi::paper {

// The words of one card, ready to print (the labels already applied).
struct Card {
    std::string code;       // in the QR code, and printed under it
    std::string full_name;  // "Nguyễn Văn An"
    std::string unit;       // "Đảng bộ phường Phan Đình Phùng", may be empty
    std::string kind;       // "ĐẠI BIỂU CHÍNH THỨC", "ĐẠI BIỂU DỰ KHUYẾT"
    std::string number;     // "Số: 012"
};

struct CardSheet {
    std::string party;     // "ĐẢNG CỘNG SẢN VIỆT NAM"
    std::string congress;  // the congress's full name, upper case
    std::string title;     // "THẺ ĐẠI BIỂU"
    std::vector<Card> cards;
};

// The card's size: A6 (105 × 148 mm, four a sheet) or a credit card's
// (ID-1, 85.6 × 54 mm, ten a sheet).
enum class CardSize { A6, Id1 };

struct CardGrid {
    double card_w = 0, card_h = 0;  // points
    int columns = 0, rows = 0;      // a sheet's cards
    double left = 0, top = 0;       // the first card's corner on the A4 sheet
};
CardGrid card_grid(CardSize size);

// The QR code of `text` (error correction M: a card survives a scratch):
// the modules, row by row, 1 dark; its side in modules is `side`.
std::vector<unsigned char> qr_modules(const std::string& text, int& side);

// Writes the cards (whole or not at all), as many sheets as needed; a sheet
// never holds two sizes. Refused for no card at all.
void write_cards(const CardSheet& sheet, CardSize size, const std::filesystem::path& file);

}  // namespace daihoi::paper
