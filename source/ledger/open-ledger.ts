/** Picks the adapter: PostgreSQL when a database address is given, else the files on this box. */
import {openFilesLedger} from './files/files-ledger.js';
import type {Ledger, LedgerOptions} from './ledger.js';

export type OpenLedgerOptions = LedgerOptions & {
	/** `--db`, else IMGSIFT_DATABASE_URL; undefined for the embedded files. */
	readonly db?: string | undefined;
};

/** The database address a session uses: `--db` wins over IMGSIFT_DATABASE_URL. */
export function databaseUrlFrom(
	flag: string | undefined,
	env: NodeJS.ProcessEnv = process.env,
): string | undefined {
	const chosen = flag ?? env['IMGSIFT_DATABASE_URL'];
	return chosen === undefined || chosen.trim() === '' ? undefined : chosen.trim();
}

export async function openLedger(options: OpenLedgerOptions): Promise<Ledger> {
	const {db, ...rest} = options;
	if (db === undefined) {
		return openFilesLedger(rest);
	}

	// pg loads only for a team with a database: a session alone need not pay for it.
	const {openPostgresLedger} = await import('./postgres/postgres-ledger.js');
	return openPostgresLedger({...rest, url: db});
}
