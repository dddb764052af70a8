import assert from 'node:assert/strict';
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {UserError} from '../../source/shared/user-error.js';
import {projectPath} from '../../source/store/paths.js';
import {
	loadProject,
	type ProjectDefaults,
	resolveOut,
	resolveProject,
} from '../../source/store/project-config.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const defaults: ProjectDefaults = {
	out: 'sorted',
	order: 'path',
	seed: 42,
	user: 'ada',
	now: new Date('2026-11-25T10:00:00.000Z'),
};

test('a folder without a project loads as undefined', async (t) => {
	const dir = await makeTempDir(t);
	assert.equal(await loadProject(dir), undefined);
});

test('the first run needs classes and says how to give them', async (t) => {
	const dir = await makeTempDir(t);
	await assert.rejects(resolveProject(dir, {}, defaults), (error: unknown) => {
		assert.ok(error instanceof UserError);
		assert.match(error.message, /has no imgsift project yet.*--classes photo,screenshot/);
		return true;
	});
	assert.equal(await loadProject(dir), undefined);
});

test('the first run saves the flags and defaults to .labels/project.json', async (t) => {
	const dir = await makeTempDir(t);
	const {config, created} = await resolveProject(
		dir,
		{classes: ['photo', 'screenshot'], order: 'shuffle'},
		defaults,
	);
	assert.equal(created, true);
	const expected = {
		version: 1,
		classes: ['photo', 'screenshot'],
		out: 'sorted',
		order: 'shuffle',
		seed: 42,
		user: 'ada',
		createdAt: '2026-11-25T10:00:00.000Z',
	};
	assert.deepEqual(config, expected);
	assert.deepEqual(JSON.parse(await readFile(projectPath(dir), 'utf8')), expected);
	assert.deepEqual(await loadProject(dir), expected);
	assert.equal(resolveOut(dir, config), path.join(dir, 'sorted'));
});

test('out is stored relative when inside the folder, absolute when outside', async (t) => {
	const dir = await makeTempDir(t);
	const inside = path.join(dir, 'data');
	await mkdir(inside);
	const {config} = await resolveProject(
		inside,
		{classes: ['cat', 'dog'], out: path.join(inside, 'out', 'final')},
		defaults,
	);
	assert.equal(config.out, 'out/final');

	const other = path.join(dir, 'other');
	await mkdir(other);
	const outside = path.join(dir, 'elsewhere');
	const second = await resolveProject(other, {classes: ['cat', 'dog'], out: outside}, defaults);
	assert.equal(second.config.out, outside);
	assert.equal(resolveOut(other, second.config), outside);
});

test('later runs reuse the saved values; equal flags are fine', async (t) => {
	const dir = await makeTempDir(t);
	const first = await resolveProject(dir, {classes: ['photo', 'screenshot']}, defaults);
	const later = await resolveProject(dir, {}, {...defaults, seed: 7, order: 'shuffle'});
	assert.equal(later.created, false);
	assert.deepEqual(later.config, first.config);

	const same = await resolveProject(
		dir,
		{classes: ['photo', 'screenshot'], out: path.join(dir, 'sorted'), order: 'path', seed: 42},
		defaults,
	);
	assert.deepEqual(same.config, first.config);
});

test('a flag that differs from the saved value is a one-line error naming both and the file', async (t) => {
	const dir = await makeTempDir(t);
	await resolveProject(dir, {classes: ['photo', 'screenshot']}, defaults);
	await assert.rejects(
		resolveProject(dir, {classes: ['cat', 'dog']}, defaults),
		(error: unknown) => {
			assert.ok(error instanceof UserError);
			assert.equal(
				error.message,
				`--classes cat,dog differs from this folder's classes photo,screenshot (saved in ${projectPath(dir)}). Drop the flag, or label into another folder.`,
			);
			return true;
		},
	);
	await assert.rejects(
		resolveProject(dir, {order: 'shuffle', seed: 1, out: 'other'}, defaults),
		/--out other differs from this folder's output folder sorted; --order shuffle differs from this folder's order path; --seed 1 differs from this folder's seed 42 \(saved in /,
	);
	// Reordered classes change which key means what, so they conflict too.
	await assert.rejects(
		resolveProject(dir, {classes: ['screenshot', 'photo']}, defaults),
		/--classes/,
	);
});

test('another user reuses the project without changing who created it', async (t) => {
	const dir = await makeTempDir(t);
	await resolveProject(dir, {classes: ['photo', 'screenshot']}, defaults);
	const {config} = await resolveProject(dir, {user: 'grace'}, defaults);
	assert.equal(config.user, 'grace');
	assert.equal((await loadProject(dir))?.user, 'ada');
});

test('unusable class names are a UserError and nothing is saved', async (t) => {
	const dir = await makeTempDir(t);
	await assert.rejects(
		resolveProject(dir, {classes: ['photo', 'photo']}, defaults),
		/--classes is not usable: class "photo" is listed twice/,
	);
	await assert.rejects(resolveProject(dir, {classes: ['only']}, defaults), /at least two classes/);
	assert.equal(await loadProject(dir), undefined);
});

test('a project file with a wrong shape says what is wrong and what to do', async (t) => {
	const dir = await makeTempDir(t);
	await mkdir(path.dirname(projectPath(dir)));
	await writeFile(projectPath(dir), JSON.stringify({version: 1, classes: 'photo'}));
	await assert.rejects(
		loadProject(dir),
		/project\.json is not an imgsift project file: "classes" is not a list of names\. Fix it by hand/,
	);
	await writeFile(projectPath(dir), '{"version": 1,');
	await assert.rejects(resolveProject(dir, {}, defaults), /project\.json is not valid JSON/);
});
