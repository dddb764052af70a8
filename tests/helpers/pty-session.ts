import {fileURLToPath} from 'node:url';
import xterm from '@xterm/headless';
import pty from 'node-pty';

/** The bundle users run (`npm run build` writes it, and `npm test` builds it first). */
export const cliPath = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));

export type PtySession = {
	/** The screen as text, one string per row, as a real terminal shows it. */
	screen(): string[];
	/** Everything the program wrote, raw. */
	output(): string;
	write(keys: string): void;
	resize(columns: number, rows: number): void;
	/** Polls the screen until `predicate` holds; fails with the screen after `timeoutMs`. */
	waitFor(
		predicate: (screen: string) => boolean,
		what: string,
		timeoutMs?: number,
	): Promise<string>;
	/** Resolves with the exit code (or signal) when the process ends. */
	exited: Promise<{exitCode: number; signal?: number | undefined}>;
	/**
	 * `exited`, bounded: past `timeoutMs` the program is killed and the wait fails with the screen,
	 * so a quit that never finishes fails its test instead of holding the whole run open.
	 */
	exitWithin(timeoutMs?: number): Promise<{exitCode: number; signal?: number | undefined}>;
	kill(signal?: string): void;
	pid: number;
};

export type PtyOptions = {
	columns?: number;
	rows?: number;
	env?: Record<string, string>;
	cwd?: string;
	/** Run as this user (root only): permission tests need a user that chmod can stop. */
	user?: {uid: number; gid: number} | undefined;
};

export function startCli(args: string[], options: PtyOptions = {}): PtySession {
	return startProgram(process.execPath, [cliPath, ...args], options);
}

/** Any program in a pty with a terminal model, e.g. `sh -c` running a README command. */
export function startProgram(file: string, args: string[], options: PtyOptions = {}): PtySession {
	const columns = options.columns ?? 120;
	const rows = options.rows ?? 40;
	const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
	const child = pty.spawn(file, args, {
		name: 'xterm-256color',
		cols: columns,
		rows,
		cwd: options.cwd ?? process.cwd(),
		env: {...process.env, COLORTERM: 'truecolor', ...options.env} as Record<string, string>,
		...options.user,
	});
	let raw = '';
	// Answer the program's terminal queries (DA1, XTVERSION, cell size) as a real terminal does.
	terminal.onData((reply) => {
		child.write(reply);
	});
	child.onData((data) => {
		raw += data;
		terminal.write(data);
	});
	const exited = new Promise<{exitCode: number; signal?: number | undefined}>((resolve) => {
		child.onExit(({exitCode, signal}) => resolve({exitCode, signal}));
	});

	function screen(): string[] {
		const buffer = terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < terminal.rows; row++) {
			lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		}

		return lines;
	}

	async function flushed(): Promise<void> {
		// xterm parses writes asynchronously; an empty write's callback runs after earlier ones.
		await new Promise<void>((resolve) => {
			terminal.write('', resolve);
		});
	}

	return {
		screen,
		output: () => raw,
		write: (keys) => child.write(keys),
		resize(newColumns, newRows) {
			terminal.resize(newColumns, newRows);
			child.resize(newColumns, newRows);
		},
		async waitFor(predicate, what, timeoutMs = 15_000) {
			const deadline = Date.now() + timeoutMs;
			let done: string | undefined;
			void exited.then(({exitCode, signal}) => {
				done = `the program exited (code ${exitCode}${signal ? `, signal ${signal}` : ''})`;
			});
			for (;;) {
				await flushed();
				const text = screen().join('\n');
				if (predicate(text)) {
					return text;
				}

				if (Date.now() > deadline || done) {
					await flushed();
					const final = screen().join('\n');
					if (predicate(final)) {
						return final;
					}

					// A failed wait must not leave the program running: it would hold the test
					// runner open long after the failure was reported.
					if (!done) {
						child.kill('SIGKILL');
					}

					throw new Error(
						`${done ?? `timed out after ${timeoutMs} ms`} waiting for ${what}; screen:\n${final}`,
					);
				}

				await new Promise((resolve) => {
					setTimeout(resolve, 20);
				});
			}
		},
		exited,
		async exitWithin(timeoutMs = 60_000) {
			let timer: NodeJS.Timeout | undefined;
			const late = new Promise<'late'>((resolve) => {
				timer = setTimeout(() => resolve('late'), timeoutMs);
			});
			const outcome = await Promise.race([exited, late]);
			clearTimeout(timer);
			if (outcome !== 'late') return outcome;
			await flushed();
			const final = screen().join('\n');
			child.kill('SIGKILL');
			throw new Error(`the program had not exited after ${timeoutMs} ms; screen:\n${final}`);
		},
		kill: (signal) => child.kill(signal),
		pid: child.pid,
	};
}
