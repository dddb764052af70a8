import assert from 'node:assert/strict';
import test from 'node:test';
import {adjudicationQueue} from '../../../source/core/agreement/adjudication-queue.js';
import {
	committable,
	finalLabels,
	teamConsensus,
} from '../../../source/core/agreement/final-labels.js';
import {type RecordsOfUser, votesByItem} from '../../../source/core/agreement/votes.js';
import {recordProblem} from '../../../source/core/journal-parse.js';
import type {JournalRecord} from '../../../source/core/journal-record.js';

let seq = 0;
const stat = {size: 10, mtimeMs: 1};

function decide(path: string, label: string, extra: Partial<JournalRecord> = {}): JournalRecord {
	seq++;
	return {
		v: 1,
		seq,
		time: `2026-12-04T10:00:${String(seq % 60).padStart(2, '0')}.000Z`,
		op: 'decide',
		path,
		...stat,
		label,
		ms: 300,
		via: 'key',
		...extra,
	} as JournalRecord;
}

function user(name: string, records: JournalRecord[]): RecordsOfUser {
	return {user: name, records};
}

const overlap3 = {kind: 'overlap', votes: 3} as const;

test('votes: a later decision replaces, an undo brings back the earlier one, a reopen clears', () => {
	const first = decide('a.jpg', 'cat');
	const second = decide('a.jpg', 'dog');
	const b = decide('b.jpg', 'cat');
	const records: JournalRecord[] = [
		first,
		second,
		{v: 1, seq: ++seq, time: 't', op: 'undo', path: 'a.jpg', target: second.seq},
		b,
		{v: 1, seq: ++seq, time: 't', op: 'reopen', path: 'b.jpg', reason: 'changed'},
	];
	const items = votesByItem([user('ann', records)]);
	assert.equal(items.get('a.jpg')?.votes.get('ann')?.label, 'cat');
	assert.equal(items.has('b.jpg'), false);
});

test('votes: undoing a decision undoes the exact copies decided with it', () => {
	const original = decide('a.jpg', 'cat');
	const copy: JournalRecord = {
		v: 1,
		seq: ++seq,
		time: 't',
		op: 'copy',
		path: 'a-copy.jpg',
		...stat,
		of: 'a.jpg',
		label: 'cat',
	};
	const undo: JournalRecord = {
		v: 1,
		seq: ++seq,
		time: 't',
		op: 'undo',
		path: 'a.jpg',
		target: original.seq,
	};
	assert.equal(votesByItem([user('ann', [original, copy])]).get('a-copy.jpg')?.votes.size, 1);
	assert.equal(votesByItem([user('ann', [original, copy, undo])]).has('a-copy.jpg'), false);
});

test('overlap 3: three agreeing votes settle, two are pending, a three-way split is contested', () => {
	const consensus = teamConsensus(
		[
			user('ann', [
				decide('agree.jpg', 'cat'),
				decide('two.jpg', 'cat'),
				decide('split.jpg', 'cat'),
				decide('lean.jpg', 'dog'),
			]),
			user('bob', [
				decide('agree.jpg', 'cat'),
				decide('two.jpg', 'dog'),
				decide('split.jpg', 'dog'),
				decide('lean.jpg', 'dog'),
			]),
			user('cy', [
				decide('agree.jpg', 'cat'),
				decide('split.jpg', 'fox'),
				decide('lean.jpg', 'cat'),
			]),
		],
		overlap3,
		{classes: ['cat', 'dog', 'fox']},
	);
	assert.equal(consensus.method, 'majority');
	const status = (path: string) => consensus.items.get(path)?.status;
	assert.equal(status('agree.jpg'), 'settled');
	assert.equal(status('two.jpg'), 'pending');
	assert.equal(status('split.jpg'), 'contested');
	// 2 of 3 under the one-coin model at 0.8 with 3 classes: 0.064 / 0.073 ≈ 0.877 ≥ 0.75.
	assert.equal(status('lean.jpg'), 'settled');
	assert.ok(Math.abs((consensus.items.get('lean.jpg')?.confidence ?? 0) - 0.064 / 0.073) < 1e-9);
	assert.deepEqual(consensus.counts, {settled: 2, adjudicated: 0, pending: 1, contested: 1});
});

test('an adjudicated decision is final, and the queue lists the contested items with votes and guess', () => {
	const guess = {label: 'dog', confidence: 0.7, source: 'builtin'};
	const users = [
		user('ann', [decide('x.jpg', 'cat'), decide('y.jpg', 'cat')]),
		user('bob', [
			decide('x.jpg', 'dog', {guess} as Partial<JournalRecord>),
			decide('y.jpg', 'dog'),
		]),
	];
	const mode = {kind: 'overlap', votes: 2} as const;
	const before = teamConsensus(users, mode);
	const queue = adjudicationQueue(before);
	assert.deepEqual(
		queue.map((item) => [item.path, item.votes, item.guess?.label]),
		[
			[
				'x.jpg',
				[
					{user: 'ann', label: 'cat'},
					{user: 'bob', label: 'dog'},
				],
				'dog',
			],
			[
				'y.jpg',
				[
					{user: 'ann', label: 'cat'},
					{user: 'bob', label: 'dog'},
				],
				undefined,
			],
		],
	);
	assert.equal(finalLabels(users, mode).size, 0);
	const judged = [
		...users,
		user('boss', [decide('x.jpg', 'cat', {origin: 'adjudicated'} as Partial<JournalRecord>)]),
	];
	const finals = finalLabels(judged, mode);
	assert.deepEqual(finals.get('x.jpg'), {
		label: 'cat',
		confidence: 1,
		how: 'adjudicated',
		voters: ['ann', 'bob'],
		adjudicator: 'boss',
	});
	assert.equal(finals.has('y.jpg'), false);
	assert.deepEqual(
		adjudicationQueue(teamConsensus(judged, mode)).map((item) => item.path),
		['y.jpg'],
	);
});

test('exclusive mode: one decision is final; commit leaves out claimed items', () => {
	const users = [user('ann', [decide('a.jpg', 'cat')]), user('bob', [decide('b.jpg', 'dog')])];
	const finals = finalLabels(users, {kind: 'exclusive'});
	assert.deepEqual([...finals.keys()].sort(), ['a.jpg', 'b.jpg']);
	assert.deepEqual([...committable(finals, new Set(['b.jpg'])).keys()], ['a.jpg']);
	const clash = [...users, user('cy', [decide('a.jpg', 'dog')])];
	assert.equal(teamConsensus(clash, {kind: 'exclusive'}).items.get('a.jpg')?.status, 'contested');
});

test('Dawid–Skene takes over once enough items overlap, and no items gives empty counts', () => {
	const ann: JournalRecord[] = [];
	const bob: JournalRecord[] = [];
	const cy: JournalRecord[] = [];
	for (let index = 0; index < 30; index++) {
		const label = index % 2 === 0 ? 'cat' : 'dog';
		ann.push(decide(`i${index}.jpg`, label));
		bob.push(decide(`i${index}.jpg`, label));
		cy.push(decide(`i${index}.jpg`, index % 3 === 0 ? 'dog' : label));
	}

	const users = [user('ann', ann), user('bob', bob), user('cy', cy)];
	const consensus = teamConsensus(users, overlap3, {classes: ['cat', 'dog']});
	assert.equal(consensus.overlapItems, 30);
	assert.equal(consensus.minOverlap, 20);
	assert.equal(consensus.method, 'dawid-skene');
	assert.equal(consensus.counts.settled, 30);
	assert.equal(
		teamConsensus(users, overlap3, {classes: ['cat', 'dog'], minOverlap: 31}).method,
		'majority',
	);
	const empty = teamConsensus([], overlap3);
	assert.deepEqual(empty.counts, {settled: 0, adjudicated: 0, pending: 0, contested: 0});
});

test('the record validator accepts origin adjudicated and refuses any other origin', () => {
	const record = decide('a.jpg', 'cat', {origin: 'adjudicated'} as Partial<JournalRecord>);
	assert.equal(recordProblem(record), undefined);
	assert.equal(recordProblem({...record, origin: 'boss'}), 'decide record is missing fields');
});
