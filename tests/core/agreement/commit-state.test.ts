import assert from 'node:assert/strict';
import test from 'node:test';
import {teamCommitState, type UserFold} from '../../../source/core/agreement/commit-state.js';
import {teamConsensus} from '../../../source/core/agreement/final-labels.js';
import type {RecordsOfUser} from '../../../source/core/agreement/votes.js';
import {foldRecords} from '../../../source/core/fold.js';
import type {JournalRecord} from '../../../source/core/journal-record.js';
import {entries, getEntry} from '../../../source/core/persistent-map.js';
import {initialState} from '../../../source/core/session-state.js';
import {decodeState, type EncodedState, encodeState} from '../../../source/core/state-codec.js';

const classes = ['cat', 'dog'];

function decide(seq: number, path: string, label: string, size = 10, adjudicated = false) {
	return {
		v: 1,
		seq,
		time: `2026-12-04T10:00:${String(seq).padStart(2, '0')}.000Z`,
		op: 'decide',
		path,
		size,
		mtimeMs: 1,
		label,
		ms: 300,
		via: 'key',
		...(adjudicated ? {origin: 'adjudicated'} : {}),
	} as JournalRecord;
}

function moved(seq: number, path: string, label: string): JournalRecord {
	return {
		v: 1,
		seq,
		time: '2026-12-04T11:00:00.000Z',
		op: 'moved',
		path,
		to: `out/${label}/${path}`,
		label,
	};
}

function plan(users: RecordsOfUser[], claims: [string, string[]][], self: string) {
	const folds: UserFold[] = users.map(({user, records}) => {
		const {state} = foldRecords(initialState(classes), records);
		return {user, decisions: state.decisions, moved: state.moved};
	});
	const consensus = teamConsensus(users, {kind: 'exclusive'}, {classes});
	const result = teamCommitState({classes, folds, consensus, claims: new Map(claims), self});
	const decided = [...entries(result.state.decisions)]
		.map(([path, decision]) => [path, decision.label, decision.size] as const)
		.sort(([left], [right]) => (left < right ? -1 : 1));
	return {decided, held: result.held, moved: [...entries(result.state.moved)].map(([p]) => p)};
}

test('final labels move, with the file identity of a vote for that label', () => {
	const users = [
		{user: 'ann', records: [decide(1, 'a', 'cat', 11), decide(2, 'c', 'cat', 13)]},
		{user: 'bea', records: [decide(1, 'b', 'dog', 12), decide(2, 'c', 'dog', 14)]},
		// The adjudicator's decision is final, and its stat is the one the plan checks.
		{user: 'dan', records: [decide(1, 'c', 'dog', 15, true)]},
	];
	assert.deepEqual(plan(users, [], 'ann').decided, [
		['a', 'cat', 11],
		['b', 'dog', 12],
		['c', 'dog', 15],
	]);
});

test('claimed items stay, but the committer’s own claim on an item they voted on does not', () => {
	const users = [
		{user: 'ann', records: [decide(1, 'a', 'cat'), decide(2, 'b', 'cat')]},
		{user: 'bea', records: [decide(1, 'c', 'dog'), decide(2, 'd', 'dog')]},
	];
	// ann's session holds a (she decided it) and c (decided by bea, ann has not looked yet);
	// bea holds d.
	const result = plan(
		users,
		[
			['ann', ['a', 'c']],
			['bea', ['d']],
		],
		'ann',
	);
	assert.deepEqual(
		result.decided.map(([path]) => path),
		['a', 'b'],
	);
	assert.deepEqual(result.held, {claimed: 2, contested: 0, pending: 0});
});

test('an item anyone moved is not planned again, and contested ones are counted', () => {
	const users = [
		{user: 'ann', records: [decide(1, 'a', 'cat'), moved(2, 'b', 'dog'), decide(3, 'c', 'cat')]},
		{user: 'bea', records: [decide(1, 'b', 'dog'), decide(2, 'c', 'dog')]},
	];
	const result = plan(users, [], 'ann');
	assert.deepEqual(
		result.decided.map(([path]) => path),
		['a'],
	);
	assert.deepEqual(result.moved, ['b']);
	assert.deepEqual(result.held, {claimed: 0, contested: 1, pending: 0});
});

test('the committer’s own resumed decisions are the plan’s, not a copy: only what differs is added', () => {
	const annRecords = Array.from({length: 40}, (_, index) => decide(index + 1, `p${index}`, 'cat'));
	const users = [
		{user: 'ann', records: annRecords},
		{user: 'bea', records: [decide(1, 'p3', 'dog'), decide(2, 'q', 'dog')]},
	];
	const folded = foldRecords(initialState(classes), annRecords).state;
	const resumed = decodeState(JSON.parse(JSON.stringify(encodeState(folded))) as EncodedState);
	const folds: UserFold[] = [
		{user: 'ann', decisions: resumed.decisions, moved: resumed.moved},
		...users.slice(1).map(({user, records}) => {
			const {state} = foldRecords(initialState(classes), records);
			return {user, decisions: state.decisions, moved: state.moved};
		}),
	];
	const consensus = teamConsensus(users, {kind: 'exclusive'}, {classes});
	const {state} = teamCommitState({classes, folds, consensus, claims: new Map(), self: 'ann'});
	assert.ok(state.decisions.base && state.decisions.base === resumed.decisions.base);
	const changed = state.decisions.buckets.reduce((sum, bucket) => sum + (bucket?.size ?? 0), 0);
	assert.equal(changed, 2, 'p3 (contested) taken out, q (bea’s) added');
	assert.equal(state.decisions.size, 40);
	assert.equal(getEntry(state.decisions, 'p3'), undefined);
	assert.equal(getEntry(state.decisions, 'q')?.label, 'dog');
	assert.equal(getEntry(state.decisions, 'p7')?.label, 'cat');
});
