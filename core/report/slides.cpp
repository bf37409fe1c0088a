// The results slides (daihoi report slides ID -o FILE.html): one
// self-contained HTML file for the hall's projector — the fonts (Liberation
// Sans) and the script inside it, nothing from the network — opened in any
// browser, full screen, arrow keys. The election and its counts, the
// candidates by votes with each one's share of the base and the majority
// line (the Party's rule: more than half of the base, Charter Art. 12.3 and
// QĐ 190-QĐ/TW), those elected, the reserves, ties and unfilled places. The
// type is sized on the screen (a unit of 1 % of its height, or 0.75 % of its
// width when that is less), so a slide keeps inside a 1920×1080 or a 1024×768
// screen; the list is cut into pages of kRowsPerPage names, never
// overflowing. Only a closed count goes on the hall's screens.
#include "core/base/atomic_file.hpp"
#include "core/base/i18n.hpp"
#include "core/base/number.hpp"
#include "core/error.hpp"
#include "core/registry/congress.hpp"
#include "core/report/definitions.hpp"
#include "core/report/writer.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>

namespace daihoi::report {

namespace {

namespace el = election;

constexpr std::size_t kRowsPerPage = 10;
constexpr std::size_t kNamesPerPage = 20;  // the slide of those elected: two columns of ten
constexpr const char* kFontDir = "/usr/share/fonts/truetype/liberation2/";

std::string base64(const std::string& in) {
    static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < in.size(); i += 3) {
        const std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) << 16 |
                                (i + 1 < in.size() ? static_cast<unsigned char>(in[i + 1]) << 8 : 0) |
                                (i + 2 < in.size() ? static_cast<unsigned char>(in[i + 2]) : 0);
        out += t[n >> 18 & 63];
        out += t[n >> 12 & 63];
        out += i + 1 < in.size() ? t[n >> 6 & 63] : '=';
        out += i + 2 < in.size() ? t[n & 63] : '=';
    }
    return out;
}

// A font of the slides as a data: URL; refused, naming the Debian package, when missing.
std::string font_face(const char* file, int weight) {
    std::ifstream in(std::string(kFontDir) + file, std::ios::binary);
    if (!in) throw Refused(_f("the font {} is not installed (Debian package fonts-liberation2)", file));
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    return fmt::format("@font-face{{font-family:S;font-weight:{};src:url(data:font/ttf;base64,{}) format(\"truetype\")}}\n",
                       weight, base64(bytes));
}

constexpr const char* kStyle = R"css(
html,body{margin:0;height:100%;overflow:hidden;background:#fff;color:#111;font-family:S,sans-serif}
:root{--u:min(1vh,0.75vw)}
.slide{position:absolute;inset:0;box-sizing:border-box;padding:calc(4*var(--u)) calc(6*var(--u));display:none;flex-direction:column}
.slide.on{display:flex}
.org{font-size:calc(2.8*var(--u));font-weight:700;text-transform:uppercase;color:#333;text-align:center}
h1{font-size:calc(7*var(--u));color:#b00;margin:calc(3*var(--u)) 0 calc(1.5*var(--u));text-align:center}
h2{font-size:calc(4.2*var(--u));margin:0 0 calc(2*var(--u));text-align:center}
.facts{font-size:calc(3.6*var(--u));line-height:1.45;margin:calc(2*var(--u)) auto 0;max-width:100%}
.facts div{white-space:nowrap}
table{border-collapse:collapse;width:100%;font-size:calc(4*var(--u))}
th{font-size:calc(2.8*var(--u));color:#555;text-align:left;border-bottom:2px solid #999;padding:calc(.6*var(--u)) calc(1*var(--u))}
td{padding:calc(.9*var(--u)) calc(1*var(--u));border-bottom:1px solid #ddd;white-space:nowrap}
td.n,th.n{text-align:right}
td.name{font-weight:700;max-width:calc(70*var(--u));overflow:hidden}
tr.elected td{color:#064}
tr.reserve td{color:#046}
tr.tie td{color:#a50}
tr.line td{border-bottom:calc(.5*var(--u)) dashed #c00;padding:0}
.rule{font-size:calc(2.6*var(--u));color:#c00;text-align:right;margin-top:calc(1*var(--u))}
.names{columns:2;column-gap:calc(8*var(--u));font-size:calc(4*var(--u));line-height:1.5;font-weight:700}
.names div{white-space:nowrap;overflow:hidden}
.note{font-size:calc(3.2*var(--u));margin-top:calc(2*var(--u));text-align:center}
.foot{position:absolute;right:calc(3*var(--u));bottom:calc(1.5*var(--u));font-size:calc(2*var(--u));color:#888}
)css";

// Keys, full screen, and the check the tests run in a browser (#check): every
// slide shown in turn, every element inside the screen and its content
// inside the element (nothing cut off or running over).
constexpr const char* kScript = R"js(
(function(){
var s=document.querySelectorAll('.slide'),i=0;
function fit(el){var f=parseFloat(getComputedStyle(el).fontSize);while(el.scrollWidth>el.clientWidth+1&&f>8){f-=1;el.style.fontSize=f+'px';}}
function show(n){i=Math.max(0,Math.min(s.length-1,n));for(var k=0;k<s.length;k++)s[k].classList.toggle('on',k===i);
 s[i].querySelectorAll('td.name,.names div,.facts div').forEach(fit);document.getElementById('foot').textContent=(i+1)+'/'+s.length;}
document.addEventListener('keydown',function(e){
 if(['ArrowRight','PageDown',' ','Enter','ArrowDown'].indexOf(e.key)>=0){show(i+1);e.preventDefault();}
 else if(['ArrowLeft','PageUp','Backspace','ArrowUp'].indexOf(e.key)>=0){show(i-1);e.preventDefault();}
 else if(e.key==='Home')show(0);else if(e.key==='End')show(s.length-1);
 else if(e.key==='f'||e.key==='F'){if(document.fullscreenElement)document.exitFullscreen();else document.documentElement.requestFullscreen();}});
document.addEventListener('click',function(){show(i+1);});
show(/^#\d+$/.test(location.hash)?parseInt(location.hash.slice(1),10)-1:0);
if(location.hash==='#check'){var bad=[],W=innerWidth,H=innerHeight;
 for(var k=0;k<s.length;k++){show(k);s[k].querySelectorAll('*').forEach(function(el){var r=el.getBoundingClientRect();
  if(r.width&&(r.right>W+.5||r.bottom>H+.5||r.left<-.5||r.top<-.5)||el.clientWidth&&el.scrollWidth>el.clientWidth+1||el.clientHeight&&el.scrollHeight>el.clientHeight+1)
   bad.push((k+1)+':'+el.tagName+':'+(el.textContent||'').slice(0,30));});}
 show(0);document.body.setAttribute('data-slides',s.length);document.body.setAttribute('data-check',bad.length?bad.join('|'):'ok');}
})();
)js";

const char* row_class(el::Status s) {
    switch (s) {
        case el::Status::Elected: return "elected";
        case el::Status::Reserve: return "reserve";
        case el::Status::Tie: return "tie";
        default: return "";
    }
}

Report build(const Context&) {
    throw UsageError(_("the slides are written as .html (one file to open in a browser): -o FILE.html"));
}

std::size_t write_html(const Context& ctx, const std::filesystem::path& file) {
    const Labels& l = ctx.labels;
    const el::Tally t = detail::checked_tally(ctx);
    const el::Election& e = t.election;
    const el::TallyResult& res = t.result;
    if (e.phase != el::Phase::Closed && e.phase != el::Phase::Sealed)
        throw Refused(_f("election {} is not closed: only a closed count goes on the hall's screens", e.id));
    const bool consultation = el::bodies().parse(e.body) == el::Body::Consultation;
    auto n = [&l](std::int64_t v) { return detail::whole(l, v); };
    const auto statuses = l.table("values.candidate_status");
    auto status_word = [&](el::Status s) {
        auto it = statuses.find(std::string(el::code(s)));
        return it == statuses.end() ? std::string(el::code(s)) : it->second;
    };
    std::string org;
    if (auto c = registry::load_congress(ctx.db)) org = c->name;

    std::string body;
    // 1. The election and its counts.
    body += "<section class=\"slide\"><div class=\"org\">" + html_escape(org) + "</div><h1>" +
            html_escape(l.text("slides.title")) + "</h1><h2>" + html_escape(e.title) + "</h2><div class=\"facts\">";
    auto fact = [&](const std::string& s) { body += "<div>" + html_escape(s) + "</div>"; };
    fact(l.format("slides.seats_line", {{"seats", n(e.seats)}, {"reserves", n(e.reserves)}}));
    fact(l.format("slides.ballots_line", {{"valid", n(res.valid)}, {"invalid", n(res.invalid)}}));
    if (consultation) fact(l.text("results.consultation_line"));
    else fact(l.format("slides.base_line", {{"base", n(res.base)}, {"needed", n(res.needed)}}));
    body += "</div></section>\n";

    // 2. The candidates by votes, kRowsPerPage a slide, the majority line
    //    between the last with more than half and the first without.
    const auto& cs = res.candidates;
    const std::size_t pages = std::max<std::size_t>(1, (cs.size() + kRowsPerPage - 1) / kRowsPerPage);
    for (std::size_t p = 0; p < pages; ++p) {
        body += "<section class=\"slide\"><h2>" +
                html_escape(l.format("slides.by_votes", {{"page", std::to_string(p + 1)},
                                                         {"pages", std::to_string(pages)}})) +
                "</h2><table><tr><th class=\"n\">" + html_escape(l.text("slides.columns.rank")) + "</th><th>" +
                html_escape(l.text("slides.columns.full_name")) + "</th><th class=\"n\">" +
                html_escape(l.text("slides.columns.votes")) + "</th><th class=\"n\">" +
                html_escape(l.text("slides.columns.percent")) + "</th><th>" +
                html_escape(l.text("slides.columns.status")) + "</th></tr>";
        for (std::size_t k = p * kRowsPerPage; k < std::min(cs.size(), (p + 1) * kRowsPerPage); ++k) {
            const auto& c = cs[k];
            body += fmt::format("<tr class=\"{}\"><td class=\"n\">{}</td><td class=\"name\">{}</td><td class=\"n\">{}</td>"
                                "<td class=\"n\">{} %</td><td>{}</td></tr>",
                                row_class(c.status), c.rank, html_escape(c.name), n(c.votes),
                                html_escape(detail::decimal(l, number::percent(c.votes, res.base))), html_escape(status_word(c.status)));
            const bool last_over = !consultation && res.base > 0 && c.votes >= res.needed &&
                                   (k + 1 == cs.size() || cs[k + 1].votes < res.needed);
            if (last_over) body += "<tr class=\"line\"><td colspan=\"5\"></td></tr>";
        }
        body += "</table>";
        if (!consultation && res.base > 0)
            body += "<div class=\"rule\">" +
                    html_escape(l.format("slides.majority", {{"needed", n(res.needed)}, {"base", n(res.base)}})) +
                    "</div>";
        body += "</section>\n";
    }

    // 3. Those elected, the reserves, ties and places left unfilled.
    std::vector<std::string> elected, reserves, ties;
    for (const auto& c : cs) {
        if (c.status == el::Status::Elected) elected.push_back(c.name);
        if (c.status == el::Status::Reserve) reserves.push_back(c.name);
        if (c.status == el::Status::Tie) ties.push_back(c.name);
    }
    auto names_slides = [&](const std::string& title, const std::vector<std::string>& names, const std::string& note) {
        const std::size_t count = std::max<std::size_t>(1, (names.size() + kNamesPerPage - 1) / kNamesPerPage);
        for (std::size_t p = 0; p < count; ++p) {
            body += "<section class=\"slide\"><h1>" + html_escape(title) + "</h1><div class=\"names\">";
            for (std::size_t k = p * kNamesPerPage; k < std::min(names.size(), (p + 1) * kNamesPerPage); ++k)
                body += "<div>" + std::to_string(k + 1) + ". " + html_escape(names[k]) + "</div>";
            body += "</div>";
            if (p + 1 == count && !note.empty()) body += "<div class=\"note\">" + html_escape(note) + "</div>";
            body += "</section>\n";
        }
    };
    if (!consultation) {
        std::string note;
        if (!ties.empty()) note = l.format("slides.ties", {{"count", n(static_cast<std::int64_t>(ties.size()))}});
        if (res.unfilled_seats > 0 || res.unfilled_reserves > 0) {
            if (!note.empty()) note += ' ';
            note += l.format("results.unfilled_line", {{"seats", n(res.unfilled_seats)},
                                                       {"seat_noun", detail::seat_noun(l, e)},
                                                       {"reserves", n(res.unfilled_reserves)},
                                                       {"reserve_noun", detail::reserve_noun(l, e)}});
        }
        names_slides(l.text("slides.elected"), elected, reserves.empty() ? note : "");
        if (!reserves.empty()) names_slides(l.text("slides.reserves"), reserves, note);
    }

    std::string html = "<!DOCTYPE html>\n<html lang=\"" + l.lang() + "\"><head><meta charset=\"utf-8\">\n";
    html += "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>" +
            html_escape(l.text("slides.title") + " – " + e.title) + "</title>\n<style>\n";
    html += font_face("LiberationSans-Regular.ttf", 400);
    html += font_face("LiberationSans-Bold.ttf", 700);
    html += kStyle;
    html += "</style></head>\n<body>\n" + body + "<div class=\"foot\" id=\"foot\"></div>\n<script>" + kScript +
            "</script>\n</body></html>\n";
    require_folder_of(file);
    write_file_atomically(file, html);
    return cs.size();
}

}  // namespace

ReportKind slides_kind() {
    ReportKind k{
        "slides",
        N_("the results of a closed election as slides for the hall's projector (.html, one file, arrow keys)"),
        {Param{"ID", N_("the election"), true}},
        [](SQLite::Database&) { return std::vector<Instance>{}; },  // written on demand
        build,
        false,
        {},
    };
    k.write_html = write_html;
    return k;
}

}  // namespace daihoi::report
