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

/** `node <args>` with the peak-RSS preload; resolves when it exits, whatever its exit code. */
export async function runNodeChild(args: readonly string[]): Promise<ChildRun> {
	return runChild(process.execPath, ['--import', peakRssPreload, ...args], {});
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
	const options = [process.env['NODE_OPTIONS'] ?? '', '--import', peakRssPreload, ...nodeFlags];
	return runChild(cli, args, {NODE_OPTIONS: options.join(' ').trim()});
}

async function runChild(
	file: string,
	args: readonly string[],
	env: Record<string, string>,
): Promise<ChildRun> {
	const scratch = await mkdtemp(path.join(tmpdir(), 'imgsift-scale-rss-'));
	const rssFile = path.join(scratch, 'peak-rss');
	try {
		const started = performance.now();
		const child = spawn(file, args, {
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {...process.env, ...env, IMGSIFT_BENCH_PEAK_RSS: rssFile},
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
		const usage = await readFile(rssFile, 'utf8').catch(() => undefined);
		const [rss, cpu] = usage?.split(' ').map(Number) ?? [];
		return {
			ms,
			exitCode,
			stdout: Buffer.concat(stdout).toString('utf8'),
			stderr: Buffer.concat(stderr).toString('utf8'),
			peakRssBytes: rss,
			cpuMs: cpu,
		};
	} finally {
		await rm(scratch, {recursive: true, force: true});
	}
}

/** The child's own words when it failed, for an error message. */
export function childFailure(what: string, run: ChildRun): Error {
	const said = (run.stderr.trim() || run.stdout.trim()).slice(-400);
	return new Error(`${what} exited with ${run.exitCode}: ${said || 'no output'}`);
}
