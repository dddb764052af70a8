import assert from 'node:assert/strict';
import test from 'node:test';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {createItemVotes} from '../../source/ledger/item-votes.js';
import {decideRecord} from '../helpers/journal-records.js';

const item = 'a.jpg';
const vote = (seq: number) => decideRecord(seq, {path: item});
const skip = (seq: number): JournalRecord => ({...vote(seq), op: 'skip', ms: 0}) as JournalRecord;

const undo = (seq: number, target: number): JournalRecord => ({
	v: 1,
	seq,
	time: new Date(0).toISOString(),
	op: 'undo',
	path: item,
	target,
});

// One user's mark is kept as a pair and several users' as a Map: every step across that line.
test('votes, voters and marks as a second and third user vote, undo and skip on one item', () => {
	const votes = createItemVotes();
	assert.deepEqual(votes.apply('ann', vote(1)), [{path: item, user: 'ann', mark: 'vote'}]);
	assert.equal(votes.votes(item), 1);
	assert.deepEqual(votes.voters(item), ['ann']);
	assert.equal(votes.markOf(item, 'bob'), undefined);
	assert.deepEqual(votes.apply('ann', vote(2)), [], 'the same mark again changes nothing');

	votes.apply('bob', skip(1));
	assert.equal(votes.markOf(item, 'bob'), 'skip');
	assert.equal(votes.votes(item), 1);
	votes.apply('bob', vote(2));
	votes.apply('cy', vote(1));
	assert.equal(votes.votes(item), 3);
	assert.deepEqual(votes.voters(item), ['ann', 'bob', 'cy']);

	votes.apply('ann', undo(3, 2));
	assert.equal(votes.markOf(item, 'ann'), undefined);
	assert.deepEqual(votes.voters(item), ['bob', 'cy']);
	assert.equal(votes.retractions, 1);
});

test('undoing the only vote on an item leaves it with none, and a new vote counts again', () => {
	const votes = createItemVotes();
	votes.apply('ann', vote(1));
	assert.deepEqual(votes.apply('ann', undo(2, 1)), [{path: item, user: 'ann', mark: undefined}]);
	assert.equal(votes.votes(item), 0);
	assert.deepEqual(votes.voters(item), []);
	assert.equal(votes.retractions, 1);
	votes.apply('bob', vote(3));
	assert.deepEqual(votes.voters(item), ['bob']);
	assert.equal(votes.markOf(item, 'ann'), undefined);
});

test('undo after skip then decide takes back the vote; undoing the skip then changes nothing', () => {
	const votes = createItemVotes();
	votes.apply('ann', skip(1));
	votes.apply('ann', vote(2));
	assert.equal(votes.markOf(item, 'ann'), 'vote');
	// The skip is remembered but no longer the mark: undoing it leaves the vote.
	assert.deepEqual(votes.apply('ann', undo(3, 1)), []);
	assert.equal(votes.markOf(item, 'ann'), 'vote');
	assert.deepEqual(votes.apply('ann', undo(4, 2)), [{path: item, user: 'ann', mark: undefined}]);
	// A seq undone once is forgotten: a second undo of it does nothing.
	assert.deepEqual(votes.apply('ann', undo(5, 2)), []);
	// Seqs far apart (another user's journal) are kept apart.
	votes.apply('bob', decideRecord(1_000_000, {path: 'b.jpg'}));
	assert.deepEqual(votes.apply('bob', undo(1_000_001, 1_000_000)), [
		{path: 'b.jpg', user: 'bob', mark: undefined},
	]);
});
