import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {openDataset} from '../../source/app/dataset.js';
import {isUserError} from '../../source/shared/user-error.js';
import {teamConfigPath} from '../../source/store/team-config.js';
import {removeFolder} from '../helpers/dataset.js';
import {exists, holdClaims, imgsift, teamSamples, writeVotes} from '../helpers/team-journals.js';

test('--overlap N is kept with the folder: later sessions, commit and status follow it', async (t) => {
	const dir = await teamSamples('imgsift-overlap-kept-');
	t.after(async () => removeFolder(dir));
	const first = await openDataset(dir, {}, 'ann', {overlap: 3});
	assert.deepEqual(first.mode, {kind: 'overlap', votes: 3});
	await first.close();
	assert.deepEqual(JSON.parse(await readFile(teamConfigPath(dir), 'utf8')), {
		version: 1,
		overlap: 3,
	});

	// A later session without --overlap labels the same way.
	const later = await openDataset(dir, {}, 'bea', {});
	assert.deepEqual(later.mode, {kind: 'overlap', votes: 3});
	await later.close();

	// A different number is refused, saying what the folder uses and what to do.
	await assert.rejects(openDataset(dir, {}, 'cara', {overlap: 2}), (error: unknown) => {
		assert.ok(isUserError(error));
		assert.match(
			error.message,
			/is labeled with --overlap 3 \(saved in .*team\.json\), not --overlap 2/,
		);
		assert.match(error.message, /Leave --overlap out \(or give --overlap 3\)/);
		return true;
	});

	// img_0001 has its 3 votes; img_0002 only 2 (in exclusive mode it would be settled).
	await writeVotes(dir, 'ann', [
		['img_0001.jpg', 'photo'],
		['img_0002.jpg', 'photo'],
	]);
	await writeVotes(dir, 'bea', [
		['img_0001.jpg', 'photo'],
		['img_0002.jpg', 'photo'],
	]);
	await writeVotes(dir, 'cara', [['img_0001.jpg', 'photo']]);
	await holdClaims(dir, 'dan', ['img_0009.jpg', 'img_0010.jpg'], Date.now() + 3_600_000);

	const commit = imgsift('commit', dir, '--user', 'ann');
	assert.equal(commit.status, 0, commit.stderr);
	assert.match(
		commit.stdout,
		/Moved 1 file into class folders \(photo 1\)\. Left in place: 1 still waiting for votes\./,
	);
	assert.equal(await exists(path.join(dir, 'labeled', 'photo', 'img_0001.jpg')), true);
	assert.equal(await exists(path.join(dir, 'img_0002.jpg')), true);

	const status = imgsift('status', dir, '--json');
	assert.equal(status.status, 0, status.stderr);
	const report = JSON.parse(status.stdout) as {
		team: {
			mode: unknown;
			items: Record<string, number>;
			people: {user: string; activeClaims: number | null}[];
		};
	};
	assert.deepEqual(report.team.mode, {kind: 'overlap', votes: 3});
	assert.equal(report.team.items['pending'], 1);
	assert.deepEqual(
		report.team.people.map((person) => [person.user, person.activeClaims]),
		[
			['ann', 0],
			['bea', 0],
			['cara', 0],
			['dan', 2],
		],
	);
	const text = imgsift('status', dir);
	assert.equal(text.status, 0, text.stderr);
	assert.match(text.stdout, /overlap: each image decided by 3 people/);
	assert.match(text.stdout, /\n {4}dan +0 +0 +2 {2}never/);
	assert.doesNotMatch(text.stdout, / \? {2}/);
	assert.match(imgsift('status', dir, '--overlap', '2').stderr, /labeled with --overlap 3/);
});

test('a folder never labeled with --overlap stays exclusive and keeps no team setting', async (t) => {
	const dir = await teamSamples('imgsift-overlap-none-');
	t.after(async () => removeFolder(dir));
	const dataset = await openDataset(dir, {}, 'ann', {});
	assert.deepEqual(dataset.mode, {kind: 'exclusive'});
	await dataset.close();
	assert.equal(await exists(teamConfigPath(dir)), false);
});
