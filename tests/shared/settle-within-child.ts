// Awaits a promise that nothing will ever settle, with no handle open: settleWithin must hold the
// process until its limit and say so, where a bare await let the process end silently.
import {settleWithin} from '../../source/shared/settle-within.js';

const settled = await settleWithin(new Promise(() => undefined), 200);
process.stdout.write(`settled: ${settled}\n`);
