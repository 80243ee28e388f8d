// gen.js: build text layouts of a report from an expected.json
const fs=require('fs');
const root='/work/wt/text-red2/';
function tpl(y){return require(root+'schemas/templates/'+y+'.json')}
function rowsOf(exp){
  const t=tpl(exp.template);
  const out={};
  for(const tb of t.tables){
    if(tb.key==='active') continue;
    const cols=tb.columns.map(c=>c.key);
    let rows=tb.rows;
    if(tb.key==='applications'&&exp.applications.otherHandling&&exp.template==='2021'){
      const i=rows.findIndex(r=>r.key==='otherNoCorrection');
      rows=[...rows.slice(0,i),{key:'otherHandling',label:'（六）其他处理'},...rows.filter(r=>r.key!=='otherNoCorrection'&&r.key!=='otherUnpaidFee'&&r.key!=='otherMisc').slice(i)];
    }
    out[tb.key]=rows.map(r=>({label:r.label,key:r.key,group:r.group,vals:cols.map(c=>exp[tb.key]?.[r.key]?.[c])}));
  }
  return {t,out};
}
function build(exp,opt={}){
  const {t,out}=rowsOf(opt.as2019?{...exp,template:'2019'}:exp);
  const sep=opt.sep??'\t';
  const fmt=opt.fmt??(v=>String(v));
  const L=[];
  L.push(`${exp.agency}${exp.year}年政府信息公开工作年度报告`);
  L.push('一、总体情况');
  L.push(`${exp.year}年，我区认真贯彻落实《中华人民共和国政府信息公开条例》，全年受理申请若干件。`);
  L.push(opt.h2??'二、主动公开政府信息情况');
  if(exp.template==='2021'&&!opt.as2019){
    const a=exp.active||{};
    L.push('第二十条第（一）项');L.push(['信息内容','本年制发件数','本年废止件数','现行有效件数'].join(sep));
    L.push(['规章',a.regulations?.issued,a.regulations?.repealed,a.regulations?.inForce].join(sep));
    L.push(['行政规范性文件',a.normativeDocuments?.issued,a.normativeDocuments?.repealed,a.normativeDocuments?.inForce].join(sep));
    L.push('第二十条第（五）项');L.push(['信息内容','本年处理决定数量'].join(sep));
    L.push(['行政许可',a.licensing?.decisions].join(sep));
    L.push('第二十条第（六）项');L.push(['信息内容','本年处理决定数量'].join(sep));
    L.push(['行政处罚',a.penalty?.decisions].join(sep));L.push(['行政强制',a.coercion?.decisions].join(sep));
    L.push('第二十条第（八）项');L.push(['信息内容','本年收费金额（单位：万元）'].join(sep));
    L.push(['行政事业性收费',a.fees?.amount].join(sep));
  }
  L.push(opt.h3??'三、收到和处理政府信息公开申请情况');
  L.push(['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）','申请人情况'].join(sep));
  L.push(['','自然人','法人或其他组织','','','','','总计'].join(sep));
  L.push(['','','商业企业','科研机构','社会公益组织','法律服务机构','其他',''].join(sep));
  for(const r of out.applications){
    let lab=r.label;
    L.push([lab,...r.vals.map(fmt)].join(sep));
  }
  L.push(opt.h4??'四、政府信息公开行政复议、行政诉讼情况');
  L.push(['行政复议','','','','','行政诉讼'].join(sep));
  L.push(['','','','','','未经复议直接起诉','','','','','复议后起诉'].join(sep));
  const h=['结果维持','结果纠正','其他结果','尚未审结','总计'];
  L.push([...h,...h,...h].join(sep));
  L.push(out.reviewLitigation.flatMap(r=>r.vals).map(fmt).join(sep));
  L.push('五、存在的主要问题及改进情况');
  L.push('一是公开内容不够全面；二是解读形式单一。下一步将加强培训。');
  L.push('六、其他需要报告的事项');
  L.push(`${exp.year}年未收取信息处理费。`);
  return L.join('\n')+'\n';
}
module.exports={build,rowsOf};
