import assert from 'node:assert/strict';
import test from 'node:test';
import {runTorture} from '../../bench/torture/run-torture.js';

// The short version of `npm run torture`: a fixed seed, so a failure here replays with
// `npm run torture -- --seed 20261125 --kills 20`.
const seed = 20_261_125;

test('20 SIGKILLs at random moments lose no acknowledged decision and no file', async () => {
	const report = await runTorture({seed, kills: 20});
	const {failure} = report;
	assert.equal(
		failure,
		undefined,
		failure &&
			`kill ${failure.kill} (${failure.kind}) broke invariant ${failure.invariant}: ${failure.message}; folder kept at ${failure.dir}; reproduce with npm run torture -- --seed ${seed} --kills 20`,
	);
	// A commit round kills twice (the labeler, then the commit), so the count may end at 21.
	assert.ok(report.kills >= 20, `only ${report.kills} kills landed`);
	assert.ok(report.byKind.label > 0, 'some kills hit a labeling session');
	// The opening rounds script every kind on both datasets; a kind whose process finished before
	// the kill is not counted, so only the kinds whose kill cannot miss are required.
	assert.ok(report.byKind.undo > 0, 'some kills hit an undo of a committed file');
	assert.ok(
		report.killsAcross > 0,
		'some kills hit the dataset whose class folders are on /dev/shm',
	);
	assert.ok(
		report.byKind.check + report.byKind.commit > 0,
		'some kills hit a commit or a quarantine',
	);
});
