import type {Argv} from 'yargs';

const dbDescription =
	'PostgreSQL for a team across machines: postgres://user@host:5432/db (or IMGSIFT_DATABASE_URL; keep the password in the variable or ~/.pgpass)';

/** Where a team's decisions and claims live. */
export const addDatabaseOption = <T>(command: Argv<T>) =>
	command.option('db', {type: 'string', describe: dbDescription});

/** `--overlap N`: every image is decided by N different people (2–9); absent means exclusive. */
export const addOverlapOption = <T>(command: Argv<T>, describe: string) =>
	command.option('overlap', {type: 'number', describe}).check((argv) => {
		const overlap = argv.overlap;
		if (overlap !== undefined && !(Number.isInteger(overlap) && overlap >= 2 && overlap <= 9)) {
			throw new Error(
				`--overlap ${overlap} is not a whole number from 2 to 9: give the number of votes each image gets, for example --overlap 3.`,
			);
		}

		return true;
	});
