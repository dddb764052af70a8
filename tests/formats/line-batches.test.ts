/**
Readers take a read's lines at a time (readLineBatches); the problems they and the line reader find
must still come in line order, each in its turn, as when lines came one by one.
*/
import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import type {InputProblem} from '../../source/formats/line-input.js';
import {readers} from '../../source/formats/registry.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const notUtf8 = Buffer.from([0x61, 0xff, 0x62]);

async function problemsOf(
	format: 'csv' | 'jsonl',
	lines: ReadonlyArray<string | Buffer>,
	dir: string,
) {
	const file = path.join(dir, `input.${format}`);
	await writeFile(
		file,
		Buffer.concat(lines.map((line) => Buffer.concat([Buffer.from(line), Buffer.from('\n')]))),
	);
	const problems: InputProblem[] = [];
	const rows: number[] = [];
	for await (const row of readers[format](file, (problem) => problems.push(problem), {})) {
		rows.push(row.line);
	}

	return {rows, problems: problems.map(({line, reason}) => `${line}: ${reason}`)};
}

test("csv and jsonl problems come in line order: the reader's own, bad UTF-8, bad JSON", async (t) => {
	const dir = await makeTempDir(t);
	assert.deepEqual(
		await problemsOf(
			'csv',
			['path,label', 'only-a-path.jpg', notUtf8, 'a.jpg,photo', '"open,x'],
			dir,
		),
		{
			rows: [4],
			problems: [
				'2: needs a path and a label',
				'3: is not UTF-8 text; save the file as UTF-8',
				'5: has a quote that is never closed',
			],
		},
	);
	assert.deepEqual(
		await problemsOf(
			'jsonl',
			['{"path":"a.jpg"}', '{"path":', notUtf8, '{"path":"b.jpg","label":"x"}', '[]'],
			dir,
		),
		{
			rows: [4],
			problems: [
				'1: needs "path" and "label"',
				'2: is not valid JSON',
				'3: is not UTF-8 text; save the file as UTF-8',
				'5: is not a JSON object',
			],
		},
	);
});
