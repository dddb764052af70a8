/**
The manager's view at scale: `teamStatusOf` (votes, consensus with Dawid–Skene, Cohen per pair,
Fleiss, Krippendorff, accuracy) over N items × 3 votes from 4 people. Run alone with
`node dist/bench/agreement-bench.js [N …]`; CPU time is printed next to wall time, since the
shared machine's load stretches wall time.
*/
import process from 'node:process';
import type {RecordsOfUser} from '../source/core/agreement/votes.js';
import type {JournalRecord} from '../source/core/journal-record.js';
import {teamStatusOf} from '../source/session/team-status.js';

/** mulberry32, so every run labels the same way. */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

function simulatedTeam(items: number, now: number): RecordsOfUser[] {
	const random = seeded(items);
	const users = ['ann', 'bob', 'cy', 'dee'].map((user) => ({user, records: [] as JournalRecord[]}));
	for (let index = 0; index < items; index++) {
		const truth = index % 2 === 0 ? 'photo' : 'screenshot';
		for (let vote = 0; vote < 3; vote++) {
			const person = users[(index + vote) % users.length];
			if (!person) {
				continue;
			}

			const label = random() < 0.85 ? truth : truth === 'photo' ? 'screenshot' : 'photo';
			person.records.push({
				v: 1,
				seq: person.records.length + 1,
				time: new Date(now - index * 20).toISOString(),
				op: 'decide',
				path: `images/${index}.jpg`,
				size: 1,
				mtimeMs: 1,
				label,
				ms: 600,
				via: 'key',
			});
		}
	}

	return users;
}

export type AgreementBenchRow = {items: number; wallMs: number; cpuMs: number; method: string};

export function runAgreementBench(sizes: readonly number[]): AgreementBenchRow[] {
	return sizes.map((items) => {
		const now = Date.now();
		const users = simulatedTeam(items, now);
		const cpu = process.cpuUsage();
		const started = performance.now();
		const status = teamStatusOf({
			users,
			mode: {kind: 'overlap', votes: 3},
			classes: ['photo', 'screenshot'],
			total: items,
			now,
		});
		const wallMs = performance.now() - started;
		const used = process.cpuUsage(cpu);
		return {
			items,
			wallMs,
			cpuMs: (used.user + used.system) / 1000,
			method: status.agreement.method,
		};
	});
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const sizes = process.argv
		.slice(2)
		.map(Number)
		.filter((value) => value > 0);
	for (const row of runAgreementBench(sizes.length > 0 ? sizes : [10_000, 100_000])) {
		const label = `  team status, ${row.items.toLocaleString('en-US')} items × 3 votes (${row.method})`;
		const figures = `${Math.round(row.wallMs)} ms wall, ${Math.round(row.cpuMs)} ms CPU`;
		process.stdout.write(`${label.padEnd(60)}${figures}\n`);
	}
}
