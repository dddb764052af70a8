import {type ChildProcess, spawn} from 'node:child_process';
import {watch} from 'node:fs';
import {mkdir} from 'node:fs/promises';
import {foldJournal} from '../../source/core/fold.js';
import {initialState, type SessionState} from '../../source/core/session-state.js';
import {readJournalFile} from '../../source/ledger/files/journal-file.js';
import {journalPath, labelsDir} from '../../source/store/paths.js';
import {cliPath} from '../../tests/helpers/pty-session.js';

export type CliRun = {
	readonly code: number | null;
	readonly signal: NodeJS.Signals | null;
	readonly stdout: string;
	readonly stderr: string;
};

function collect(child: ChildProcess): Promise<CliRun> {
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		stdout += chunk.toString('utf8');
	});
	child.stderr?.on('data', (chunk: Buffer) => {
		stderr += chunk.toString('utf8');
	});
	// A SIGKILLed child can reset its end of the socket pair (ECONNRESET): its output just ends.
	child.stdout?.on('error', () => undefined);
	child.stderr?.on('error', () => undefined);
	return new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({code, signal, stdout, stderr}));
	});
}

/** Runs the built CLI to its end, output piped (no terminal), as a script would. */
export async function runCli(args: readonly string[]): Promise<CliRun> {
	return collect(spawn(process.execPath, [cliPath, ...args], {stdio: ['ignore', 'pipe', 'pipe']}));
}

export type KilledRun = CliRun & {
	/** The process was still running when SIGKILL was sent. */
	readonly killedAlive: boolean;
	/** The work had visibly started (the watched file appeared) before the kill. */
	readonly started: boolean;
};

/**
Spawns the CLI and SIGKILLs it `delayMs` after a file named `startedBy` appears in `.labels/`
(the commit plan, the quarantine log): node's start-up alone takes ~300 ms, so a delay counted
from spawn would always kill it before it touched a file.
*/
export async function runCliAndKill(
	dir: string,
	args: readonly string[],
	startedBy: string,
	delayMs: number,
): Promise<KilledRun> {
	const folder = labelsDir(dir);
	await mkdir(folder, {recursive: true});
	let started = false;
	let killedAlive = false;
	const child = spawn(process.execPath, [cliPath, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	const ended = collect(child);
	let running = true;
	void ended.then(() => {
		running = false;
	});
	const watcher = watch(folder, (_event, name) => {
		if (name !== startedBy || started) {
			return;
		}

		started = true;
		setTimeout(() => {
			if (running) {
				killedAlive = child.kill('SIGKILL');
			}
		}, delayMs);
	});
	try {
		return {...(await ended), killedAlive, started};
	} finally {
		watcher.close();
	}
}

export type StatusJson = {
	readonly total: number;
	readonly decided: number;
	readonly committed: number;
	readonly pendingMoves: number;
	readonly skipped: number;
	readonly perClass: Readonly<Record<string, number>>;
};

/** `imgsift status <dir> --json`, parsed; throws with its output when it fails. */
export async function statusOf(dir: string, user: string): Promise<StatusJson> {
	const run = await runCli(['status', dir, '--user', user, '--json']);
	if (run.code !== 0) {
		throw new Error(`imgsift status exited ${run.code ?? run.signal}: ${run.stderr.trim()}`);
	}

	try {
		return JSON.parse(run.stdout) as StatusJson;
	} catch (error) {
		throw new Error(`imgsift status --json printed no JSON: ${run.stdout.slice(0, 300)}`, {
			cause: error,
		});
	}
}

/** The state the journal on disk folds to, by the same code a restarted session uses. */
export async function journalStateOf(
	dir: string,
	user: string,
	classes: readonly string[],
): Promise<SessionState> {
	const journal = await readJournalFile(journalPath(dir, user));
	return foldJournal(initialState(classes), journal.records).state;
}
