import sharp from 'sharp';
import path from 'node:path';
import {ensureNearDupSet} from './dist/bench/near-dup-set.js';
import {perceptualHash, hammingDistance} from './dist/source/image/perceptual-hash.js';
const set = await ensureNearDupSet({samples: '/work/shared/samples'});
const pop = (a,b)=>hammingDistance(a,b);
function dct1(v, n){const out=new Float64Array(n);for(let k=0;k<n;k++){let s=0;for(let i=0;i<n;i++)s+=v[i]*Math.cos(Math.PI*(i+0.5)*k/n);out[k]=s;}return out;}
function phash(g){ // g 32x32
 const n=32; const rows=[];for(let y=0;y<n;y++)rows.push(dct1(g.slice(y*n,y*n+n),n));
 const coef=[];for(let v=0;v<8;v++)for(let u=0;u<8;u++){const col=new Float64Array(n);for(let y=0;y<n;y++)col[y]=rows[y][u];let s=0;for(let i=0;i<n;i++)s+=col[i]*Math.cos(Math.PI*(i+0.5)*v/n);coef.push(s);}
 const ac=coef.slice(1).sort((a,b)=>a-b);const med=ac[31];
 let bits='';for(const c of coef)bits+=c>med?'1':'0';
 let hex='';for(let i=0;i<64;i+=4)hex+=parseInt(bits.slice(i,i+4),2).toString(16);return hex;}
function mad(a,b,norm){let ma=0,mb=0;if(norm){for(const x of a)ma+=x;for(const x of b)mb+=x;ma/=a.length;mb/=b.length;}let s=0;for(let i=0;i<a.length;i++)s+=Math.abs((a[i]-ma)-(b[i]-mb));return s/a.length;}
const facts=[];
for(const f of set.files){const file=path.join(set.dir,f.path);
 const d=await perceptualHash(file);
 const img=sharp(file).rotate();
 const g32=new Float64Array((await img.clone().greyscale().resize(32,32,{fit:'fill'}).raw().toBuffer()));
 const g16=new Float64Array((await sharp(file).rotate().greyscale().resize(16,16,{fit:'fill'}).raw().toBuffer()));
 facts.push({...f,d,p:phash(g32),g32,g16});}
const rows=[];
for(let i=0;i<facts.length;i++)for(let j=i+1;j<facts.length;j++){const a=facts[i],b=facts[j];
 const same=a.base===b.base; const kind=same?(a.transformation??b.transformation):(a.template!==undefined&&a.template===b.template?'template':'other');
 rows.push({kind,dd:pop(a.d,b.d),pd:pop(a.p,b.p),m32:mad(a.g32,b.g32,true),m16:mad(a.g16,b.g16,true),r32:mad(a.g32,b.g32,false),a:a.path,b:b.path});}
import {writeFileSync} from 'node:fs';writeFileSync('/tmp/pairs.json',JSON.stringify(rows));
const kinds=[...new Set(rows.map(r=>r.kind))];
for(const k of kinds){const rs=rows.filter(r=>r.kind===k);const q=(f,p)=>{const v=rs.map(f).sort((a,b)=>a-b);return v[Math.min(v.length-1,Math.floor(p*v.length))].toFixed(1)};
 console.log(k,rs.length,'dd',q(r=>r.dd,0),q(r=>r.dd,.5),q(r=>r.dd,.95),q(r=>r.dd,1),'pd',q(r=>r.pd,0),q(r=>r.pd,.5),q(r=>r.pd,.95),q(r=>r.pd,1),'m32',q(r=>r.m32,0),q(r=>r.m32,.5),q(r=>r.m32,.95),q(r=>r.m32,1),'m16',q(r=>r.m16,0),q(r=>r.m16,.95),q(r=>r.m16,1));}
