const g=require("./gen.js");const fs=require("fs");
function wrap(s,w){return s.split('\n').flatMap(l=>{const p=[...l],o=[];for(let a=0;a<p.length||a===0;a+=w)o.push(p.slice(a,a+w).join(''));return o}).join('\n')}
fs.mkdirSync('v2',{recursive:true});
const long='。我区持续深化政务公开，围绕重点领域信息公开、政策解读、回应关切和平台建设等方面开展工作，取得了积极成效，群众满意度不断提升'.repeat(3);
for(const n of ["hongze-2023","hongze-2024","huaian-2024"]){const e=require("/work/main/fixtures/pdf/"+n+".expected.json");
 let base=g.build(e).replace('全年受理申请若干件。','全年受理申请若干件'+long+'。');
 for(const w of [22,25,28,33,35,37,45,50,60]) fs.writeFileSync(`v2/${n}.w${w}.txt`,wrap(base,w));
 // pipe wrapped and cut
 const pipe=g.build(e,{sep:' | '}).split('\n').map(l=>l.includes(' | ')?'| '+l+' |':l).join('\n');
 const pw=wrap(pipe,40); const cutAt=pw.indexOf('（四）无法提供')>0?pw.indexOf('1.本机关不掌握'):pw.length/2;
 fs.writeFileSync(`v2/${n}.pipewrapcut.txt`,pw.slice(0,cutAt+30));
 const lay=fs.readFileSync(`/work/main/fixtures/text/${n}.layout.txt`,'utf8');
 fs.writeFileSync(`v2/${n}.layout-h3sub.txt`,lay.replace(/三、收到和处理政府信息公开申请情况/,'（三）收到和处理政府信息公开申请情况').replace(/四、政府信息公开行政复议/,'（四）政府信息公开行政复议'));
}
