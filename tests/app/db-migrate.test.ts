import assert from 'node:assert/strict';
import test from 'node:test';
import pg from 'pg';
import {latestVersion} from '../../source/ledger/postgres/migrations.js';
import {startTestPostgres} from '../helpers/postgres.js';
import {runCli} from '../helpers/run-as.js';

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
		new RegExp(`applied 1 \\(.+\\); the schema is at version ${latestVersion}`),
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
				'imgsift_seats',
			],
		);
	} finally {
		await client.end();
	}

	const again = await runCli(['db', 'migrate'], {env: {IMGSIFT_DATABASE_URL: url}});
	assert.equal(again.status, 0, again.stderr);
	assert.match(again.stdout, /already at version 1; nothing to do/);
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
