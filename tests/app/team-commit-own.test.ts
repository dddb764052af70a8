import assert from 'node:assert/strict';
import test from 'node:test';
import {openDataset} from '../../source/app/dataset.js';
import {teamCommitPlan} from '../../source/app/team-commit.js';
import {entries, getEntry, setEntry} from '../../source/core/persistent-map.js';
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
		// Alice's decisions come from her session, not from a second fold of her journal: a field
		// changed in the session's state (and in no journal) is what the plan holds.
		const own = store.getState();
		const [path, decision] =
			[...entries(folded.state.decisions)].find(([item]) => getEntry(own.decisions, item)) ?? [];
		assert.ok(path !== undefined && decision !== undefined, 'alice decided an item the plan moves');
		const marked = setEntry(own.decisions, path, {...decision, ms: 424_242});
		const session = {getState: () => ({...own, decisions: marked})};
		const fromSession = await teamCommitPlan({ledger, mode, config, store: session});
		assert.equal(getEntry(fromSession.state.decisions, path)?.ms, 424_242);
		assert.notEqual(getEntry(folded.state.decisions, path)?.ms, 424_242);
	} finally {
		await dataset.close();
	}
});
