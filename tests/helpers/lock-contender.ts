/**
One contender in a lock race, run as a child process: loads the lock module, says "ready", waits
for "go" on stdin, tries to take the lock, says "won" or "lost: <why>", and holds a won lock until
stdin closes, so the parent sees every contender's result while the winner still holds it.
*/
import {once} from 'node:events';
import process from 'node:process';
import {createInterface} from 'node:readline';
import {acquireLock} from '../../source/ledger/files/lock.js';

const labels = process.argv[2];
if (labels === undefined) {
	throw new Error('usage: lock-contender <labels dir>');
}

const lines = createInterface({input: process.stdin});
process.stdout.write('ready\n');
await once(lines, 'line');
try {
	const lock = await acquireLock(labels, `contender-${process.pid}`);
	process.stdout.write('won\n');
	await once(lines, 'close');
	await lock.release();
} catch (error) {
	process.stdout.write(`lost: ${error instanceof Error ? error.message : String(error)}\n`);
}
