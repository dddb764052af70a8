/** Runs a node program as a child of the scale bench, timing it and reading its own peak RSS. */
import {spawn} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {cliPath} from './pty-driver.js';

const peakRssPreload = new URL('scale-peak-rss.js', import.meta.url).href;
export const walkChildPath = fileURLToPath(new URL('scale-walk-child.js', import.meta.url));

export type ChildRun = {
	/** Spawn to exit: node's start-up counts, as it does for a user. */
	readonly ms: number;
	readonly exitCode: number | null;
	readonly stdout: string;
	readonly stderr: string;
	readonly peakRssBytes: number | undefined;
	/** User plus system CPU time of the child itself (its worker threads included). */
	readonly cpuMs: number | undefined;
};

/**
A scratch file the peak-RSS preload writes at the child's exit, the environment that names it (with
the preload and `nodeFlags` in NODE_OPTIONS, so it also reaches a child started through a
launcher), and its reading: peak RSS in bytes and CPU time in ms, undefined when the child never wrote it.
*/
export async function peakRssProbe(nodeFlags: readonly string[] = []) {
	const scratch = await mkdtemp(path.join(tmpdir(), 'imgsift-scale-rss-'));
	const file = path.join(scratch, 'peak-rss');
	const options = [process.env['NODE_OPTIONS'] ?? '', '--import', peakRssPreload, ...nodeFlags];
	return {
		env: {NODE_OPTIONS: options.join(' ').trim(), IMGSIFT_BENCH_PEAK_RSS: file},
		async read(): Promise<{rssBytes: number | undefined; cpuMs: number | undefined}> {
			const usage = await readFile(file, 'utf8').catch(() => undefined);
			const [rssBytes, cpuMs] = usage?.split(' ').map(Number) ?? [];
			return {rssBytes, cpuMs};
		},
		remove: async () => rm(scratch, {recursive: true, force: true}),
	};
}

/** `node <args>` with the peak-RSS preload; resolves when it exits, whatever its exit code. */
export async function runNodeChild(args: readonly string[]): Promise<ChildRun> {
	return runChild(process.execPath, args);
}

/**
`imgsift <args>` as users run it: the file itself, through its launcher line (which sets the
memory environment), with the peak-RSS preload and any `nodeFlags` passed in NODE_OPTIONS.
*/
export async function runCliChild(
	args: readonly string[],
	nodeFlags: readonly string[] = [],
	cli = cliPath,
): Promise<ChildRun> {
	return runChild(cli, args, nodeFlags);
}

async function runChild(
	file: string,
	args: readonly string[],
	nodeFlags: readonly string[] = [],
): Promise<ChildRun> {
	const probe = await peakRssProbe(nodeFlags);
	try {
		const started = performance.now();
		const child = spawn(file, args, {
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {...process.env, ...probe.env},
		});
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
		const exitCode = await new Promise<number | null>((resolve, reject) => {
			child.on('error', reject);
			child.on('close', resolve);
		});
		const ms = performance.now() - started;
		const {rssBytes, cpuMs} = await probe.read();
		return {
			ms,
			exitCode,
			stdout: Buffer.concat(stdout).toString('utf8'),
			stderr: Buffer.concat(stderr).toString('utf8'),
			peakRssBytes: rssBytes,
			cpuMs,
		};
	} finally {
		await probe.remove();
	}
}

/** The child's own words when it failed, for an error message. */
export function childFailure(what: string, run: ChildRun): Error {
	const said = (run.stderr.trim() || run.stdout.trim()).slice(-400);
	return new Error(`${what} exited with ${run.exitCode}: ${said || 'no output'}`);
}
