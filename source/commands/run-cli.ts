import {readFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import yargs, {type Argv} from 'yargs';
import {hideBin} from 'yargs/helpers';
import {escapeControl} from '../shared/escape.js';
import {describeFsError, errorCode, writeRemedy} from '../shared/fs-errors.js';
import {ignoreClosedStdout} from '../shared/output.js';
import {packageRootOf} from '../shared/package-root.js';
import {isUserError} from '../shared/user-error.js';
import type {ChooseCommand, CommandRegistration} from './command.js';

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
	// An error outside the command's own promise (a stream, a timer) gets the same one line.
	process.once('uncaughtException', (error) => {
		reportFailure(error);
		process.exit();
	});
	process.once('unhandledRejection', (error) => {
		reportFailure(error);
		process.exit();
	});
	let chosen: ((argv: unknown) => Promise<unknown>) | undefined;
	const choose: ChooseCommand = (command, run) => {
		chosen = run as (argv: unknown) => Promise<unknown>;
		return command;
	};
	const cli = commands.reduce(
		(built, register) => register(built, choose),
		yargs(hideBin([...argv]))
			.scriptName('imgsift')
			.usage('imgsift: label images fast in the terminal, one key per image.')
			// English throughout: the descriptions are, and bundled yargs has no locale files.
			.locale('en'),
	);
	skipHelpCache(cli);
	try {
		const parsed = await cli
			.strict()
			.demandCommand(1, 'Give a folder to label: imgsift <dir> --classes photo,screenshot')
			.help()
			.alias('h', 'help')
			.version(installedVersion())
			.fail((message, error) => {
				if (error) {
					throw error;
				}

				usageError(message);
			})
			.parseAsync();
		// Parse, then dispatch: a group such as `db` parses without one of its commands.
		if (chosen === undefined) {
			usageError(`no command to run in: imgsift ${hideBin([...argv]).join(' ')}`);
		} else {
			await chosen(parsed);
		}
	} catch (error) {
		reportFailure(error);
	}
}

/**
imgsift's own version, from its package.json. Bundled, yargs would look for a package.json from the
working directory and print another project's version, or "unknown".
*/
function installedVersion(): string {
	try {
		const file = path.join(packageRootOf(import.meta.url), 'package.json');
		const {version} = JSON.parse(readFileSync(file, 'utf8')) as {version?: unknown};
		return typeof version === 'string' ? version : 'unknown';
	} catch {
		return 'unknown';
	}
}

type YargsInternals = {
	getInternalMethods?: () => {getUsageInstance?: () => {cacheHelpMessage?: () => void}};
};

/**
After the handler of a command named on the line (`imgsift label <dir>`, not `imgsift <dir>`),
yargs renders the whole help text and keeps it in case the command fails later: 40–50 ms of main
thread on every start. This CLI's fail handler never shows that text, so it is not made. An
internal yargs method, so guarded: without it, yargs does what it did.
*/
function skipHelpCache(cli: Argv): void {
	const usage = (cli as unknown as YargsInternals).getInternalMethods?.().getUsageInstance?.();
	if (typeof usage?.cacheHelpMessage === 'function') {
		usage.cacheHelpMessage = () => undefined;
	}
}

function usageError(message: string): never {
	process.stderr.write(`imgsift: ${escapeControl(message)}\nRun imgsift --help for usage.\n`);
	process.exit(exitUsage);
}

/**
One line on stderr for any failure, never a stack trace (IMGSIFT_DEBUG=1 adds it): a UserError
as it is worded; a file system error (a full disk) with what to do; anything else as unexpected.
*/
export function reportFailure(error: unknown): void {
	const debug = process.env['IMGSIFT_DEBUG'] === '1' && error instanceof Error;
	const trace = debug ? `\n${error.stack ?? ''}` : '';
	process.exitCode = exitUserError;
	if (isUserError(error)) {
		process.stderr.write(`imgsift: ${escapeControl(error.message)}${trace}\n`);
		return;
	}

	const message = escapeControl(error instanceof Error ? error.message : String(error));
	const words = describeFsError(error);
	const advice =
		errorCode(error) === undefined
			? 'This is a bug: run again with IMGSIFT_DEBUG=1 for details, and report it'
			: `${words === message ? 'Check the path it names' : `${words}: ${writeRemedy(error).toLowerCase()}`}, then run the command again`;
	process.stderr.write(`imgsift: stopped: ${message}. ${advice}.${trace}\n`);
}
