import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import test from 'node:test';
import {type GuessOptions, runGuess} from '../../source/app/guess.js';
import {copySamples, removeFolder, samplesFolder} from '../helpers/dataset.js';

async function guessLines(
	options: GuessOptions,
	errors: NodeJS.WritableStream = new PassThrough(),
): Promise<Array<Record<string, unknown>>> {
	const output = new PassThrough();
	let text = '';
	output.on('data', (chunk: Buffer) => {
		text += chunk.toString('utf8');
	});
	await runGuess(options, output, errors);
	return text
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function truth(): Promise<Record<string, string>> {
	const {readFile} = await import('node:fs/promises');
	return JSON.parse(await readFile(path.join(samplesFolder, 'truth.json'), 'utf8')) as Record<
		string,
		string
	>;
}

test('guess --json prints one object per image: path, guess, confidence, source', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const lines = await guessLines({dir, json: true, guess: 'builtin'});
	assert.equal(lines.length, 48);
	const expected = await truth();
	let right = 0;
	let judged = 0;
	for (const line of lines) {
		const answer = expected[String(line['path'])] ?? '';
		if (answer.startsWith('broken')) {
			assert.equal(line['guess'], null, `${String(line['path'])} has no guess`);
			assert.equal(typeof line['reason'], 'string');
			continue;
		}

		assert.deepEqual(Object.keys(line), ['path', 'guess', 'confidence', 'source']);
		assert.equal(line['source'], 'builtin');
		if (answer === 'photo' || answer === 'screenshot') {
			judged++;
			right += line['guess'] === answer ? 1 : 0;
		}
	}

	assert.ok(right / judged >= 0.9, `built-in accuracy ${right}/${judged}`);
});

test("guess --predictions reads the user's file; unknown labels do not stop it", async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const file = path.join(dir, '..', `${path.basename(dir)}-predictions.csv`);
	t.after(async () => removeFolder(file));
	await writeFile(
		file,
		'path,label,confidence\nimg_0001.jpg,screenshot,0.6\nimg_0002.jpg,cat,0.9\nnowhere.jpg,photo\n',
	);
	const errors = new PassThrough();
	let told = '';
	errors.on('data', (chunk: Buffer) => {
		told += chunk.toString('utf8');
	});
	const lines = await guessLines({dir, json: true, predictions: file}, errors);
	assert.match(told, /1 prediction\(s\) of "cat", which is not a class, ignored/);
	assert.match(told, /1 prediction\(s\) match no image .*first: nowhere\.jpg/);
	const first = lines.find((line) => line['path'] === 'img_0001.jpg');
	assert.deepEqual(first, {
		path: 'img_0001.jpg',
		guess: 'screenshot',
		confidence: 0.6,
		source: 'predictions',
	});
	const second = lines.find((line) => line['path'] === 'img_0002.jpg');
	assert.equal(second?.['guess'], null);
});

test('guess --guess builtin with classes it cannot judge says what to do instead', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	await assert.rejects(
		runGuess({dir, json: true, guess: 'builtin', classes: 'cat,dog'}),
		/--guess learn/,
	);
});
