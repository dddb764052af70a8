import {execFile} from 'node:child_process';
import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {TestContext} from 'node:test';
import {promisify} from 'node:util';

const run = promisify(execFile);

export type TmuxSession = {
	/** The server's socket, for `tmux -S socket attach`. */
	readonly socket: string;
	/** The pane's text; with `escapes`, including SGR colour sequences (capture-pane -e). */
	capture(escapes?: boolean): Promise<string>;
	/** tmux send-keys: each argument is a key name ('q', 'Enter', 'C-c') or literal text. */
	sendKeys(...keys: string[]): Promise<void>;
	/** A tmux format about the pane, e.g. '#{alternate_on}'. */
	display(format: string): Promise<string>;
	/** Polls the pane (with escapes) until `predicate` holds; fails with the pane after timeoutMs. */
	waitFor(predicate: (pane: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
	resize(columns: number, rows: number): Promise<void>;
	/** The last `bytes` characters the pane's program wrote, escapes and all: for failure messages. */
	outputTail(bytes?: number): Promise<string>;
};

/**
 * Runs `command` in a detached tmux server of its own (socket in `dir`), killed when the test
 * ends. The pane stays after the command exits so the final screen can be read.
 */
export async function startTmux(
	t: TestContext,
	dir: string,
	command: string,
	{columns = 120, rows = 40, options = [] as string[]} = {},
): Promise<TmuxSession> {
	const socket = path.join(dir, 'tmux.sock');
	const config = path.join(dir, 'tmux.conf');
	await writeFile(config, ['set -g remain-on-exit on', ...options, ''].join('\n'));
	const env = {...process.env};
	delete env['TMUX'];
	const tmux = async (...args: string[]) =>
		(await run('tmux', ['-S', socket, ...args], {env, encoding: 'utf8'})).stdout;
	await tmux('-f', config, 'new-session', '-d', '-x', String(columns), '-y', String(rows), command);
	// By pid, not socket: another cleanup may already have removed the socket's folder.
	const serverPid = Number((await tmux('display-message', '-p', '#{pid}')).trim());
	t.after(() => {
		try {
			process.kill(serverPid, 'SIGTERM');
		} catch {
			// Already gone.
		}
	});
	// Everything the program writes, so a failure can say what reached the terminal and in what order.
	const outputLog = path.join(dir, 'pane-output.log');
	await tmux('pipe-pane', '-t', '0', `cat >> '${outputLog.replaceAll("'", "'\\''")}'`);
	const outputTail = async (bytes = 600) =>
		(await readFile(outputLog, 'utf8').catch(() => '')).slice(-bytes);
	const capture = async (escapes = false) =>
		tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', '0');
	return {
		socket,
		capture,
		async sendKeys(...keys) {
			await tmux('send-keys', '-t', '0', ...keys);
		},
		async display(format) {
			return (await tmux('display-message', '-p', '-t', '0', format)).trim();
		},
		async waitFor(predicate, what, timeoutMs = 20_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const pane = await capture(true);
				if (predicate(pane)) return pane;
				if (Date.now() > deadline) {
					const tail = JSON.stringify(await outputTail());
					throw new Error(
						`timed out waiting for ${what}; pane:\n${await capture(false)}\nlast output: ${tail}`,
					);
				}
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
		outputTail,
		async resize(newColumns, newRows) {
			await tmux('resize-window', '-t', '0', '-x', String(newColumns), '-y', String(newRows));
		},
	};
}
