import type {Argv} from 'yargs';

const dbDescription =
	'PostgreSQL for a team across machines: postgres://user@host:5432/db (or IMGSIFT_DATABASE_URL; keep the password in the variable or ~/.pgpass)';

/** Where a team's decisions and claims live. */
export const addDatabaseOption = <T>(command: Argv<T>) =>
	command.option('db', {type: 'string', describe: dbDescription});

/** Team labeling: a shared database, and how many people decide each image. */
export const addTeamOptions = <T>(command: Argv<T>) =>
	addDatabaseOption(command).option('overlap', {
		type: 'number',
		describe: 'every image is decided by N different people (2-9); default: by one person',
	});
