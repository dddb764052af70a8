import assert from 'node:assert/strict';
import test from 'node:test';
import type {SessionAction} from '../../../source/core/session-actions.js';
import {transition} from '../../../source/core/session-reducer.js';
import {initialState, type SessionState} from '../../../source/core/session-state.js';
import {planCommit} from '../../../source/files/commit/index.js';

const dir = '/data/set';
const item = (itemPath: string) => ({path: itemPath, size: 10, mtimeMs: 1000});

/** Decides each path as a person would (no copy records), then applies `more` (moves, copies). */
function stateWith(
	decisions: ReadonlyArray<[string, string]>,
	more: readonly SessionAction[] = [],
	classes = ['photo', 'screenshot'],
): SessionState {
	let state = initialState(classes);
	const decides = decisions.map(
		([itemPath, label]): SessionAction => ({
			type: 'decide',
			time: 't',
			item: item(itemPath),
			label,
			ms: 1,
		}),
	);
	for (const action of [...decides, ...more]) {
		const next = transition(state, action);
		assert.ok(next, `${action.type} applies`);
		state = next.state;
	}

	return state;
}

const moved = (itemPath: string, to: string, label: string): SessionAction => ({
	type: 'moved',
	time: 't',
	path: itemPath,
	to,
	label,
});

const destinations = (plan: ReturnType<typeof planCommit>) =>
	plan.entries.map((entry) => [entry.path, entry.to]);

test('exact copies decided apart: the first in path order to its class, the rest to _duplicates', () => {
	const state = stateWith([
		['z/copy.jpg', 'photo'],
		['other.jpg', 'photo'],
		['a/first.jpg', 'photo'],
		['m/copy.jpg', 'photo'],
	]);
	const contents = new Map([
		['a/first.jpg', 'aaaa'],
		['m/copy.jpg', 'aaaa'],
		['z/copy.jpg', 'aaaa'],
		['other.jpg', 'bbbb'],
	]);
	const plan = planCommit({dir, out: 'out', state, contents});
	assert.deepEqual(destinations(plan), [
		['a/first.jpg', 'out/photo/first.jpg'],
		['m/copy.jpg', 'out/_duplicates/photo/copy.jpg'],
		['other.jpg', 'out/photo/other.jpg'],
		['z/copy.jpg', 'out/_duplicates/photo/copy.jpg'],
	]);
	assert.deepEqual(plan.rejected, []);
	// Without the hashes these are four unrelated decisions: every one goes to its class folder.
	assert.ok(
		planCommit({dir, out: 'out', state}).entries.every((entry) =>
			entry.to.startsWith('out/photo/'),
		),
	);
});

test('copies labeled differently stay where they are, with a reason naming both and the labels', () => {
	const state = stateWith([
		['a.jpg', 'photo'],
		['b.jpg', 'screenshot'],
		['c.jpg', 'screenshot'],
	]);
	const contents = new Map([
		['a.jpg', 'same'],
		['b.jpg', 'same'],
	]);
	const plan = planCommit({dir, out: 'out', state, contents});
	assert.deepEqual(destinations(plan), [['c.jpg', 'out/screenshot/c.jpg']]);
	assert.deepEqual(
		plan.rejected.map((entry) => [entry.path, entry.label, entry.reason]),
		[
			[
				'a.jpg',
				'photo',
				'a.jpg and b.jpg are the same image but labeled photo and screenshot; decide again so they share one label, then commit',
			],
			[
				'b.jpg',
				'screenshot',
				'a.jpg and b.jpg are the same image but labeled photo and screenshot; decide again so they share one label, then commit',
			],
		],
	);

	const three = stateWith([
		['a.jpg', 'photo'],
		['b.jpg', 'screenshot'],
		['c.jpg', 'photo'],
	]);
	const all = new Map(['a.jpg', 'b.jpg', 'c.jpg'].map((name) => [name, 'same']));
	const reasons = planCommit({dir, out: 'out', state: three, contents: all}).rejected;
	assert.equal(reasons.length, 3);
	assert.match(
		reasons[0]?.reason ?? '',
		/^a\.jpg, b\.jpg and c\.jpg are the same image but labeled photo, screenshot and photo;/,
	);
});

test('a copy already committed to its class folder sends later copies to _duplicates', () => {
	const state = stateWith(
		[
			['b/kept.jpg', 'photo'],
			['a/later.jpg', 'photo'],
		],
		[moved('b/kept.jpg', 'out/photo/kept.jpg', 'photo')],
	);
	const contents = new Map([
		['a/later.jpg', 'same'],
		['b/kept.jpg', 'same'],
	]);
	assert.deepEqual(destinations(planCommit({dir, out: 'out', state, contents})), [
		['a/later.jpg', 'out/_duplicates/photo/later.jpg'],
	]);

	// One committed to _duplicates only (its first was undone, say): the class folder still needs one.
	const apart = stateWith(
		[
			['b/kept.jpg', 'photo'],
			['a/later.jpg', 'photo'],
		],
		[moved('b/kept.jpg', 'out/_duplicates/photo/kept.jpg', 'photo')],
	);
	assert.deepEqual(destinations(planCommit({dir, out: 'out', state: apart, contents})), [
		['a/later.jpg', 'out/photo/later.jpg'],
	]);
});

test('a copy of a committed file with another label is kept back, the committed one untouched', () => {
	const state = stateWith(
		[
			['kept.jpg', 'photo'],
			['later.jpg', 'screenshot'],
		],
		[moved('kept.jpg', 'out/photo/kept.jpg', 'photo')],
	);
	const contents = new Map([
		['kept.jpg', 'same'],
		['later.jpg', 'same'],
	]);
	const plan = planCommit({dir, out: 'out', state, contents});
	assert.deepEqual(plan.entries, []);
	assert.deepEqual(
		plan.rejected.map((entry) => entry.path),
		['later.jpg'],
	);
	assert.match(plan.rejected[0]?.reason ?? '', /^kept\.jpg and later\.jpg are the same image/);
});

test('the hashes decide: a journaled copy goes by path order, one without a hash stands alone', () => {
	const state = stateWith(
		[['b/source.jpg', 'photo']],
		[
			{type: 'copy', time: 't', item: item('a/copy.jpg'), of: 'b/source.jpg', label: 'photo'},
			{type: 'copy', time: 't', item: item('c/changed.jpg'), of: 'b/source.jpg', label: 'photo'},
		],
	);
	// c/changed.jpg got no hash (changed since decided, or unreadable): it is in no group.
	const contents = new Map([
		['a/copy.jpg', 'same'],
		['b/source.jpg', 'same'],
	]);
	assert.deepEqual(destinations(planCommit({dir, out: 'out', state, contents})), [
		['a/copy.jpg', 'out/photo/copy.jpg'],
		['b/source.jpg', 'out/_duplicates/photo/source.jpg'],
		['c/changed.jpg', 'out/photo/changed.jpg'],
	]);
});

test('copies the plan cannot move take no place in their group', () => {
	const state = stateWith(
		[
			['a.jpg', '../escape'],
			['b.jpg', 'photo'],
			['c.jpg', 'photo'],
		],
		[],
		['photo', '../escape'],
	);
	const contents = new Map(['a.jpg', 'b.jpg', 'c.jpg'].map((name) => [name, 'same']));
	const plan = planCommit({dir, out: 'out', state, contents, exclude: new Set(['b.jpg'])});
	// a.jpg is rejected for its label, b.jpg was settled by a recovery: c.jpg is the one to keep.
	assert.deepEqual(destinations(plan), [['c.jpg', 'out/photo/c.jpg']]);
	assert.deepEqual(
		plan.rejected.map((entry) => entry.path),
		['a.jpg'],
	);
	assert.match(plan.rejected[0]?.reason ?? '', /check the journal entry/);
});
