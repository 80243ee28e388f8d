// cmp.js file expected.json : convert file, compare tables 三 四 (and 二)
const {execFileSync}=require('child_process');const fs=require('fs');
const [file,expf]=process.argv.slice(2);
const exp=JSON.parse(fs.readFileSync(expf));
let lint;try{lint=execFileSync('node',['/work/wt/text-red2/bin/xxgk-lint.cjs','-f','json',file]).toString()}catch(e){lint=e.stdout.toString()}
try{execFileSync('node',['/work/wt/text-red2/bin/xxgk-lint.cjs','convert',file,'-o','/tmp/tr2/out.json'],{stdio:'pipe'})}catch(e){}
const got=fs.existsSync('/tmp/tr2/out.json')?JSON.parse(fs.readFileSync('/tmp/tr2/out.json')):{};
fs.rmSync('/tmp/tr2/out.json',{force:true});
let bad=[],abs=0,ok=0;
for(const t of ['applications','reviewLitigation','active']){
  for(const [r,cols] of Object.entries(exp[t]||{})) for(const [c,v] of Object.entries(cols)){
    if(v==null) continue;
    let g=got[t]?.[r]?.[c];
    if(g===undefined){abs++;continue}
    let gn=typeof g==='string'? (g.trim()===''||/^[—\-－无/]+$/.test(g.trim())?0:Number(g.replace(/[件,，]/g,''))):g;
    if(gn!==v) bad.push(`${t}.${r}.${c}: got ${JSON.stringify(g)} want ${v}`); else ok++;
  }
}
const res=JSON.parse(lint).files[0];
const msgs=res.diagnostics.map(m=>`${m.ruleId+"/"+m.messageId}:${(m.message||'').slice(0,140)}`);
console.log(`ok=${ok} absent=${abs} wrong=${bad.length}`);bad.slice(0,10).forEach(b=>console.log('  WRONG',b));
msgs.filter(m=>!/^(empty-cell|inferred-cells)/.test(m)).slice(0,12).forEach(m=>console.log('  MSG',m));
