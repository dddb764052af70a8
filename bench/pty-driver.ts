import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import pty from 'node-pty';

/**
The built CLI, run exactly as users run it. IMGSIFT_BENCH_CLI names another build's cli.js, to
measure before and after a change on the same machine at the same load.
*/
export const cliPath =
	process.env['IMGSIFT_BENCH_CLI'] ?? fileURLToPath(new URL('../cli.js', import.meta.url));

const endOfFrame = '\u001B[?2026l';
const restoreCursor = '\u001B8';

export type Driven = {
	/** Resolves at the first time `test(output since mark)` holds. */
	until(test: (output: string) => boolean, timeoutMs?: number): Promise<number>;
	mark(): void;
	/**
	Resolves with the time of the last byte once no output has arrived for `quietMs`: when the
	screen has settled, as a terminal sees it.
	*/
	quiet(quietMs: number): Promise<number>;
	write(keys: string): void;
	/** Peak resident memory of the process so far, in bytes (Linux /proc). */
	peakRss(): number | undefined;
	/** CPU time (user + system, all threads) the process used so far, in ms (Linux /proc). */
	cpuMs(): number | undefined;
	quit(): Promise<number>;
	readonly startedAt: number;
};

/** Runs `imgsift label` in a real pty, recording output for latency checks. */
export function driveLabel(
	dir: string,
	extraArgs: string[] = [],
	env: Record<string, string> = {},
	terminal: {columns?: number; rows?: number; render?: string} = {},
): Driven {
	const startedAt = performance.now();
	// No terminal emulator answers here, so name the renderer instead of waiting for the probe.
	const child = pty.spawn(
		process.execPath,
		[cliPath, 'label', dir, '--render', terminal.render ?? 'blocks', ...extraArgs],
		{
			name: 'xterm-256color',
			cols: terminal.columns ?? 120,
			rows: terminal.rows ?? 40,
			env: {...process.env, COLORTERM: 'truecolor', ...env} as Record<string, string>,
		},
	);
	let output = '';
	let lastDataAt = performance.now();
	let waiter: (() => void) | undefined;
	child.onData((data) => {
		lastDataAt = performance.now();
		output += data;
		waiter?.();
	});
	const exited = new Promise<number>((resolve) => {
		child.onExit(({exitCode}) => resolve(exitCode));
	});

	return {
		startedAt,
		mark() {
			output = '';
		},
		write: (keys) => child.write(keys),
		async quiet(quietMs) {
			for (;;) {
				const idle = performance.now() - lastDataAt;
				if (idle >= quietMs) {
					return lastDataAt;
				}

				await new Promise((resolve) => {
					setTimeout(resolve, quietMs - idle);
				});
			}
		},
		async until(test, timeoutMs = 30_000) {
			return new Promise<number>((resolve, reject) => {
				const timer = setTimeout(() => {
					waiter = undefined;
					reject(new Error(`timed out; last output: ${JSON.stringify(output.slice(-300))}`));
				}, timeoutMs);
				const check = () => {
					if (test(output)) {
						clearTimeout(timer);
						waiter = undefined;
						resolve(performance.now());
					}
				};

				waiter = check;
				check();
			});
		},
		peakRss() {
			try {
				const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
				const kilobytes = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
				return kilobytes === undefined ? undefined : Number(kilobytes) * 1024;
			} catch {
				return undefined;
			}
		},
		cpuMs() {
			try {
				// Fields 14 and 15 of /proc/PID/stat, after the parenthesised name: clock ticks (100/s).
				const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
				const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				return (Number(fields[11]) + Number(fields[12])) * 10;
			} catch {
				return undefined;
			}
		},
		async quit() {
			child.write('q');
			return exited;
		},
	};
}

/** True once an image has been painted: half-block glyphs followed by the painter's cursor restore. */
export function imagePainted(output: string): boolean {
	const glyph = output.search(/[▀▄]/);
	return glyph !== -1 && output.includes(restoreCursor, glyph);
}

/** True once the frame showing `decided` decisions is complete, image repaint included. */
export function frameWithDecided(decided: number): (output: string) => boolean {
	const count = new Intl.NumberFormat('en-US').format(decided);
	const pattern = new RegExp(`(?<![\\d,])${count}/[\\d,]+`);
	return (output) => {
		const found = pattern.exec(output);
		return (
			found !== null &&
			output.includes(endOfFrame, found.index) &&
			imagePainted(output.slice(found.index))
		);
	};
}
