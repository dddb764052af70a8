/**
`node build/bench/startup-pair.js BEFORE_CLI [RUNS]`: this build's `label` against another build's
on the same 100,000-file set resumed from the same 100k-record journal, each from a snapshot it
wrote itself, alternating (ABBA) so a shared box's load falls on both alike. BEFORE_CLI is the
other build's cli.js (for example a `git worktree` of an older commit, built). Prints each start:
first image, counter, full total known, peak RSS, and the load average.
*/
import {cp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {openDataset} from '../source/app/dataset.js';
import {buildJournalRecords, journalBenchClasses} from './journal-bench.js';
import {cliPath} from './pty-driver.js';
import {measureStartupOnce} from './scale-startup.js';
import {formatBytes, formatMs} from './stats.js';
import {ensureTinySet, tinySetStats} from './tiny-set.js';

const count = 100_000;
const [beforeCli, runsArgument = '3'] = process.argv.slice(2);
if (beforeCli === undefined) {
	process.stderr.write('usage: node build/bench/startup-pair.js BEFORE_CLI [RUNS]\n');
	process.exit(2);
}

const set = await ensureTinySet(count);
const labels = path.join(set.dir, '.labels');
const saved = `${set.dir}-pair-labels`;
await rm(labels, {recursive: true, force: true});
const stats = await tinySetStats(set);

const dataset = await openDataset(set.dir, {classes: [...journalBenchClasses]});
try {
	for (const record of buildJournalRecords(count, 1, stats)) await dataset.ledger.append(record);
} finally {
	await dataset.close();
}

await rm(saved, {recursive: true, force: true});
await cp(labels, saved, {recursive: true});
const builds = {before: beforeCli, after: cliPath};
// Each build resumes once from the journal and writes its own snapshot at exit, so each then
// resumes from a snapshot it can read (a build of another codec would replay the whole journal).
const ownLabels = {before: `${saved}-before`, after: `${saved}-after`};
for (const name of ['before', 'after'] as const) {
	await rm(labels, {recursive: true, force: true});
	await cp(saved, labels, {recursive: true});
	await measureStartupOnce(set.dir, count, [], 120_000, builds[name]);
	await rm(ownLabels[name], {recursive: true, force: true});
	await cp(labels, ownLabels[name], {recursive: true});
}

for (let run = 0; run < Number(runsArgument); run++) {
	for (const name of run % 2 === 0
		? (['before', 'after'] as const)
		: (['after', 'before'] as const)) {
		await rm(labels, {recursive: true, force: true});
		await cp(ownLabels[name], labels, {recursive: true});
		const load = os.loadavg()[0]?.toFixed(1);
		const figures = await measureStartupOnce(set.dir, count, [], 120_000, builds[name]);
		process.stdout.write(
			`${name.padEnd(6)} resumed 100k: first image ${formatMs(figures.firstImageMs)}, counter ${formatMs(figures.counterMs)}, total known ${formatMs(figures.totalKnownMs)}, peak RSS ${formatBytes(figures.peakRssBytes ?? Number.NaN)}, with the quit ${formatBytes(figures.sessionPeakRssBytes ?? Number.NaN)} (load ${load})\n`,
		);
	}
}
