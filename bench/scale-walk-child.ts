/** Child of the scale bench: one full walk of a folder, its figures as JSON on stdout. */
import process from 'node:process';
import {measureWalk} from './walk-bench.js';

const dir = process.argv[2];
if (dir === undefined) {
	process.stderr.write('usage: node scale-walk-child.js <dir>\n');
	process.exitCode = 2;
} else {
	process.stdout.write(`${JSON.stringify(await measureWalk(dir))}\n`);
}
