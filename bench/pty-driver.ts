import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import pty from 'node-pty';
import {peakRssOf} from './own-peak-rss.js';

/**
The built CLI, run exactly as users run it. IMGSIFT_BENCH_CLI names another build's cli.js, to
measure before and after a change on the same machine at the same load.
*/
export const cliPath =
	process.env['IMGSIFT_BENCH_CLI'] ?? fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

const endOfFrame = '\u001B[?2026l';
/** USER_HZ: Linux reports CPU times in these ticks, 100 a second on every common build. */
const clockTicksPerSecond = 100;
const restoreCursor = '\u001B8';

export type Driven = {
	/**
	Resolves at the first time `test(output since mark)` holds. With `worthALook`, the test runs
	only on chunks where it holds (given the chunk and the end of the one before), so a test that
	reads all of a 100 KiB frame does not run on each of its ~25 chunks.
	*/
	until(
		test: (output: string) => boolean,
		timeoutMs?: number,
		worthALook?: (recent: string) => boolean,
	): Promise<number>;
	mark(): void;
	/**
	Resolves with the time of the last byte once no output has arrived for `quietMs`: when the
	screen has settled, as a terminal sees it.
	*/
	quiet(quietMs: number): Promise<number>;
	write(keys: string): void;
	/** Peak resident memory of the process so far, in bytes (Linux /proc). */
	peakRss(): number | undefined;
	/**
	CPU time the process has used so far, all its threads (libvips' too), user plus system, in ms
	(Linux /proc, 10 ms ticks): unlike wall time, it does not grow with the machine's load.
	*/
	cpuMs(which?: 'process' | 'main-thread'): number | undefined;
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
		cliPath,
		['label', dir, '--render', terminal.render ?? 'blocks', ...extraArgs],
		{
			name: 'xterm-256color',
			cols: terminal.columns ?? 120,
			rows: terminal.rows ?? 40,
			env: {...process.env, COLORTERM: 'truecolor', ...env} as Record<string, string>,
		},
	);
	let output = '';
	let lastDataAt = performance.now();
	let waiter: ((recent: string) => void) | undefined;
	let endOfLastChunk = '';
	child.onData((data) => {
		lastDataAt = performance.now();
		output += data;
		const recent = endOfLastChunk + data;
		endOfLastChunk = data.slice(-16);
		waiter?.(recent);
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
		async until(test, timeoutMs = 30_000, worthALook) {
			return new Promise<number>((resolve, reject) => {
				const timer = setTimeout(() => {
					waiter = undefined;
					reject(new Error(`timed out; last output: ${JSON.stringify(output.slice(-300))}`));
				}, timeoutMs);
				const check = (recent?: string) => {
					if (recent !== undefined && worthALook?.(recent) === false) {
						return;
					}

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
			return peakRssOf(child.pid);
		},
		cpuMs(which = 'process') {
			try {
				// The main thread's id is the process id; its own stat leaves out libvips' threads.
				const where = which === 'process' ? child.pid : `${child.pid}/task/${child.pid}`;
				const stat = readFileSync(`/proc/${where}/stat`, 'utf8');
				// Fields after the command name (which may hold spaces) start at "state"; utime, stime
				// are fields 14 and 15 of the line, so 11 and 12 after it.
				const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				return (Number(fields[11]) + Number(fields[12])) * (1000 / clockTicksPerSecond);
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

/**
For `until`: a chunk that ends a synchronized frame. Searching the whole output (which flattens a
100 KiB string) on each of a frame's ~25 chunks cost this reader 5-9 ms of CPU per frame, on the
2 cores the labeling process uses, and so slowed the pty it drains.
*/
export const endsFrame = (recent: string): boolean => recent.includes(endOfFrame);

/** For `until`: a chunk that ends an overlay (the painter's cursor restore). */
export const endsOverlay = (recent: string): boolean => recent.includes(restoreCursor);

/** True once an image has been painted: half-block glyphs followed by the painter's cursor restore. */
export function imagePainted(output: string): boolean {
	const glyph = output.search(/[▀▄]/);
	return glyph !== -1 && output.includes(restoreCursor, glyph);
}

/**
Made once: the first Intl.NumberFormat of a process loads ICU data (21 ms here). Made after a key,
it stalled this reader on the first frame, so the labeler's pty write blocked and key 1 read 30-50 ms
slower than it was.
*/
const countFormat = new Intl.NumberFormat('en-US');

/**
True once the frame showing `decided` decisions is complete and the image is painted: before the
frame (painted as the key is read) or after it (painted again over a frame that wrote its cells).
*/
export function frameWithDecided(decided: number): (output: string) => boolean {
	const count = countFormat.format(decided);
	const pattern = new RegExp(`(?<![\\d,])${count}/[\\d,]+`);
	return (output) => {
		const found = pattern.exec(output);
		return found !== null && output.includes(endOfFrame, found.index) && imagePainted(output);
	};
}
