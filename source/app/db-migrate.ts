/** `imgsift db migrate`: applies the missing schema migrations to the team's database. */
import process from 'node:process';
import pg from 'pg';
import {databaseUrlFrom} from '../ledger/open-ledger.js';
import {describeDatabaseError, parseDatabaseUrl} from '../ledger/postgres/database-url.js';
import {latestVersion, migrate} from '../ledger/postgres/migrations.js';
import {UserError} from '../shared/user-error.js';

export async function runDbMigrate(options: {readonly db: string | undefined}): Promise<void> {
	const url = databaseUrlFrom(options.db);
	if (url === undefined) {
		throw new UserError(
			'no database given. Pass --db postgres://user@host:5432/db or set IMGSIFT_DATABASE_URL.',
		);
	}

	const address = parseDatabaseUrl(url);
	const client = new pg.Client({connectionString: address.url, connectionTimeoutMillis: 5000});
	client.on('error', () => undefined);
	try {
		await client.connect();
		const applied = await migrate(client);
		const done =
			applied.length === 0
				? `${address.shown}: the schema is already at version ${latestVersion}; nothing to do.`
				: `${address.shown}: applied ${applied.map((each) => `${each.version} (${each.name})`).join(', ')}; the schema is at version ${latestVersion}.`;
		process.stdout.write(`${done}\n`);
	} catch (error) {
		throw new UserError(
			`could not migrate the database at ${address.shown}: ${describeDatabaseError(error, address)}. Check the address and that this user may create tables there.`,
		);
	} finally {
		await client.end().catch(() => undefined);
	}
}
