import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {appendFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {promisify} from 'node:util';
import {removeFolder} from '../helpers/dataset.js';
import {cliPath as cli, startCli} from '../helpers/pty-session.js';
import {type FixtureVote, teamFolder} from '../helpers/team-fixture.js';

async function status(...args: string[]): Promise<string> {
	const {stdout} = await promisify(execFile)(process.execPath, [cli, 'status', ...args]);
	return stdout;
}

const image = (index: number) => `img_${String(index).padStart(4, '0')}.jpg`;

/** ann and bob vote on images 1–4 and agree on 1–3; cy votes on 1 and 4; boss adjudicates 4. */
const votes: FixtureVote[] = [
	['ann', image(1), 'photo', 1],
	['ann', image(2), 'photo', 2],
	['ann', image(3), 'screenshot', 3],
	['ann', image(4), 'photo', 4],
	['bob', image(1), 'photo', 1],
	['bob', image(2), 'photo', 2],
	['bob', image(3), 'screenshot', 30],
	['bob', image(4), 'screenshot', 30],
	['cy\u001b[31m', image(1), 'photo', 5],
];

test('status with several people adds the team: people, rates, items and agreement', async (t) => {
	const dir = await teamFolder(votes);
	t.after(() => removeFolder(dir));
	const text = await status(dir, '--overlap', '2');
	assert.match(text, /team {9}3 people, overlap: each image decided by 2 people/);
	// ann: 4 decisions, all within 10 minutes = 24/h; bob: 2 of 4 recent = 12/h.
	assert.match(text, /ann +4 +24 +0 +\d{4}-/);
	assert.match(text, /bob +4 +12 +0 /);
	assert.match(text, /cy\\x1b\[31m/, 'a hostile user name is escaped');
	// 48 images × 2 votes, 9 cast but image 1 counts 2: 96 − 8 = 88 to go at 42/h.
	assert.match(text, /team rate 42\/h, 88 votes to go, ETA 2 h 06 min/);
	assert.match(text, /items {8}3 settled, 0 adjudicated, 0 pending, 1 contested/);
	assert.match(text, /Cohen κ ann & bob: 0\.50 over 4 items/);
	assert.match(text, /Cohen κ ann & cy\\x1b\[31m: 1\.00 over 1 item\n/);
});

test('status --json carries the same team figures, and an adjudication settles the item', async (t) => {
	const dir = await teamFolder([...votes, ['boss', image(4), 'screenshot', 0.5, true]]);
	t.after(() => removeFolder(dir));
	const report = JSON.parse(await status(dir, '--overlap', '2', '--json')) as {
		team: {items: Record<string, number>; people: Array<{user: string; adjudications: number}>};
	};
	assert.deepEqual(report.team.items, {settled: 3, adjudicated: 1, pending: 0, contested: 0});
	assert.equal(report.team.people.find((person) => person.user === 'boss')?.adjudications, 1);
});

test('status for one person is unchanged: no team part in text or JSON', async (t) => {
	const dir = await teamFolder(votes.filter(([user]) => user === 'ann'));
	t.after(() => removeFolder(dir));
	const text = await status(dir);
	assert.doesNotMatch(text, /^ {2}(team|items|agreement) /m);
	const report = JSON.parse(await status(dir, '--json')) as Record<string, unknown>;
	assert.deepEqual(Object.keys(report), [
		'dir',
		'user',
		'classes',
		'total',
		'decided',
		'perClass',
		'skipped',
		'committed',
		'pendingMoves',
		'undecided',
		'sessions',
		'guesses',
		'hygiene',
		'warnings',
	]);
});

test('status --overlap outside 2–9 is refused with the fix', async () => {
	await assert.rejects(status('.', '--overlap', '12'), (error: {stderr: string}) =>
		/--overlap 12 is not a whole number from 2 to 9/.test(error.stderr),
	);
});

test('status --watch refreshes in place as journals grow, and q quits', async (t) => {
	const dir = await teamFolder(votes);
	t.after(() => removeFolder(dir));
	const session = startCli(['status', dir, '--overlap', '2', '--watch'], {columns: 140, rows: 40});
	t.after(() => session.kill());
	await session.waitFor(
		(screen) => /1 contested/.test(screen) && /q quit/.test(screen),
		'the first status',
	);
	const record = {
		v: 1,
		seq: 2,
		time: new Date().toISOString(),
		op: 'decide',
		path: image(4),
		size: 1,
		mtimeMs: 1,
		label: 'photo',
		ms: 500,
		via: 'key',
	};
	await appendFile(
		path.join(dir, '.labels', 'journal', 'cy\u001b[31m.jsonl'),
		`${JSON.stringify(record)}\n`,
	);
	await session.waitFor(
		(screen) => /4 settled, 0 adjudicated, 0 pending, 0 contested/.test(screen),
		'the refreshed status',
		8000,
	);
	session.write('q');
	const exit = await session.exited;
	assert.equal(exit.exitCode, 0);
});
