import assert from 'node:assert/strict';
import test from 'node:test';
import {openDataset} from '../../source/app/dataset.js';
import {teamCommitPlan} from '../../source/app/team-commit.js';
import {entries, getEntry} from '../../source/core/persistent-map.js';
import {labeledSamples} from '../helpers/labeled-dataset.js';

test("the team's commit plan takes the committer's decisions from their session, not a second fold", async (t) => {
	const {dir} = await labeledSamples(t);
	const dataset = await openDataset(dir, undefined, 'alice');
	try {
		const {ledger, mode, config, store} = dataset;
		const folded = await teamCommitPlan({ledger, mode, config});
		const shared = await teamCommitPlan({ledger, mode, config, store});
		// The same plan either way: what moves, with which label, and what stays.
		assert.deepEqual([...entries(shared.state.decisions)], [...entries(folded.state.decisions)]);
		assert.deepEqual([...entries(shared.state.moved)], [...entries(folded.state.moved)]);
		assert.deepEqual(shared.held, folded.held);
		assert.ok(shared.state.decisions.size > 0, 'alice and bob agree on some items');
		// Alice's own decisions are her session's objects: her journal is not held a second time.
		const own = store.getState().decisions;
		const reused = [...entries(shared.state.decisions)].filter(
			([path, decision]) => getEntry(own, path) === decision,
		);
		assert.equal(reused.length, shared.state.decisions.size);
	} finally {
		await dataset.close();
	}
});
