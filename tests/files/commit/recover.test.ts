import assert from 'node:assert/strict';
import {copyFile, link, mkdir, readFile, rename, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {entries, getEntry} from '../../../source/core/persistent-map.js';
import {transition} from '../../../source/core/session-reducer.js';
import type {SessionState} from '../../../source/core/session-state.js';
import {
	executeCommit,
	planCommit,
	planFilePath,
	recoverCommit,
} from '../../../source/files/commit/index.js';
import {writePlanFile} from '../../../source/files/commit/plan-file.js';
import {
	contentIndex,
	decidedState,
	exists,
	journalFrom,
	placeFiles,
	samplesDir,
	sha1Of,
	tempFolder,
} from '../../helpers/commit-fixture.js';

const inputs: Record<string, string> = {
	'a.jpg': 'img_0001.jpg',
	'b.jpg': 'img_0002.jpg',
	'c.jpg': 'img_0003.jpg',
	'd.png': 'img_0022.png',
	'e.png': 'img_0023.png',
	'f.jpg': 'img_0004.jpg',
	'g.jpg': 'img_0005.jpg',
};

const labels = (paths: string[]) =>
	Object.fromEntries(paths.map((item) => [item, item.endsWith('.png') ? 'screenshot' : 'photo']));

/** Every input's bytes are in exactly one file, and the journal says where. */
async function assertEachInputOnce(dir: string, state: SessionState, paths: string[]) {
	const index = await contentIndex(dir);
	for (const item of paths) {
		const hash = await sha1Of(path.join(samplesDir, inputs[item] ?? ''));
		const holders = index.get(hash) ?? [];
		assert.equal(holders.length, 1, `${item} is held by ${holders.join(', ')}`);
		assert.equal(getEntry(state.moved, item), holders[0], `the journal knows where ${item} is`);
	}

	assert.deepEqual(
		[...index.values()].flat().filter((file) => file.endsWith('.imgsift-partial')),
		[],
	);
}

test('a commit stopped by a failing journal is finished by recoverCommit', async (t) => {
	const dir = await tempFolder(t);
	const paths = Object.keys(inputs);
	await placeFiles(dir, Object.fromEntries(paths.map((item) => [item, inputs[item] ?? ''])));
	const state = await decidedState(dir, labels(paths));
	const dying = journalFrom(state, 3);
	await assert.rejects(
		executeCommit({dir, out: 'sorted', state, record: dying.record}),
		/d\.png was moved to sorted\/screenshot\/d\.png, but the journal did not take the record/,
	);
	assert.equal(await exists(planFilePath(dir)), true, 'the plan stays for recovery');
	assert.equal(await exists(path.join(dir, 'e.png')), true, 'nothing moves after the failure');

	const journal = journalFrom(dying.state());
	const report = await recoverCommit({
		dir,
		out: 'sorted',
		state: dying.state(),
		record: journal.record,
	});
	assert.deepEqual(
		report.moved.map((entry) => [entry.path, entry.recovered]),
		[
			['d.png', true],
			['e.png', true],
			['f.jpg', true],
			['g.jpg', true],
		],
	);
	assert.equal(await exists(planFilePath(dir)), false);
	await assertEachInputOnce(dir, journal.state(), paths);
});

test('recovery finishes every way a kill can leave a move, and running it again changes nothing', async (t) => {
	const dir = await tempFolder(t);
	const paths = [...Object.keys(inputs), 'undone.jpg'];
	await placeFiles(dir, {
		...Object.fromEntries(Object.keys(inputs).map((item) => [item, inputs[item] ?? ''])),
		'undone.jpg': 'img_0006.jpg',
		'sorted/photo/g.jpg': 'img_0007.jpg',
	});
	let state = await decidedState(dir, labels(paths));
	const plan = planCommit({dir, out: 'sorted', state});
	await writePlanFile(dir, plan.entries);
	// The last decision is undone after the plan was written.
	state = transition(state, {type: 'undo', time: 't'})?.state ?? state;
	const at = (item: string) => path.join(dir, item);
	await mkdir(at('sorted/screenshot'), {recursive: true});

	// a: moved and recorded. b: moved, not recorded. c: killed between link and unlink.
	await rename(at('a.jpg'), at('sorted/photo/a.jpg'));
	state =
		transition(state, {
			type: 'moved',
			time: 't',
			path: 'a.jpg',
			to: 'sorted/photo/a.jpg',
			label: 'photo',
		})?.state ?? state;
	await rename(at('b.jpg'), at('sorted/photo/b.jpg'));
	await link(at('c.jpg'), at('sorted/photo/c.jpg'));
	// d: a cross-filesystem copy finished, the source not yet unlinked.
	await copyFile(at('d.png'), at('sorted/screenshot/d.png'));
	// e: a copy cut short. f: untouched. g: moved to its hashed name, not recorded.
	const eBytes = await readFile(at('e.png'));
	await writeFile(at('sorted/screenshot/e.png.imgsift-partial'), eBytes.subarray(0, 1000));
	const gHashed = `sorted/photo/g.${(await sha1Of(at('g.jpg'))).slice(0, 8)}.jpg`;
	await rename(at('g.jpg'), at(gHashed));

	const planText = await readFile(planFilePath(dir), 'utf8');
	const journal = journalFrom(state);
	const report = await recoverCommit({dir, out: 'sorted', state, record: journal.record});
	assert.deepEqual(
		journal.events.map((event) => event.type === 'moved' && [event.path, event.to]),
		[
			['b.jpg', 'sorted/photo/b.jpg'],
			['c.jpg', 'sorted/photo/c.jpg'],
			['d.png', 'sorted/screenshot/d.png'],
			['e.png', 'sorted/screenshot/e.png'],
			['f.jpg', 'sorted/photo/f.jpg'],
			['g.jpg', gHashed],
		],
	);
	assert.deepEqual([report.skipped, report.failed, report.stopped], [[], [], undefined]);
	assert.equal(await exists(at('undone.jpg')), true, 'an undone decision is not moved');
	assert.equal(await exists(at('sorted/photo/g.jpg')), true, 'the other g.jpg stays');
	await assertEachInputOnce(dir, journal.state(), Object.keys(inputs));

	// The same plan again, as after a kill just before the plan was removed: nothing happens.
	await writeFile(planFilePath(dir), planText);
	const before = await contentIndex(dir);
	const again = journalFrom(journal.state());
	const rerun = await recoverCommit({
		dir,
		out: 'sorted',
		state: journal.state(),
		record: again.record,
	});
	assert.deepEqual([rerun.moved, again.events], [[], []]);
	assert.deepEqual(await contentIndex(dir), before);
	assert.equal(await exists(planFilePath(dir)), false);
	assert.deepEqual([...entries(journal.state().moved)].length, Object.keys(inputs).length);
});

test('a plan that cannot be read stops the commit and is left for a person', async (t) => {
	const dir = await tempFolder(t);
	await placeFiles(dir, {'a.jpg': 'img_0001.jpg', '.labels/commit-plan.json': Buffer.from('{"v')});
	const state = await decidedState(dir, {'a.jpg': 'photo'});
	const journal = journalFrom(state);
	const report = await executeCommit({dir, out: 'sorted', state, record: journal.record});
	assert.match(report.stopped ?? '', /interrupted commit cannot be finished: .*not valid JSON/);
	assert.deepEqual([report.moved, journal.events], [[], []]);
	assert.equal(await readFile(planFilePath(dir), 'utf8'), '{"v');
	assert.equal(await exists(path.join(dir, 'a.jpg')), true);
});
