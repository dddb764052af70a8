import process from 'node:process';
import yargs from 'yargs';
import {hideBin} from 'yargs/helpers';
import {ignoreClosedStdout} from '../shared/output.js';
import {isUserError} from '../shared/user-error.js';
import type {CommandRegistration} from './command.js';

// Exit codes: 0 ok, 1 a user error with a one-line message, 2 a usage error.
const exitUserError = 1;
const exitUsage = 2;

/** Parses argv, runs the chosen command, and turns a user error into one line on stderr. */
export async function runCli(
	commands: readonly CommandRegistration[],
	argv: readonly string[] = process.argv,
): Promise<void> {
	// React reads NODE_ENV when it loads (lazily, with the label command): without it, its
	// development build checks every render (about 1.3 s of main thread in a 100k resume profile).
	process.env['NODE_ENV'] ??= 'production';
	ignoreClosedStdout();
	const cli = commands.reduce(
		(built, register) => register(built),
		yargs(hideBin([...argv]))
			.scriptName('imgsift')
			.usage('imgsift: label images fast in the terminal, one key per image.'),
	);
	try {
		await cli
			.strict()
			.demandCommand(1, 'Give a folder to label: imgsift <dir> --classes photo,screenshot')
			.help()
			.alias('h', 'help')
			.version()
			.fail((message, error) => {
				if (error) {
					throw error;
				}

				process.stderr.write(`imgsift: ${message}\nRun imgsift --help for usage.\n`);
				process.exit(exitUsage);
			})
			.parseAsync();
	} catch (error) {
		if (!isUserError(error)) {
			throw error;
		}

		process.stderr.write(`imgsift: ${error.message}\n`);
		process.exitCode = exitUserError;
	}
}
