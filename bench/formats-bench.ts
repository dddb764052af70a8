/**
Export and import at scale: a dataset of N decided items (100,000 by default), exported to each
line format, then each export imported into a fresh copy of the files. Every run is its own
process, so the peak RSS printed is that run's. Goal: >= 50k items/s, peak RSS <= 200 MB.
Run alone: node build/bench/formats-bench.js [N]
*/
import {spawn} from 'node:child_process';
import {mkdir, mkdtemp, open, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {serializeRecord} from '../source/core/journal-parse.js';
import type {DecideRecord} from '../source/core/journal-record.js';
import {journalPath, projectPath} from '../source/store/paths.js';
import {formatBytes} from './stats.js';

export type FormatFigure = {
	readonly format: string;
	readonly operation: 'export' | 'import';
	readonly items: number;
	readonly itemsPerSecond: number;
	/** Items per second of the run's own CPU time (start-up included): what a quiet machine gives. */
	readonly itemsPerCpuSecond: number;
	readonly peakRssBytes: number;
};

const classes = ['photo', 'screenshot', 'document', 'meme'];
const child = fileURLToPath(new URL('formats-child.js', import.meta.url));
const itemPath = (index: number) =>
	`part-${String(Math.floor(index / 1000)).padStart(3, '0')}/IMG_${String(index).padStart(6, '0')}.jpg`;

/** N empty image files in folders of 1,000: the import matches names, not pixels. */
export async function makeFiles(dir: string, count: number): Promise<void> {
	for (let index = 0; index < count; index += 1000) {
		await mkdir(path.join(dir, itemPath(index), '..'), {recursive: true});
		const names = Array.from({length: Math.min(1000, count - index)}, (_, offset) =>
			itemPath(index + offset),
		);
		await Promise.all(names.map((name) => writeFile(path.join(dir, name), '')));
	}
}

export async function writeProject(dir: string): Promise<void> {
	await mkdir(path.dirname(projectPath(dir)), {recursive: true});
	const project = {
		version: 1,
		classes,
		out: 'labeled',
		order: 'path',
		seed: 1,
		user: 'bench',
		createdAt: new Date(0).toISOString(),
	};
	await writeFile(projectPath(dir), JSON.stringify(project));
}

/** A journal of N key decisions (every fourth with the guess it showed), written in big chunks. */
export async function writeJournal(dir: string, count: number): Promise<void> {
	const file = journalPath(dir, 'bench');
	await mkdir(path.dirname(file), {recursive: true});
	const handle = await open(file, 'w');
	let chunk = '';
	for (let index = 0; index < count; index++) {
		const label = classes[index % classes.length] ?? 'photo';
		const record: DecideRecord = {
			v: 1,
			seq: index + 1,
			time: new Date(Date.UTC(2026, 10, 25) + index * 1000).toISOString(),
			op: 'decide',
			path: itemPath(index),
			size: 0,
			mtimeMs: 0,
			label,
			ms: 400,
			via: 'key',
			...(index % 4 === 0 ? {guess: {label, confidence: 0.9, source: 'builtin'}} : {}),
		};
		chunk += serializeRecord(record);
		if (chunk.length > 1 << 20) {
			await handle.write(chunk);
			chunk = '';
		}
	}

	await handle.write(chunk);
	await handle.close();
}

type ChildRun = {items: number; ms: number; cpuMs: number; peakRssBytes: number};

function runChild(args: readonly string[]): Promise<ChildRun> {
	return new Promise((resolve, reject) => {
		const process_ = spawn(process.execPath, [child, ...args], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let output = '';
		process_.stdout.on('data', (data: Buffer) => {
			output += data.toString();
		});
		process_.on('error', reject);
		process_.on('close', (code) => {
			if (code === 0) {
				resolve(JSON.parse(output) as ChildRun);
			} else {
				reject(new Error(`formats-child ${args.join(' ')} exited with ${code}`));
			}
		});
	});
}

const figureOf = (format: string, operation: 'export' | 'import', run: ChildRun): FormatFigure => ({
	format,
	operation,
	items: run.items,
	itemsPerSecond: (run.items / run.ms) * 1000,
	itemsPerCpuSecond: (run.items / run.cpuMs) * 1000,
	peakRssBytes: run.peakRssBytes,
});

/** hf is a folder (metadata.jsonl beside links to the images), read line by line like the others. */
export const lineFormats = ['csv', 'jsonl', 'gt', 'prodigy', 'hf', 'labelstudio'] as const;

export async function runFormatsBench(count = 100_000, formats: readonly string[] = lineFormats) {
	const root = await mkdtemp(path.join(os.tmpdir(), 'imgsift-formats-bench-'));
	const figures: FormatFigure[] = [];
	try {
		const labeled = path.join(root, 'labeled');
		await writeProject(labeled);
		await writeJournal(labeled, count);
		if (formats.includes('hf')) {
			// hf links each image into its folder: the labeled dataset needs its files.
			await makeFiles(labeled, count);
		}

		// One set of files for every import: each starts from no project and no journal.
		const fresh = path.join(root, 'fresh');
		await makeFiles(fresh, count);
		for (const format of formats) {
			const target = path.join(root, `export.${format}`);
			const exported = await runChild(['export', labeled, format, target]);
			figures.push(figureOf(format, 'export', exported));
			await rm(path.join(fresh, '.labels'), {recursive: true, force: true});
			figures.push(figureOf(format, 'import', await runChild(['import', target, format, fresh])));
		}
	} finally {
		await rm(root, {recursive: true, force: true});
	}

	return figures;
}

const rate = (value: number) => Math.round(value).toLocaleString('en-US');

export function formatFormatsBench(figures: readonly FormatFigure[]): string {
	return figures
		.map((figure) => {
			const what = `${figure.operation} ${figure.format}, ${figure.items.toLocaleString('en-US')} items`;
			const value = `${rate(figure.itemsPerSecond)}/s wall, ${rate(figure.itemsPerCpuSecond)}/CPU-s, ${formatBytes(figure.peakRssBytes)}`;
			return `  ${what.padEnd(40)} ${value.padEnd(44)} target ≥ 50,000/s, ≤ 200 MB`;
		})
		.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const count = Number(process.argv[2] ?? 100_000);
	process.stdout.write(`${formatFormatsBench(await runFormatsBench(count))}\n`);
}
