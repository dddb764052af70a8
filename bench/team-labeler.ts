/**
One simulated labeler for the team bench, in its own process, driving the ledger directly (no
TTY): claims a batch ahead, decides each item at a steady pace, and reports on stdout, one JSON
line each: every batch it claimed, then its figures. What a keypress waits for is timed: the
append, plus the claim when the batch ran dry before the next one arrived (at these paces, far
faster than a person, it sometimes does).
*/

import {monitorEventLoopDelay} from 'node:perf_hooks';
import process from 'node:process';
import {setTimeout as delay} from 'node:timers/promises';
import type {DecideRecord} from '../source/core/journal-record.js';
import type {LabelingMode} from '../source/ledger/ledger.js';
import {openLedger} from '../source/ledger/open-ledger.js';

export type LabelerOptions = {
	readonly dataset: string;
	readonly db?: string;
	readonly user: string;
	readonly mode: LabelingMode;
	readonly leaseMs: number;
	readonly items: number;
	readonly paceMs: number;
	/** Stop once nothing was claimable for this long (a killed peer's lease must run out first). */
	readonly idleExitMs: number;
};

export const batchSize = 32;
/** As the session does (session/team-link.ts). */
const refillBelow = 16;

export function itemPath(index: number): string {
	return `img/${String(index).padStart(6, '0')}.jpg`;
}

const options = JSON.parse(process.argv[2] ?? '{}') as LabelerOptions;
const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
const ledger = await openLedger(options);
let seq = (await ledger.replay()).records.at(-1)?.seq ?? 0;
await ledger.offer(Array.from({length: options.items}, (_, index) => itemPath(index)));

const queue: string[] = [];
const costs: number[] = [];
const appends: number[] = [];
// CPU time of each append: the work it adds, apart from waits for a core on a busy machine.
const appendCpu: number[] = [];
const claims: number[] = [];
let pending: Promise<number> | undefined;
const refill = (): Promise<number> => {
	pending ??= (async () => {
		const started = performance.now();
		const got = await ledger.claim(batchSize);
		claims.push(performance.now() - started);
		if (got.length > 0) {
			say({t: 'claimed', at: Date.now(), paths: got});
		}

		queue.push(...got);
		pending = undefined;
		return got.length;
	})();
	return pending;
};

// How late this process's event loop runs, whatever the cause (its own work, or waiting for a
// CPU on a loaded machine): the floor under any keypress figure measured here.
const loop = monitorEventLoopDelay({resolution: 1});
loop.enable();
let idleSince: number | undefined;
for (;;) {
	if (queue.length < refillBelow) {
		void refill();
	}

	let waited = 0;
	if (queue.length === 0) {
		const started = performance.now();
		const got = await refill();
		waited = performance.now() - started;
		if (got === 0 && queue.length === 0) {
			idleSince ??= Date.now();
			if (Date.now() - idleSince > options.idleExitMs) {
				break;
			}

			await delay(100);
			continue;
		}
	}

	idleSince = undefined;
	const path = queue.shift() as string;
	const record: DecideRecord = {
		v: 1,
		seq: ++seq,
		time: new Date().toISOString(),
		op: 'decide',
		path,
		size: 1000,
		mtimeMs: 1_700_000_000_000,
		label: seq % 2 === 0 ? 'cat' : 'dog',
		ms: options.paceMs,
		via: 'key',
	};
	// The CPU clock is read outside the timed span: getrusage is a syscall, and on a busy machine
	// the kernel often switches the process out on its way back (p99 15 ms instead of 2-3 ms).
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	await ledger.append(record);
	const appended = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	appends.push(appended);
	appendCpu.push((cpu.user + cpu.system) / 1000);
	costs.push(waited + appended);
	const status = ledger.status();
	// Offline: the decisions waiting in the local journal (the bench kills a labeler holding some).
	if (!status.online) say({t: 'unsent', n: status.pending});
	if (options.paceMs > 0) {
		await delay(options.paceMs);
	}
}

loop.disable();
const lateness = {p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6};
await ledger.close();
say({
	t: 'done',
	user: options.user,
	costs,
	appends,
	appendCpu,
	claims,
	lateness,
	status: ledger.status(),
});
