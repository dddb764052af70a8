import assert from 'node:assert/strict';
import test from 'node:test';
import {buildJournalRecords, journalBenchClasses} from '../../bench/journal-bench.js';
import {foldJournal} from '../../source/core/fold.js';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {transition} from '../../source/core/session-reducer.js';
import {initialState, type SessionState} from '../../source/core/session-state.js';
import {createItemVotes, type ItemVotes} from '../../source/ledger/item-votes.js';
import {ownMarksOf} from '../../source/ledger/own-marks.js';

const me = 'me';
const foldState = (records: readonly JournalRecord[]) =>
	foldJournal(initialState([...journalBenchClasses]), records).state;

function foldedVotes(records: readonly JournalRecord[]): ItemVotes {
	const votes = createItemVotes();
	for (const record of records) votes.apply(me, record);
	return votes;
}

/** Undo records for the top `count` entries of the state's undo stack, as the session writes them. */
function undoChain(state: SessionState, count: number): JournalRecord[] {
	const records: JournalRecord[] = [];
	let current = state;
	for (let index = 0; index < count; index++) {
		const next = transition(current, {type: 'undo', time: '2026-11-26T09:00:00.000Z'});
		if (!next?.record) break;
		records.push(next.record);
		current = next.state;
	}

	return records;
}

for (const seed of [1, 2, 3, 4, 5, 6]) {
	test(`seed ${seed}: votes read off the replayed state match the fold of every record, and stay so`, () => {
		// The first 3,000 records are the journal a session resumes; the rest come after.
		const all = buildJournalRecords(3200, seed);
		const resumed = all.slice(0, 3000);
		const folded = foldedVotes(resumed);
		const seeded = createItemVotes();
		seeded.seed(me, ownMarksOf(foldState(resumed)));
		const paths = [...new Set(all.map((record) => ('path' in record ? record.path : '')))];
		const marks = (votes: ItemVotes) => paths.map((path) => votes.markOf(path, me) ?? '-').join('');
		assert.equal(marks(seeded), marks(folded), 'the same marks at resume');

		// Then the same records in both: new decisions, and undos deep into the resumed stack.
		const later = [...all.slice(3000), ...undoChain(foldState(all), 400)];
		assert.ok(later.filter((record) => record.op === 'undo').length > 300);
		for (const record of later) {
			assert.deepEqual(seeded.apply(me, record), folded.apply(me, record), `seq ${record.seq}`);
		}

		assert.equal(marks(seeded), marks(folded), 'the same marks after');
		assert.ok(paths.some((path) => folded.markOf(path, me) === 'vote'));
	});
}

test('an item skipped and then decided is a vote; a broken one is broken; an undecided skip is a skip', () => {
	const time = '2026-11-26T09:00:00.000Z';
	const item = (path: string) => ({path, size: 10, mtimeMs: 1});
	const actions = [
		{type: 'items-found', paths: ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg']},
		{type: 'skip', time, item: item('a.jpg'), ms: 5},
		{type: 'skip', time, item: item('d.jpg'), ms: 5},
		{type: 'decide', time, item: item('a.jpg'), label: 'photo', ms: 5},
		{type: 'broken', time, item: item('c.jpg'), reason: 'unreadable', detail: 'cut short'},
	] as const;
	let state = initialState([...journalBenchClasses]);
	const records: JournalRecord[] = [];
	for (const action of actions) {
		const next = transition(state, action);
		assert.ok(next, action.type);
		state = next.state;
		if (next.record) records.push(next.record);
	}

	const folded = foldedVotes(records);
	const seeded = createItemVotes();
	seeded.seed(me, ownMarksOf(foldState(records)));
	for (const votes of [folded, seeded]) {
		assert.deepEqual(
			['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg'].map((path) => [
				votes.markOf(path, me),
				votes.isBroken(path),
			]),
			[
				['vote', false],
				[undefined, false],
				[undefined, true],
				['skip', false],
			],
		);
	}
});
