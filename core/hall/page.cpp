// The board's page: one HTML document with its style and script inside
// (nothing from the network), the words of the language in force, and the
// state it starts from, so that it shows at once; then it asks for
// state.json every second (an ETag: unchanged costs nothing) and draws again
// when it changed. The elections are cards in two columns, sized on the
// screen (a unit of 1 % of its height, or 0.75 % of its width when less);
// when they do not fit, they are cut into pages that follow each other every
// ten seconds, never scrolled or overflowing. If the server stops answering,
// the page says since when its numbers are.
#include "core/hall/board.hpp"
#include "core/report/writer.hpp"

#include <string>

namespace daihoi::hall {

namespace {

constexpr const char* kStyle = R"css(
:root{--u:min(1vh,.75vw)}
*{box-sizing:border-box}
html,body{margin:0;height:100%;overflow:hidden;background:#f4f4f2;color:#111;font-family:"Liberation Sans",Arial,sans-serif;font-size:calc(2.1*var(--u))}
body{display:flex;flex-direction:column}
header{flex:none;display:flex;align-items:center;justify-content:space-between;gap:calc(2*var(--u));padding:calc(1.2*var(--u)) calc(2.5*var(--u));background:#8b0000;color:#fff}
header .org{font-size:calc(1.8*var(--u));text-transform:uppercase;white-space:nowrap;overflow:hidden}
header h1{margin:0;font-size:calc(3.4*var(--u));white-space:nowrap}
header .hall{font-size:calc(2.2*var(--u));white-space:nowrap;text-align:right}
#main{flex:1;min-height:0;display:grid;grid-template-columns:repeat(2,minmax(0,1fr));grid-auto-rows:min-content;align-content:start;gap:calc(1.6*var(--u));padding:calc(1.6*var(--u)) calc(2.5*var(--u));overflow:hidden}
.card{background:#fff;border:1px solid #ccc;border-left:calc(.8*var(--u)) solid #999;padding:calc(1.2*var(--u)) calc(1.6*var(--u));min-width:0}
.card.open{border-left-color:#c77700}.card.closed,.card.sealed{border-left-color:#1a7f37}
.card h2{margin:0;font-size:calc(2.8*var(--u));line-height:1.2;overflow-wrap:anywhere}
.st{display:inline-block;margin:calc(.4*var(--u)) 0;padding:0 calc(.8*var(--u));border-radius:calc(.5*var(--u));font-weight:700;font-size:calc(1.9*var(--u));background:#eee}
.open .st{background:#ffe8c2}.closed .st,.sealed .st{background:#d3f2dc}
.line{margin:calc(.4*var(--u)) 0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;table-layout:fixed;margin-top:calc(.6*var(--u))}
th{font-size:calc(1.6*var(--u));color:#555;text-align:left;border-bottom:1px solid #999;padding:calc(.3*var(--u))}
td{padding:calc(.4*var(--u)) calc(.3*var(--u));vertical-align:top;border-bottom:1px solid #eee;overflow-wrap:anywhere}
th.p,td.p{width:14%}th.b,td.b{width:22%}
td.b{font-size:calc(2.6*var(--u));font-weight:700;font-variant-numeric:tabular-nums}
.bar{height:calc(.6*var(--u));background:#eee;margin-top:calc(.2*var(--u))}.bar div{height:100%;background:#c77700;max-width:100%}
.ok{color:#1a7f37;font-weight:700}.bad{color:#b00;font-weight:700}.wait{color:#8a5a00;font-weight:700}
.small{font-size:calc(1.6*var(--u));color:#555}
.names{columns:2;column-gap:calc(2*var(--u));margin-top:calc(.4*var(--u))}
.names div{break-inside:avoid;white-space:nowrap;overflow:hidden}
.names b{font-variant-numeric:tabular-nums}
footer{display:flex;justify-content:space-between;align-items:center;white-space:nowrap;overflow:hidden;height:calc(3.2*var(--u));flex:none;padding:0 calc(2.5*var(--u));font-size:calc(1.7*var(--u));color:#555;background:#e6e6e2}
footer.off{background:#b00;color:#fff;font-weight:700}
.empty{grid-column:1/-1;font-size:calc(3*var(--u));text-align:center;margin-top:calc(10*var(--u));color:#555}
)css";

// Names of those elected shown on a card; the rest are counted (the
// projector's slides list them all).
constexpr const char* kScript = R"js(
(function(){
var L=JSON.parse(document.getElementById('labels').textContent);
var S=JSON.parse(document.getElementById('state').textContent);
var NAMES=10,ROTATE=10000,POLL=1000;
var token=new URLSearchParams(location.search).get('token');
var url='state.json'+(token?'?token='+encodeURIComponent(token):'');
var etag=null,lastOk=new Date(),page=0,pages=[[]],main=document.getElementById('main');
function esc(s){return String(s).replace(/[&<>"]/g,function(c){return{'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c];});}
function f(k,a){return esc(L[k]||k).replace(/\{(\w+)\}/g,function(m,n){return a&&n in a?a[n]:m;});}
function num(n){var s=String(Math.abs(n)),o='';while(s.length>3){o=L.thousands_mark+s.slice(-3)+o;s=s.slice(0,-3);}return(n<0?'-':'')+s+o;}
function pct(p){return p===null||p===undefined?'':String(p.toFixed(2)).replace('.',L.decimal_mark)+' %';}
function time(d){function z(x){return(x<10?'0':'')+x;}return z(d.getHours())+':'+z(d.getMinutes())+':'+z(d.getSeconds());}
function passRow(e,p){
 var h='<tr><td class="p">'+p.pass+(p.scanned?'<div class="small">'+f('scanned')+'</div>':'')+'</td><td class="b">'+num(p.ballots);
 if(e.collected)h+='<div class="bar"><div style="width:'+Math.min(100,100*p.ballots/Math.max(1,e.collected))+'%"></div></div>';
 h+='</td><td>'+(p.stations.length?p.stations.map(function(s){return esc(s.station||L.no_station)+': <b>'+num(s.ballots)+'</b>';}).join(' · '):'');
 if(p.waiting)h+='<div class="wait">'+f('waiting',{count:num(p.waiting)})+'</div>';
 h+='</td><td>';
 if(p.agrees===true)h+='<span class="ok">'+f('agrees')+'</span>';
 else if(p.agrees===false){var d=p.differences,w=[];
  if(d.differs)w.push(f('differs',{count:num(d.differs)}));
  if(d.only_in_pass1)w.push(f('only_in_pass1',{count:num(d.only_in_pass1)}));
  if(d.only_in_pass)w.push(f('only_in_pass',{count:num(d.only_in_pass)}));
  h+='<span class="bad">'+w.join('; ')+'</span>';
  if(p.serials.length)h+='<div class="small">'+f('serials',{serials:p.serials.join(', ')})+(p.serials_more?' '+f('more',{count:num(p.serials_more)}):'')+'</div>';}
 return h+'</td></tr>';}
function result(r){
 var h='<div class="line">'+f('result_line',{valid:num(r.ballots.valid),invalid:num(r.ballots.invalid)})+'</div>';
 h+='<div class="line">'+(r.consultation?f('consultation'):f('base_line',{base:num(r.base.count),needed:num(r.needed)}))+'</div>';
 var groups=r.consultation?[['ranked',L.ranked]]:[['elected',L.elected],['reserve',L.reserves]];
 groups.forEach(function(g){var c=r.candidates.filter(function(x){return x.status===g[0];});if(!c.length)return;
  h+='<div class="line"><b>'+esc(g[1])+' ('+num(c.length)+')</b></div><div class="names">';
  c.slice(0,NAMES).forEach(function(x){h+='<div>'+esc(x.full_name)+' <b>'+num(x.votes)+'</b> <span class="small">'+pct(x.percent)+'</span></div>';});
  h+='</div>';if(c.length>NAMES)h+='<div class="small">'+f('and_more',{count:num(c.length-NAMES)})+'</div>';});
 if(r.candidates.some(function(x){return x.status==='tie';}))h+='<div class="line bad">'+f('ties')+'</div>';
 if(r.unfilled.seats||r.unfilled.reserves)h+='<div class="line bad">'+f('unfilled',{seats:num(r.unfilled.seats),reserves:num(r.unfilled.reserves)})+'</div>';
 return h;}
function card(e){
 var h='<section class="card '+esc(e.status)+'"><h2>'+esc(e.title)+(e.round>1?' — '+f('round',{round:e.round}):'')+'</h2>';
 h+='<span class="st">'+esc(L['status_'+e.status]||e.status)+'</span>';
 if(e.status==='setup')return h+'</section>';
 h+='<div class="line">'+(e.issued===null?f('no_counts'):f('counts',{issued:num(e.issued),collected:e.collected===null?'—':num(e.collected)}))+'</div>';
 if(!e.passes.length)h+='<div class="line small">'+f('no_ballots')+'</div>';
 else{h+='<table><tr><th class="p">'+f('pass')+'</th><th class="b">'+f('ballots')+'</th><th>'+f('stations')+'</th><th>'+f('compare')+'</th></tr>';
  e.passes.forEach(function(p){h+=passRow(e,p);});h+='</table>';}
 if(e.result)h+=result(e.result);
 return h+'</section>';}
function fit(el){var s=parseFloat(getComputedStyle(el).fontSize);while(el.scrollWidth>el.clientWidth+1&&s>8){s-=1;el.style.fontSize=s+'px';}}
function show(n){page=Math.max(0,Math.min(pages.length-1,n));var cs=main.children;
 for(var k=0;k<cs.length;k++)cs[k].style.display='none';pages[page].forEach(function(k){cs[k].style.display='';});
 document.getElementById('page').textContent=pages.length>1?f('page',{page:page+1,pages:pages.length}):'';}
function paginate(){var cs=main.children,bottom=main.getBoundingClientRect().bottom-parseFloat(getComputedStyle(main).paddingBottom)+.5;pages=[];var cur=[];
 for(var k=0;k<cs.length;k++)cs[k].style.display='none';
 for(k=0;k<cs.length;k++){cs[k].style.display='';cur.push(k);
  if(cur.length>1&&cs[k].getBoundingClientRect().bottom>bottom){cs[k].style.display='none';cur.pop();
   cur.forEach(function(i){cs[i].style.display='none';});pages.push(cur);cur=[k];cs[k].style.display='';}}
 pages.push(cur);}
function render(){
 document.getElementById('org').textContent=S.organization||S.congress||'';
 document.getElementById('hall').innerHTML=S.hall?f('presence',{session:esc(S.hall.session),present:num(S.hall.present),seated:num(S.hall.seated)}):'';
 main.innerHTML=S.elections.length?S.elections.map(card).join(''):'<div class="empty">'+f('no_elections')+'</div>';
 layout();status();document.body.setAttribute('data-version',S.version);}
// Sizes in px follow the screen: on a new size, from the style's again. The
// names of a list share one size: the largest at which the longest fits.
function layout(){var cs=main.children,k;for(k=0;k<cs.length;k++)cs[k].style.display='';
 var org=document.getElementById('org');org.style.fontSize='';fit(org);
 main.querySelectorAll('.names').forEach(function(b){var ds=[].slice.call(b.children),min=1e9;
  ds.forEach(function(d){d.style.fontSize='';fit(d);min=Math.min(min,parseFloat(getComputedStyle(d).fontSize));});
  ds.forEach(function(d){d.style.fontSize=min+'px';});});
 paginate();show(page);}
function status(){var ft=document.getElementById('foot'),off=new Date()-lastOk>3*POLL;
 ft.className=off||S.error?'off':'';
 document.getElementById('when').textContent=S.error?L.error.replace('{error}',S.error):(off?L.offline:L.updated).replace('{time}',time(lastOk));}
function poll(){var h={};if(etag)h['If-None-Match']=etag;
 fetch(url,{cache:'no-store',headers:h}).then(function(r){
  if(r.status===304){lastOk=new Date();return null;}if(!r.ok)throw r.status;
  etag=r.headers.get('ETag');return r.json();}).then(function(j){if(j){lastOk=new Date();S=j;render();}status();})
 .catch(function(){status();});}
render();
if(location.hash==='#check'){var bad=[],W=innerWidth,H=innerHeight;
 for(var p=0;p<pages.length;p++){show(p);document.querySelectorAll('body *').forEach(function(el){if(el.tagName==='SCRIPT')return;var r=el.getBoundingClientRect();
  if(r.width&&(r.right>W+.5||r.bottom>H+.5||r.left<-.5||r.top<-.5)||el.clientWidth&&el.scrollWidth>el.clientWidth+1||el.clientHeight&&el.scrollHeight>el.clientHeight+1)
   bad.push((p+1)+':'+el.tagName+':'+(el.textContent||'').slice(0,30));});}
 show(0);document.body.setAttribute('data-pages',pages.length);document.body.setAttribute('data-check',bad.length?bad.join('|'):'ok');}
else{setInterval(poll,POLL);setInterval(function(){if(pages.length>1)show((page+1)%pages.length);},ROTATE);}
addEventListener('resize',layout);
})();
)js";

// JSON inside a <script> element: a "<" only ever stands inside a string,
// where \u003c means the same and cannot close the element.
std::string script_safe(const std::string& json) {
    std::string out;
    out.reserve(json.size());
    for (char c : json) {
        if (c == '<') out += "\\u003c";
        else out += c;
    }
    return out;
}

}  // namespace

std::string page(const report::Labels& l, const std::string& state_json) {
    nlohmann::json words = nlohmann::json::object();
    for (const auto& [k, v] : l.table("board")) words[k] = v;
    for (const auto& [k, v] : l.table("board_status")) words["status_" + k] = v;
    words["thousands_mark"] = l.text("common.thousands_mark");
    words["decimal_mark"] = l.text("common.decimal_mark");
    std::string html = "<!DOCTYPE html>\n<html lang=\"" + l.lang() + "\"><head><meta charset=\"utf-8\">\n";
    html += "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>" +
            report::html_escape(l.text("board.title")) + "</title>\n<style>" + kStyle + "</style></head>\n<body>\n";
    html += "<header><div><div class=\"org\" id=\"org\"></div><h1>" + report::html_escape(l.text("board.title")) +
            "</h1></div><div class=\"hall\" id=\"hall\"></div></header>\n";
    html += "<div id=\"main\"></div>\n";
    html += "<footer id=\"foot\"><span id=\"when\"></span><span id=\"page\"></span></footer>\n";
    html += "<script type=\"application/json\" id=\"labels\">" + script_safe(words.dump()) + "</script>\n";
    html += "<script type=\"application/json\" id=\"state\">" + script_safe(state_json) + "</script>\n";
    html += "<script>" + std::string(kScript) + "</script>\n</body></html>\n";
    return html;
}

}  // namespace daihoi::hall
