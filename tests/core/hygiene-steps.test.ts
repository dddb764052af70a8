import assert from 'node:assert/strict';
import test from 'node:test';
import {foldJournal} from '../../source/core/fold.js';
import {copiesOf} from '../../source/core/hygiene-steps.js';
import {parseJournal, recordProblem, serializeRecord} from '../../source/core/journal-parse.js';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {getEntry} from '../../source/core/persistent-map.js';
import {type SessionAction, sessionReducer, transition} from '../../source/core/session-reducer.js';
import {decisionOf, progressOf, type SessionState} from '../../source/core/session-state.js';
import {decide, item, run, time, withItems} from '../helpers/session-script.js';

const broken = (path: string): SessionAction => ({
	type: 'broken',
	item: item(path),
	reason: 'truncated',
	detail: 'image data ends early',
	time,
});
const copy = (path: string, of: string, label: string): SessionAction => ({
	type: 'copy',
	item: item(path),
	of,
	label,
	time,
});

/** The parts of a state a replay must reproduce. */
function visible(state: SessionState) {
	return {
		cursor: state.cursor,
		counts: state.counts,
		progress: progressOf(state),
		decisions: state.catalog.paths.map((path) => decisionOf(state, path)?.label),
		broken: state.catalog.paths.map((path) => getEntry(state.broken, path)?.reason),
	};
}

function replayed(paths: string[], records: readonly JournalRecord[]): SessionState {
	const text = records.map((record) => serializeRecord(record)).join('');
	const parsed = parseJournal(text);
	assert.deepEqual(parsed.problems, []);
	const folded = foldJournal(withItems(paths), parsed.records);
	assert.deepEqual(folded.rejected, []);
	return folded.state;
}

test('a broken item never becomes the cursor, even when it is on screen or was skipped', () => {
	const paths = ['a', 'b', 'c', 'd'];
	const {state, records} = run(withItems(paths), [
		broken('b'),
		decide('a', 'photo'),
		{type: 'skip', item: item('c'), time, ms: 5},
		broken('c'),
		broken('d'),
	]);
	assert.equal(state.cursor, undefined, 'nothing left: b, c and d are broken');
	assert.equal(progressOf(state).broken, 3);
	assert.equal(progressOf(state).skipped, 0, 'a broken skipped item does not come back');
	assert.equal(getEntry(state.broken, 'c')?.detail, 'image data ends early');
	assert.deepEqual(visible(replayed(paths, records)), visible(state));
});

test('the cursor moves on when the item on screen is found broken', () => {
	const state = run(withItems(['a', 'b']), [broken('a')]).state;
	assert.equal(state.cursor, 'b');
	assert.equal(sessionReducer(state, broken('a')), state, 'broken twice does not apply');
	const decided = run(withItems(['a', 'b']), [decide('a', 'photo')]).state;
	assert.equal(sessionReducer(decided, broken('a')), decided, 'a decided item is not set aside');
});

test('an exact copy follows its decision, and undo undoes the whole group', () => {
	const paths = ['a', 'b', 'c', 'd'];
	const {state, records} = run(withItems(paths), [
		decide('a', 'photo'),
		copy('c', 'a', 'photo'),
		copy('d', 'a', 'photo'),
	]);
	assert.equal(state.cursor, 'b');
	assert.equal(decisionOf(state, 'c')?.copyOf, 'a');
	assert.deepEqual(copiesOf(state, 'a'), ['c', 'd']);
	assert.deepEqual(state.counts, {photo: 3, screenshot: 0});
	assert.equal(progressOf(state).decided, 1);
	assert.equal(progressOf(state).copies, 2);
	assert.equal(state.sessions.length, 0);
	assert.deepEqual(visible(replayed(paths, records)), visible(state));

	const undone = run(state, [{type: 'undo', time}]);
	assert.equal(undone.state.cursor, 'a');
	assert.equal(decisionOf(undone.state, 'c'), undefined);
	assert.equal(decisionOf(undone.state, 'd'), undefined);
	assert.deepEqual(undone.state.counts, {photo: 0, screenshot: 0});
	assert.equal(progressOf(undone.state).copies, 0);
	assert.deepEqual(copiesOf(undone.state, 'a'), []);
	const all = [...records, ...undone.records];
	assert.deepEqual(visible(replayed(paths, all)), visible(undone.state));

	// Deciding again after the undo: c and d come back as open items, then follow the new label.
	const after = run(undone.state, [decide('a', 'screenshot')]).state;
	assert.equal(after.cursor, 'b');
	const regrouped = run(after, [copy('c', 'a', 'screenshot')]).state;
	assert.equal(decisionOf(regrouped, 'c')?.label, 'screenshot');
});

test('undo of a later decision leaves an earlier group alone', () => {
	const {state} = run(withItems(['a', 'b', 'c']), [
		decide('a', 'photo'),
		copy('c', 'a', 'photo'),
		decide('b', 'screenshot'),
		{type: 'undo', time},
	]);
	assert.equal(state.cursor, 'b');
	assert.equal(decisionOf(state, 'c')?.label, 'photo');
});

test('a copy must match a decided, non-copy source with the same label', () => {
	const base = run(withItems(['a', 'b', 'c']), [decide('a', 'photo')]).state;
	assert.equal(transition(base, copy('b', 'a', 'screenshot')), undefined, 'label differs');
	assert.equal(transition(base, copy('b', 'c', 'photo')), undefined, 'source undecided');
	assert.equal(transition(base, copy('a', 'a', 'photo')), undefined, 'itself');
	const chained = run(base, [copy('b', 'a', 'photo')]).state;
	assert.equal(transition(chained, copy('c', 'b', 'photo')), undefined, 'source is a copy');
	assert.equal(transition(chained, copy('b', 'a', 'photo')), undefined, 'already decided');
	const withBroken = run(base, [broken('c')]).state;
	assert.equal(transition(withBroken, copy('c', 'a', 'photo')), undefined, 'broken');
});

test('a copy of the item on screen moves the cursor; a skipped copy leaves the skip queue', () => {
	const {state} = run(withItems(['a', 'b', 'c']), [
		{type: 'skip', item: item('a'), time, ms: 1},
		decide('b', 'photo'),
		copy('c', 'b', 'photo'),
	]);
	assert.equal(state.cursor, 'a', 'c was on screen; only the skipped a is left');
	const done = run(state, [copy('a', 'b', 'photo')]).state;
	assert.equal(done.cursor, undefined);
	assert.equal(progressOf(done).skipped, 0);
	assert.equal(progressOf(done).decided, 1, 'one decision by a person');
	assert.equal(progressOf(done).copies, 2);
});

test('broken and copy records are validated', () => {
	const base = {v: 1, seq: 3, time, path: 'a.jpg', size: 1, mtimeMs: 2};
	assert.equal(recordProblem({...base, op: 'broken', reason: 'corrupt', detail: ''}), undefined);
	assert.equal(
		recordProblem({...base, op: 'broken', detail: 'x'}),
		'broken record is missing fields',
	);
	assert.equal(recordProblem({...base, op: 'copy', of: 'b.jpg', label: 'photo'}), undefined);
	assert.equal(
		recordProblem({...base, op: 'copy', label: 'photo'}),
		'copy record is missing fields',
	);
});
