import {copyFile, mkdir, mkdtemp, readdir, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {transition} from '../source/core/session-reducer.js';
import {initialState, type SessionState} from '../source/core/session-state.js';
import {executeCommit} from '../source/files/commit/index.js';
import {formatMs} from './stats.js';

const samples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../samples');

export type CommitBenchResult = {
	readonly files: number;
	readonly sameFilesystemMs: number;
	/** Undefined when /dev/shm is missing or on the temp folder's filesystem. */
	readonly crossFilesystemMs: number | undefined;
};

/** `count` decided sample copies in a fresh folder, with their state. */
async function decidedFolder(count: number): Promise<{dir: string; state: SessionState}> {
	const dir = await mkdtemp(path.join(tmpdir(), 'imgsift-commit-bench-'));
	const sources = (await readdir(samples)).filter((name) => /\.(jpg|png)$/.test(name));
	let state = initialState(['photo', 'screenshot']);
	for (let index = 0; index < count; index++) {
		const sample = sources[index % sources.length] ?? '';
		const itemPath = `part-${Math.floor(index / 500)}/${index}-${sample}`;
		const file = path.join(dir, itemPath);
		await mkdir(path.dirname(file), {recursive: true});
		await copyFile(path.join(samples, sample), file);
		const {size, mtimeMs} = await stat(file);
		// Equal bytes, equal label (img_0045 copies img_0001): copies labeled apart stay unmoved.
		const label = sample.endsWith('.png') ? 'screenshot' : 'photo';
		const item = {path: itemPath, size, mtimeMs};
		state = transition(state, {type: 'decide', time: 't', item, label, ms: 1})?.state ?? state;
	}

	return {dir, state};
}

async function timeCommit(count: number, out: (dir: string) => string): Promise<number> {
	const {dir, state} = await decidedFolder(count);
	try {
		let current = state;
		const started = performance.now();
		const report = await executeCommit({
			dir,
			out: out(dir),
			state,
			record: async (event) => {
				current = transition(current, {...event, time: 't'})?.state ?? current;
			},
		});
		const elapsed = performance.now() - started;
		if (report.moved.length !== count) {
			throw new Error(`commit bench moved ${report.moved.length} of ${count} files`);
		}

		return elapsed;
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}

/** Whole-commit time for `count` files (journal writes not included: the recorder is in memory). */
export async function runCommitBench(count = 1000): Promise<CommitBenchResult> {
	const sameFilesystemMs = await timeCommit(count, (dir) => path.join(dir, 'sorted'));
	const devices = await Promise.all([stat(tmpdir()), stat('/dev/shm')]).catch(() => undefined);
	let crossFilesystemMs: number | undefined;
	if (devices !== undefined && devices[0].dev !== devices[1].dev) {
		const shmOut = await mkdtemp('/dev/shm/imgsift-commit-bench-');
		try {
			crossFilesystemMs = await timeCommit(count, () => shmOut);
		} finally {
			await rm(shmOut, {recursive: true, force: true});
		}
	}

	return {files: count, sameFilesystemMs, crossFilesystemMs};
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const count = Number(process.argv[2] ?? 1000);
	const result = await runCommitBench(count);
	const perFile = (ms: number | undefined) =>
		ms === undefined ? 'skipped' : `${formatMs(ms)} (${formatMs(ms / count)}/file)`;
	console.log(`commit ${count} files, same filesystem: ${perFile(result.sameFilesystemMs)}`);
	console.log(
		`commit ${count} files, to /dev/shm (EXDEV copy): ${perFile(result.crossFilesystemMs)}`,
	);
}
