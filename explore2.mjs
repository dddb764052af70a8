import sharp from 'sharp';
import path from 'node:path';
import {writeFileSync} from 'node:fs';
import {ensureNearDupSet} from './dist/bench/near-dup-set.js';
const set = await ensureNearDupSet({samples: '/work/shared/samples'});
const N=+process.argv[2]||48;
function norm(g){let m=0;for(const x of g)m+=x;m/=g.length;let v=0;for(const x of g)v+=(x-m)**2;const sd=Math.sqrt(v/g.length)||1;return g.map(x=>(x-m)/sd*40);}
function sample(g,x,y){x=Math.max(0,Math.min(N-1.001,x));y=Math.max(0,Math.min(N-1.001,y));const x0=Math.floor(x),y0=Math.floor(y),fx=x-x0,fy=y-y0;const a=g[y0*N+x0],b=g[y0*N+x0+1],c=g[(y0+1)*N+x0],d=g[(y0+1)*N+x0+1];return a*(1-fx)*(1-fy)+b*fx*(1-fy)+c*(1-fx)*fy+d*fx*fy;}
const B=+(process.env.B||6);
function score(a,b,s){ // compare a with b scaled by s about centre; centre 80%
 const c=(N-1)/2; const blk=new Float64Array(B*B), cnt=new Float64Array(B*B); let tot=0,n=0;
 const lo=Math.floor(N*0.1), hi=Math.ceil(N*0.9);
 for(let y=lo;y<hi;y++)for(let x=lo;x<hi;x++){let v=0;for(let ci=0;ci<3;ci++)v+=Math.abs(a[ci][y*N+x]-sample(b[ci],c+(x-c)*s,c+(y-c)*s))/3;const k=Math.floor((y-lo)*B/(hi-lo))*B+Math.floor((x-lo)*B/(hi-lo));blk[k]+=v;cnt[k]++;tot+=v;n++;}
 const bl=[...blk].map((v,k)=>v/cnt[k]).sort((a,b)=>a-b);const mx=bl[bl.length-1];const med=bl[Math.floor(bl.length/2)];return {mean:tot/n,max:process.env.M==='ex'?mx-med:mx};}
function best(a,b){let r={mean:1e9,max:1e9};for(const s of [0.94,0.96,0.98,1]){for(const [p,q] of [[a,b],[b,a]]){const t=score(p,q,s);if(t.max<r.max)r=t;}}return r;}
const facts=[];
for(const f of set.files){const file=path.join(set.dir,f.path);
 const raw=(await sharp(file).rotate().removeAlpha().toColourspace('srgb').resize(N,N,{fit:'fill',fastShrinkOnLoad:process.env.FAST!=='0',kernel:process.env.KERNEL||'lanczos3'}).blur(process.env.BLUR?+process.env.BLUR:undefined).raw().toBuffer());
 const ch=[0,1,2].map(c=>norm(Float64Array.from({length:N*N},(_,i)=>raw[i*3+c]))); facts.push({...f,g:ch});}
const pairs=JSON.parse(await import('node:fs').then(m=>m.readFileSync('/tmp/pairs.json','utf8')));
const byName=new Map(facts.map(f=>[f.path,f]));
const out=[];
for(const r of pairs){ if(r.pd>20)continue; const a=byName.get(r.a),b=byName.get(r.b); const base=(!r.a.includes('~')||!r.b.includes('~'));
 if(r.kind!=='other'&&r.kind!=='template'&&!base)continue; const s=best(a.g,b.g); out.push({...r,vmax:s.max,vmean:s.mean});}
writeFileSync('/tmp/pairs2.json',JSON.stringify(out));
for(const k of ['reencode','resize','crop','brightness','template','other']){const rs=out.filter(r=>r.kind===k);if(!rs.length)continue;const q=(f,p)=>{const v=rs.map(f).sort((a,b)=>a-b);return v[Math.min(v.length-1,Math.floor(p*v.length))].toFixed(1)};
console.log(k,rs.length,'vmax',q(r=>r.vmax,0),q(r=>r.vmax,.05),q(r=>r.vmax,.5),q(r=>r.vmax,.95),q(r=>r.vmax,1),'vmean',q(r=>r.vmean,0),q(r=>r.vmean,.5),q(r=>r.vmean,.95),q(r=>r.vmean,1));}
const neg=out.filter(r=>r.kind==='other'||r.kind==='template');const minNeg=Math.min(...neg.map(r=>r.vmax));
for(const T of [minNeg*0.8, minNeg*0.9, minNeg*0.99]){const rec=k=>{const rs=out.filter(r=>r.kind===k);return (rs.filter(r=>r.vmax<T).length/rs.length).toFixed(3)};console.log('T',T.toFixed(1),['reencode','resize','crop','brightness'].map(k=>k+' '+rec(k)).join(' '));}
