import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {rm} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {promisify} from 'node:util';
import pg from 'pg';
import {latestVersion} from '../../source/ledger/postgres/migrations.js';
import {openPostgresLedger} from '../../source/ledger/postgres/postgres-ledger.js';
import {removeFolder} from '../helpers/dataset.js';
import {startTestPostgres} from '../helpers/postgres.js';
import {cliPath} from '../helpers/pty-session.js';
import {runCli} from '../helpers/run-as.js';
import {teamFolder} from '../helpers/team-fixture.js';
import {exists, imgsift, teamSamples, vote} from '../helpers/team-journals.js';

const server = await startTestPostgres();
test.after(async () => {
	if (typeof server !== 'string') await server.close();
});

test('imgsift db migrate creates the schema once, then has nothing to do', {
	skip: typeof server === 'string' ? server : false,
}, async () => {
	if (typeof server === 'string') return;
	const url = await server.newDatabase();
	const first = await runCli(['db', 'migrate', '--db', url]);
	assert.equal(first.status, 0, first.stderr);
	assert.match(
		first.stdout,
		new RegExp(`applied 1 \\(.+\\), 2 \\(.+\\); the schema is at version ${latestVersion}`),
	);
	assert.ok(!`${first.stdout}${first.stderr}`.includes(server.password));
	const client = new pg.Client({connectionString: url});
	await client.connect();
	try {
		const tables = await client.query<{name: string}>(
			"SELECT tablename AS name FROM pg_tables WHERE tablename LIKE 'imgsift_%' ORDER BY 1",
		);
		assert.deepEqual(
			tables.rows.map((row) => row.name),
			[
				'imgsift_datasets',
				'imgsift_items',
				'imgsift_marks',
				'imgsift_migrations',
				'imgsift_records',
				'imgsift_refused',
				'imgsift_seats',
			],
		);
	} finally {
		await client.end();
	}

	const again = await runCli(['db', 'migrate'], {env: {IMGSIFT_DATABASE_URL: url}});
	assert.equal(again.status, 0, again.stderr);
	assert.match(again.stdout, /already at version 2; nothing to do/);
});

test('a wrong password is a one-line error without the password', {
	skip: typeof server === 'string' ? server : false,
}, async () => {
	if (typeof server === 'string') return;
	const url = new URL(await server.newDatabase());
	url.password = 'Wrong-Secret-77';
	const result = await runCli(['db', 'migrate', '--db', url.toString()]);
	assert.equal(result.status, 1);
	assert.match(
		result.stderr,
		/^imgsift: could not migrate the database at postgres:\/\/imgsift@127\.0\.0\.1:\d+\/\w+: password authentication failed/,
	);
	assert.ok(!`${result.stdout}${result.stderr}`.includes('Wrong-Secret-77'));
});

test('status --db counts the team from the database, not from the folder', {
	skip: typeof server === 'string' ? server : false,
}, async (t) => {
	if (typeof server === 'string') return;
	const url = await server.newDatabase();
	assert.equal((await runCli(['db', 'migrate', '--db', url])).status, 0);
	const image = (index: number) => `img_${String(index).padStart(4, '0')}.jpg`;
	const dir = await teamFolder([
		['ann', image(1), 'photo', 1],
		['ann', image(2), 'photo', 2],
		['bob', image(1), 'photo', 1],
		['bob', image(2), 'screenshot', 2],
	]);
	t.after(() => removeFolder(dir));
	// Each person's session sends their local journal to the database when it opens.
	for (const user of ['ann', 'bob']) {
		const mode = {kind: 'overlap', votes: 2} as const;
		await (await openPostgresLedger({dataset: dir, url, user, mode})).close();
	}

	await rm(path.join(dir, '.labels', 'journal'), {recursive: true});
	// cy is labeling now: two images claimed, none decided yet.
	const cy = await openPostgresLedger({
		dataset: dir,
		url,
		user: 'cy',
		mode: {kind: 'overlap', votes: 2},
	});
	t.after(() => cy.close());
	await cy.offer([image(3), image(4), image(5)]);
	assert.equal((await cy.claim(2)).length, 2);
	const {stdout} = await promisify(execFile)(process.execPath, [
		cliPath,
		'status',
		dir,
		'--overlap',
		'2',
		'--db',
		url,
	]);
	assert.match(stdout, /team {9}3 people, overlap: each image decided by 2 people/);
	assert.match(stdout, /\n {4}ann +2 +\d+ +0 /);
	assert.match(stdout, /\n {4}cy +0 +0 +2 {2}never/);
	assert.match(stdout, /items {8}1 settled, 0 adjudicated, 0 pending, 1 contested/);
	assert.ok(!stdout.includes(server.password));
});

test('commit --db moves by the final labels the database holds', {
	skip: typeof server === 'string' ? server : false,
}, async (t) => {
	if (typeof server === 'string') return;
	const url = await server.newDatabase();
	assert.equal((await runCli(['db', 'migrate', '--db', url])).status, 0);
	const dir = await teamSamples('imgsift-commit-db-');
	t.after(() => removeFolder(dir));
	const mode = {kind: 'overlap', votes: 2} as const;
	for (const [user, items] of [
		['ann', ['img_0001.jpg']],
		['bob', ['img_0001.jpg', 'img_0002.jpg']],
	] as const) {
		const ledger = await openPostgresLedger({dataset: dir, url, user, mode});
		for (const [index, item] of items.entries()) {
			await ledger.append(await vote(dir, index + 1, item, 'photo'));
		}

		await ledger.close();
	}

	// bob's votes are only in the database now.
	await rm(path.join(dir, '.labels', 'journal', 'bob.jsonl'));
	const result = imgsift('commit', dir, '--db', url, '--overlap', '2', '--user', 'ann');
	assert.equal(result.status, 0, result.stderr);
	assert.match(result.stdout, /Moved 1 file .*Left in place: 1 still waiting for votes/);
	assert.equal(await exists(path.join(dir, 'labeled', 'photo', 'img_0001.jpg')), true);
	assert.equal(await exists(path.join(dir, 'img_0002.jpg')), true);
	assert.ok(!`${result.stdout}${result.stderr}`.includes(server.password));
});
