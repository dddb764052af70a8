import assert from 'node:assert/strict';
import test from 'node:test';
import {runFullDiskTorture} from '../../bench/torture/full-disk.js';

// The short version of `npm run torture -- --full-disk N`; a failure replays with that seed.
const seed = 20_261_204;

test('a disk that fills during commit and undo loses no file and leaves journal and files agreeing', async (t) => {
	const report = await runFullDiskTorture({seed, rounds: 1});
	if (report.skipped !== undefined) {
		t.skip(report.skipped);
		return;
	}

	const {failure} = report;
	assert.equal(
		failure,
		undefined,
		failure &&
			`round ${failure.round} broke invariant ${failure.invariant}: ${failure.message}; reproduce with npm run torture -- --seed ${seed} --kills 1 --full-disk 1`,
	);
	assert.equal(report.rounds, 1);
	assert.equal(report.commits, 1, 'the round commits on a full disk');
});
