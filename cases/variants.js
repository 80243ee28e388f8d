const g=require("./gen.js");const fs=require("fs");
const names=["hongze-2023","hongze-2024","huaian-2024"];
function wrap(s,w){return s.split('\n').flatMap(l=>{const o=[];let cur='';for(const ch of l){if([...cur].length>=w){o.push(cur);cur=''}cur+=ch}o.push(cur);return o}).join('\n')}
const junk1=`首页 > 政府信息公开 > 政府信息公开年度报告
网站首页 政务公开 政府信息公开 政府信息公开指南 政府信息公开制度 法定主动公开内容 政府信息公开年度报告
发布日期：2025-01-15 来源：区政府办 浏览次数: 1234 字号：[ 大 中 小 ]
`;
const junk2=`
【打印本页】【关闭窗口】
相关链接：2023年政府信息公开工作年度报告 2022年政府信息公开工作年度报告 2021年政府信息公开工作年度报告
主办单位：某区人民政府办公室 联系电话：0517-87290606 地址：某区某路90号 邮编：223100
网站标识码：3208130001 苏ICP备05000000号-1 浏览次数: 5678 2023-01-15
`;
const out={};
for(const n of names){const e=require("/work/main/fixtures/pdf/"+n+".expected.json");
 out[n+'.wrap40']=wrap(g.build(e),40);
 out[n+'.wrap30']=wrap(g.build(e),30);
 out[n+'.h3sub']=g.build(e,{h3:'（三）收到和处理政府信息公开申请情况',h2:'（二）主动公开政府信息情况',h4:'（四）政府信息公开行政复议、行政诉讼情况'});
 out[n+'.h3sub-only']=g.build(e,{h3:'（三）收到和处理政府信息公开申请情况'});
 out[n+'.junk']=junk1+g.build(e)+junk2;
 out[n+'.junk-sp']=junk1+g.build(e,{sep:' '})+junk2;
 out[n+'.jian']=g.build(e,{fmt:v=>v+'件'});
 out[n+'.paren']=g.build(e,{fmt:v=>'('+v+')'});
 out[n+'.pipe']=g.build(e,{sep:' | '});
 out[n+'.space']=g.build(e,{sep:'  '});
 out[n+'.nl']=g.build(e,{sep:'\n'});
 out[n+'.as2019']=g.build(e,{as2019:true});
 out[n+'.as2019-nl']=g.build(e,{as2019:true,sep:'\n'});
 out[n+'.oneline']=junk1.replace(/\n/g,' ')+g.build(e,{sep:' '}).replace(/\n/g,' ')+junk2.replace(/\n/g,' ');
}
for(const a of ["hongze-2024","huaian-2024"]) for(const b of ["hongze-2023"]) {
 const ea=require("/work/main/fixtures/pdf/"+a+".expected.json"),eb=require("/work/main/fixtures/pdf/"+b+".expected.json");
 out[a+'+'+b+'.concat']=g.build(ea)+'\n'+junk2+junk1+g.build(eb);
}
fs.mkdirSync('v',{recursive:true});
for(const [k,v] of Object.entries(out)) fs.writeFileSync('v/'+k+'.txt',v);
