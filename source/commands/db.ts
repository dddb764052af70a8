import type {CommandRegistration} from './command.js';
import {addDatabaseOption} from './options/team-options.js';

export const dbCommand: CommandRegistration = (cli, choose) =>
	cli.command('db <action>', 'set up the PostgreSQL database a team shares', (command) =>
		addDatabaseOption(command).command(
			'migrate',
			'create or update the imgsift tables (safe to run again)',
			(migrate) =>
				choose(migrate, async (argv) =>
					(await import('../app/db-migrate.js')).runDbMigrate({db: argv.db}),
				),
		),
	);
