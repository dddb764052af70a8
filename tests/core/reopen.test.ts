import assert from 'node:assert/strict';
import test from 'node:test';
import {foldJournal} from '../../source/core/fold.js';
import {copiesOf} from '../../source/core/hygiene-steps.js';
import {parseJournal, recordProblem, serializeRecord} from '../../source/core/journal-parse.js';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {getEntry, hasEntry} from '../../source/core/persistent-map.js';
import {type SessionAction, sessionReducer, transition} from '../../source/core/session-reducer.js';
import {
	decisionOf,
	initialState,
	progressOf,
	type SessionState,
} from '../../source/core/session-state.js';
import {decide, item, run, time, withItems} from '../helpers/session-script.js';

const reopen = (path: string, reason: 'changed' | 'missing' = 'changed'): SessionAction => ({
	type: 'reopen',
	path,
	reason,
	time,
	...(reason === 'changed' ? {size: 7, mtimeMs: 9} : {}),
});
const copy = (path: string, of: string, label: string): SessionAction => ({
	type: 'copy',
	item: item(path),
	of,
	label,
	time,
});
const moved = (path: string, label: string): SessionAction => ({
	type: 'moved',
	path,
	to: `labeled/${label}/${path}`,
	label,
	time,
});
const undo: SessionAction = {type: 'undo', time};

/** What a resumed session must reproduce. */
function visible(state: SessionState) {
	return {
		cursor: state.cursor,
		lowWater: state.lowWater,
		counts: state.counts,
		progress: progressOf(state),
		decisions: state.catalog.paths.map((path) => decisionOf(state, path)?.label),
		copyOf: state.catalog.paths.map((path) => decisionOf(state, path)?.copyOf),
		undoTop: state.history?.top.seq,
	};
}

function replayed(paths: string[], records: readonly JournalRecord[]): SessionState {
	const parsed = parseJournal(records.map((record) => serializeRecord(record)).join(''));
	assert.deepEqual(parsed.problems, []);
	const folded = foldJournal(withItems(paths), parsed.records);
	assert.deepEqual(folded.rejected, []);
	return folded.state;
}

test('a reopened decision is undecided again and the loop visits it again in scan order', () => {
	const paths = ['a', 'b', 'c'];
	const decided = run(withItems(paths), [decide('a', 'photo'), decide('b', 'screenshot')]);
	const reopened = run(decided.state, [reopen('b')]);
	const [record] = reopened.records;
	assert.deepEqual(record, {
		v: 1,
		seq: 3,
		time,
		op: 'reopen',
		path: 'b',
		reason: 'changed',
		size: 7,
		mtimeMs: 9,
	});
	const {state} = reopened;
	assert.equal(decisionOf(state, 'b'), undefined);
	assert.deepEqual(state.counts, {photo: 1, screenshot: 0});
	assert.equal(progressOf(state).decided, 1);
	assert.equal(state.cursor, 'c', 'the image on screen stays');
	assert.equal(state.lowWater, 1);

	const after = run(state, [decide('c', 'photo')]);
	assert.equal(after.state.cursor, 'b', 'b comes back before the end');
	const relabeled = run(after.state, [decide('b', 'photo')]);
	assert.equal(relabeled.state.cursor, undefined);
	assert.deepEqual(relabeled.state.counts, {photo: 3, screenshot: 0});
	const all = [...decided.records, ...reopened.records, ...after.records, ...relabeled.records];
	assert.deepEqual(visible(replayed(paths, all)), visible(relabeled.state));
	// Resumed, the session starts at the first open item; live, the image on screen stayed.
	assert.deepEqual(visible(replayed(paths, all.slice(0, 3))), {...visible(state), cursor: 'b'});
});

test('a reopen with nothing left on screen shows the reopened item', () => {
	const {state} = run(withItems(['a', 'b']), [
		decide('a', 'photo'),
		decide('b', 'photo'),
		reopen('a', 'missing'),
	]);
	assert.equal(state.cursor, 'a');
});

test('a skipped item that was decided and reopened is undecided, not skipped: it comes in scan order', () => {
	const {state, records} = run(withItems(['a', 'b', 'c']), [
		{type: 'skip', item: item('a'), time, ms: 1},
		decide('b', 'photo'),
		decide('c', 'photo'),
		decide('a', 'screenshot'),
		reopen('a'),
	]);
	assert.equal(hasEntry(state.skipped, 'a'), false);
	assert.equal(progressOf(state).skipped, 0);
	assert.equal(state.lowWater, 0);
	assert.equal(state.cursor, 'a');
	assert.deepEqual(visible(replayed(['a', 'b', 'c'], records)), visible(state));
});

test('reopening a group decision opens its pending copies as undo would; moved copies stay', () => {
	const paths = ['a', 'b', 'c', 'd'];
	const {state, records} = run(withItems(paths), [
		decide('a', 'photo'),
		copy('c', 'a', 'photo'),
		copy('d', 'a', 'photo'),
		decide('b', 'screenshot'),
		// The commit moved d (same bytes as the old a), then found a replaced.
		moved('b', 'screenshot'),
		moved('d', 'photo'),
		reopen('a'),
	]);
	assert.equal(decisionOf(state, 'a'), undefined);
	assert.equal(decisionOf(state, 'c'), undefined, 'the pending copy follows a');
	assert.equal(decisionOf(state, 'd')?.label, 'photo', 'the moved copy keeps its place');
	assert.equal(decisionOf(state, 'd')?.copyOf, 'a');
	assert.deepEqual(copiesOf(state, 'a'), [], 'the group is gone');
	assert.deepEqual(state.counts, {photo: 1, screenshot: 1});
	assert.equal(progressOf(state).decided, 1);
	assert.equal(progressOf(state).copies, 1);
	assert.equal(state.cursor, 'a');
	assert.deepEqual(visible(replayed(paths, records)), visible(state));

	// Deciding a again and undoing it leaves the moved d alone.
	const redone = run(state, [decide('a', 'screenshot'), undo]).state;
	assert.equal(decisionOf(redone, 'd')?.label, 'photo');
	assert.equal(progressOf(redone).copies, 1);
	assert.deepEqual(redone.counts, {photo: 1, screenshot: 1});
});

test('reopening one copy takes it out of its group; undoing the group later counts it once', () => {
	const paths = ['a', 'b', 'c'];
	const {state, records} = run(withItems(paths), [
		decide('a', 'photo'),
		copy('b', 'a', 'photo'),
		copy('c', 'a', 'photo'),
		reopen('b', 'missing'),
	]);
	assert.equal(decisionOf(state, 'b'), undefined);
	assert.equal(decisionOf(state, 'a')?.label, 'photo');
	assert.deepEqual(copiesOf(state, 'a'), ['c']);
	assert.equal(progressOf(state).copies, 1);
	assert.deepEqual(state.counts, {photo: 2, screenshot: 0});
	assert.deepEqual(visible(replayed(paths, records)), visible(state));

	// b is back with the same bytes and joins the group again: no link is counted twice.
	const rejoined = run(state, [copy('b', 'a', 'photo')]).state;
	assert.deepEqual(copiesOf(rejoined, 'a'), ['c', 'b']);
	const undone = run(rejoined, [undo]).state;
	assert.deepEqual(undone.counts, {photo: 0, screenshot: 0});
	assert.equal(progressOf(undone).copies, 0);
});

test('an invalid reopen returns the same state and no record', () => {
	const base = run(withItems(['a', 'b']), [decide('a', 'photo')]).state;
	assert.equal(sessionReducer(base, reopen('b')), base, 'b is not decided');
	assert.equal(transition(base, reopen('b')), undefined);
	assert.equal(transition(base, reopen('')), undefined, 'no path');
	const committed = run(base, [moved('a', 'photo')]).state;
	assert.equal(sessionReducer(committed, reopen('a')), committed, 'a was already moved');
	const once = run(base, [reopen('a')]).state;
	assert.equal(sessionReducer(once, reopen('a')), once, 'a twice');
	const stale = {...reopen('a'), seq: base.lastSeq} as SessionAction;
	assert.equal(transition(base, stale), undefined, 'a replayed seq must move forward');
});

test('undo after a reopen undoes the latest decision still standing, never the one set aside', () => {
	const paths = ['a', 'b', 'c'];
	const {state: reopened, records} = run(withItems(paths), [
		decide('a', 'photo'),
		decide('b', 'photo'),
		decide('b', 'screenshot'),
		decide('c', 'photo'),
		reopen('b'),
	]);
	assert.equal(reopened.history?.top.path, 'c', 'what undo acts on, for the loop to look at');
	const first = run(reopened, [undo]);
	assert.equal(first.state.cursor, 'c');
	assert.equal(decisionOf(first.state, 'c'), undefined);
	assert.equal(decisionOf(first.state, 'b'), undefined, 'no older label of b comes back');
	assert.equal(first.state.history?.top.path, 'a', "both of b's decisions are passed over");
	const second = run(first.state, [undo]);
	assert.equal(second.state.cursor, 'a');
	assert.deepEqual(second.state.counts, {photo: 0, screenshot: 0});
	assert.equal(transition(second.state, undo), undefined, 'nothing left to undo');
	const all = [...records, ...first.records, ...second.records];
	assert.deepEqual(
		all.slice(-2).map((record) => (record.op === 'undo' ? record.target : undefined)),
		[4, 1],
	);
	assert.deepEqual(visible(replayed(paths, all)), visible(second.state));
});

test('a decision made after the reopen is undone like any other', () => {
	const {state} = run(withItems(['a', 'b']), [
		decide('a', 'photo'),
		reopen('a'),
		decide('a', 'screenshot'),
		undo,
	]);
	assert.equal(decisionOf(state, 'a'), undefined, 'not back to the label set aside');
	assert.equal(state.cursor, 'a');
	assert.equal(state.history, undefined);
});

test('a missing file reopened without a scan is simply absent from progress', () => {
	const decideRecord: JournalRecord = {
		v: 1,
		seq: 1,
		time,
		op: 'decide',
		path: 'gone.jpg',
		size: 5,
		mtimeMs: 6,
		label: 'photo',
		ms: 10,
		via: 'key',
	};
	const reopenRecord: JournalRecord = {
		v: 1,
		seq: 2,
		time,
		op: 'reopen',
		path: 'gone.jpg',
		reason: 'missing',
	};
	const before = foldJournal(initialState(['photo', 'screenshot']), [decideRecord]).state;
	assert.equal(progressOf(before).decided, 1);
	const {state, rejected} = foldJournal(initialState(['photo', 'screenshot']), [
		decideRecord,
		reopenRecord,
	]);
	assert.deepEqual(rejected, []);
	assert.equal(progressOf(state).decided, 0);
	assert.equal(progressOf(state).total, 0);
	// The scan never lists it: nothing waits for it.
	const scanned = sessionReducer(sessionReducer(state, {type: 'items-found', paths: ['x.jpg']}), {
		type: 'scan-finished',
	});
	assert.equal(scanned.cursor, 'x.jpg');
	const done = sessionReducer(scanned, decide('x.jpg', 'photo'));
	assert.equal(done.cursor, undefined);
	assert.equal(getEntry(done.decisions, 'gone.jpg'), undefined);
});

test('reopen records are validated', () => {
	const base = {v: 1, seq: 3, time, op: 'reopen', path: 'a.jpg'};
	assert.equal(recordProblem({...base, reason: 'changed', size: 1, mtimeMs: 2}), undefined);
	assert.equal(recordProblem({...base, reason: 'missing'}), undefined);
	for (const broken of [
		{...base, reason: 'bored'},
		{...base},
		{...base, path: '', reason: 'missing'},
		{...base, reason: 'changed', size: -1},
		{...base, reason: 'changed', mtimeMs: 'late'},
	]) {
		assert.equal(recordProblem(broken), 'reopen record is missing fields', JSON.stringify(broken));
	}
});
