import pty from 'node-pty';
import {ensureCameraSet} from './dist/bench/screen-latency.js';
import {clearLabels} from './dist/bench/label-latency.js';
const dir = await ensureCameraSet(); await clearLabels(dir);
const child = pty.spawn(process.execPath, ['dist/cli.js','label',dir,'--render','blocks','--classes','photo,screenshot','--no-commit-on-exit','--colors','truecolor',...process.argv.slice(2)], {name:'xterm-256color',cols:140,rows:45,env:{...process.env,COLORTERM:'truecolor'}});
let out='';
child.onData(d=>{out+=d});
await new Promise(r=>setTimeout(r,3000));
for(let k=0;k<3;k++){out='';child.write(k%2?'2':'1');await new Promise(r=>setTimeout(r,400));
 const frames=out.split('\u001b[?2026h').filter(Boolean).map(f=>f.replace(/\u001b\[[0-9;?]*[A-Za-z]/g,'').replace(/\u001b[78]/g,'').replace(/[▀▄]/g,'').replace(/ +/g,' '));
 console.log('key',k,frames.length);for(const f of frames)console.log(JSON.stringify(f.slice(0,600)));}
child.write('q');
