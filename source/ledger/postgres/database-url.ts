/**
The database address as people may see it: never with its password. Every message that might
carry the URL or the password (pg's own errors included) goes through `scrubSecret`.
*/
import {UserError} from '../../shared/user-error.js';

export type DatabaseAddress = {
	/** The full URL, for the driver only. */
	readonly url: string;
	/** `postgres://user@host:port/db`, without the password: for `where`, messages and logs. */
	readonly shown: string;
	readonly password: string;
};

export function parseDatabaseUrl(url: string): DatabaseAddress {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new UserError(
			'the database address is not a URL. Give one like postgres://user@host:5432/imgsift (put the password in IMGSIFT_DATABASE_URL or ~/.pgpass, not on the command line).',
		);
	}

	if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
		throw new UserError(
			`the database address must start with postgres:// (got ${parsed.protocol}//…). Give one like postgres://user@host:5432/imgsift.`,
		);
	}

	const password = decodeURIComponent(parsed.password);
	const shownUrl = new URL(url);
	shownUrl.password = '';
	// Query parameters may hold a password too (`?password=`): shown without any of them.
	shownUrl.search = '';
	return {url, shown: shownUrl.toString(), password};
}

/** `text` with every form of the password and of the full URL replaced. */
export function scrubSecret(text: string, address: DatabaseAddress): string {
	let result = text.split(address.url).join(address.shown);
	const secrets = [address.password, encodeURIComponent(address.password)];
	for (const secret of secrets) {
		if (secret.length > 0) {
			result = result.split(secret).join('***');
		}
	}

	return result;
}

/** A driver error as plain words, the password removed. */
export function describeDatabaseError(error: unknown, address: DatabaseAddress): string {
	const code =
		typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
	const message = error instanceof Error ? error.message : String(error);
	const words = message === '' && code !== '' ? code : message;
	return scrubSecret(words, address);
}
