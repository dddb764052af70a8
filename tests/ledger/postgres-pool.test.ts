import assert from 'node:assert/strict';
import test from 'node:test';
import {createPool} from '../../source/ledger/postgres/connect.js';
import {parseDatabaseUrl} from '../../source/ledger/postgres/database-url.js';
import {startTestPostgres} from '../helpers/postgres.js';

const server = await startTestPostgres();
test.after(async () => {
	if (typeof server !== 'string') await server.close();
});

test('a checked-out client that hears the server say goodbye between queries does not crash us', {
	skip: typeof server === 'string' ? server : false,
}, async () => {
	if (typeof server === 'string') return;
	const pool = createPool(parseDatabaseUrl(await server.newDatabase()));
	const client = await pool.connect();
	// A restart's 57P01 read while no query runs is emitted as 'error': with no listener, it throws.
	const goodbye = Object.assign(new Error('terminating connection due to administrator command'), {
		code: '57P01',
	});
	try {
		await client.query('SELECT 1');
		assert.doesNotThrow(() => client.emit('error', goodbye));
	} finally {
		client.release(goodbye);
	}

	try {
		const after = await pool.query<{one: number}>('SELECT 1 AS one');
		assert.equal(after.rows[0]?.one, 1, 'the pool goes on with a new connection');
	} finally {
		await pool.end();
	}
});
