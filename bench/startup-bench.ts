/**
`npm run bench -- --startup N`: issue #12's 100k figures on a cheap set of N tiny JPEGs in day
folders (bench/tiny-set.ts): label's first image, counter and full total, fresh and resumed from
1k- and N-record journals (with their snapshot), the replay itself with and without the snapshot,
peak RSS of label, check, commit and status, and the ranked feed's cost per decision.
*/
import {execFile} from 'node:child_process';
import {cp, readdir, readFile, rm, stat} from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';
import {openDataset} from '../source/app/dataset.js';
import {stateCodecVersion} from '../source/core/state-codec.js';
import {replayJournal, snapshotPathOf} from '../source/ledger/files/journal-snapshot.js';
import {buildJournalRecords, journalBenchClasses} from './journal-bench.js';
import {measureRankedCost} from './ranked-cost.js';
import {childFailure, runCliChild} from './scale-child.js';
import {measureStartup} from './scale-startup.js';
import {formatBytes, formatMs, summarize} from './stats.js';
import {describeTinySet, ensureTinySet, type TinySet, tinySetStats} from './tiny-set.js';

type Line = (label: string, value: string, target?: string) => void;

const labelsOf = (dir: string) => path.join(dir, '.labels');

/** A journal of `records` entries over the set's files, written through the ledger, kept aside. */
async function savedJournal(set: TinySet, records: number): Promise<string> {
	const saved = `${set.dir}-labels-${records}`;
	if (await savedIsCurrent(saved)) return saved;
	await rm(labelsOf(set.dir), {recursive: true, force: true});
	const stats = await tinySetStats(set);

	const dataset = await openDataset(set.dir, {classes: [...journalBenchClasses]});
	try {
		for (const record of buildJournalRecords(records, 1, stats))
			await dataset.ledger.append(record);
	} finally {
		// Closing writes the snapshot a session leaves at exit.
		await dataset.close();
	}

	await rm(saved, {recursive: true, force: true});
	await cp(labelsOf(set.dir), saved, {recursive: true});
	return saved;
}

/** True when `saved` holds a snapshot of this codec (an older one would measure the old decoder). */
async function savedIsCurrent(saved: string): Promise<boolean> {
	const dir = path.join(saved, 'snapshot');
	const names = await readdir(dir).catch(() => []);
	for (const name of names) {
		const head = await readFile(path.join(dir, name), 'utf8').then((text) => text.slice(0, 200));
		if (!head.includes(`"codec":${stateCodecVersion},`)) return false;
	}

	return names.length > 0;
}

async function restoreLabels(dir: string, saved: string): Promise<void> {
	await rm(labelsOf(dir), {recursive: true, force: true});
	await cp(saved, labelsOf(dir), {recursive: true});
}

/** Median time of `replayJournal`, with the snapshot and with it set aside. */
async function replayTimes(dir: string, saved: string, user: string) {
	await restoreLabels(dir, saved);
	const journal = path.join(labelsOf(dir), 'journal', `${user}.jsonl`);
	const time = async () => {
		const times: number[] = [];
		for (let run = 0; run < 3; run++) {
			const at = performance.now();
			await replayJournal(journal, journalBenchClasses);
			times.push(performance.now() - at);
		}

		return summarize(times).p50;
	};
	const withSnapshot = await time();
	await rm(snapshotPathOf(journal));
	const full = await time();
	return {withSnapshot, full, bytes: (await stat(journal)).size};
}

async function childRss(args: readonly string[], okCodes: readonly number[]) {
	const run = await runCliChild(args);
	if (!okCodes.includes(run.exitCode ?? -1)) throw childFailure(`imgsift ${args[0]}`, run);
	return run;
}

export async function runStartupBench(count: number, line: Line): Promise<void> {
	const set = await ensureTinySet(count);
	const n = count.toLocaleString('en-US');
	line('the set (bench/tiny-set.ts)', describeTinySet(count), '');
	const fresh = await measureStartup(set.dir, count, ['--classes', 'photo,screenshot'], 3, () =>
		rm(labelsOf(set.dir), {recursive: true, force: true}),
	);
	line(
		`label, fresh ${n}: first image / counter`,
		`${formatMs(fresh.firstImageMs)} / ${formatMs(fresh.counterMs)}`,
		'≤ 1 s',
	);
	line(`label, fresh ${n}: full total known`, formatMs(fresh.totalKnownMs), '≤ 3 s');
	line(
		`label, fresh ${n}: peak RSS until the total is known / whole session with its quit`,
		`${formatBytes(fresh.peakRssBytes ?? Number.NaN)} / ${formatBytes(fresh.sessionPeakRssBytes ?? Number.NaN)}`,
		'≤ 200 MB',
	);
	const user = (await import('../source/store/paths.js')).defaultUser();
	for (const records of [1000, count]) {
		const saved = await savedJournal(set, records);
		const replay = await replayTimes(set.dir, saved, user);
		const r = records.toLocaleString('en-US');
		line(
			`replay ${r}-record journal (${formatBytes(replay.bytes)}): snapshot / full`,
			`${formatMs(replay.withSnapshot)} / ${formatMs(replay.full)}`,
		);
		const resumed = await measureStartup(set.dir, count, [], 3, () =>
			restoreLabels(set.dir, saved),
		);
		line(
			`label, resumed on ${r} records: first image / counter`,
			`${formatMs(resumed.firstImageMs)} / ${formatMs(resumed.counterMs)}`,
			'≤ 1 s',
		);
		line(
			`label, resumed on ${r} records: full total known`,
			formatMs(resumed.totalKnownMs),
			'≤ 3 s',
		);
		line(
			`label, resumed on ${r} records: peak RSS until the total is known / whole session`,
			`${formatBytes(resumed.peakRssBytes ?? Number.NaN)} / ${formatBytes(resumed.sessionPeakRssBytes ?? Number.NaN)}`,
			'≤ 200 MB',
		);
	}

	const status = await childRss(['status', set.dir], [0]);
	line(
		`status, ${n} records: time / peak RSS`,
		`${formatMs(status.ms)} / ${formatBytes(status.peakRssBytes ?? Number.NaN)}`,
		'≤ 200 MB',
	);
	const check = await childRss(['check', set.dir, '--json'], [0, 1]);
	line(
		`check --json, ${n} files (cold): time / peak RSS`,
		`${formatMs(check.ms)} / ${formatBytes(check.peakRssBytes ?? Number.NaN)}`,
		'≤ 200 MB',
	);
	// Commit moves files: on a hard-linked copy, with the journal of every file decided.
	const copy = `${set.dir}-commit-copy`;
	await rm(copy, {recursive: true, force: true});
	await promisify(execFile)('cp', ['-al', set.dir, copy]);
	try {
		await restoreLabels(copy, await savedJournal(set, count));
		const commit = await childRss(['commit', copy], [0, 1]);
		const moved = /Moved (\d+) file/.exec(commit.stdout)?.[1] ?? '?';
		line(
			`commit, ${moved} moves: time / peak RSS`,
			`${formatMs(commit.ms)} / ${formatBytes(commit.peakRssBytes ?? Number.NaN)}`,
			'≤ 200 MB',
		);
	} finally {
		await rm(copy, {recursive: true, force: true});
		await rm(labelsOf(set.dir), {recursive: true, force: true});
	}

	for (const items of [10_000, count]) {
		const cost = await measureRankedCost(items);
		line(
			`--order uncertain, ${items.toLocaleString('en-US')} held: per decision p50 / p99`,
			`${formatMs(cost.perDecisionMs)} / ${formatMs(cost.p99Ms)}`,
		);
		line(
			'  guesses re-read per decision; first ranking',
			`${cost.viewsPerDecision.toFixed(1)}; ${formatMs(cost.initialMs)}`,
		);
	}
}
