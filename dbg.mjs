import pty from 'node-pty';
import {ensureCameraSet} from './dist/bench/screen-latency.js';
import {clearLabels} from './dist/bench/label-latency.js';
const dir = await ensureCameraSet(); await clearLabels(dir);
const child = pty.spawn(process.execPath, ['dist/cli.js','label',dir,'--render','blocks','--classes','photo,screenshot','--no-commit-on-exit','--colors','truecolor'], {name:'xterm-256color',cols:140,rows:45,env:{...process.env,COLORTERM:'truecolor'}});
let log=[]; let t0=performance.now();
child.onData(d=>log.push([performance.now()-t0,d.length,JSON.stringify(d.slice(0,40)), JSON.stringify(d.slice(-20))]));
await new Promise(r=>setTimeout(r,3000));
for(let k=0;k<4;k++){log=[];t0=performance.now();child.write(k%2?'2':'1');await new Promise(r=>setTimeout(r,400));console.log('key',k);let tot=0;for(const l of log){tot+=l[1];if(l[2].includes("2026h")||l[3].includes("2026l"))console.log(l[0].toFixed(1),tot,l[2].slice(0,60));}}
child.write('q');
