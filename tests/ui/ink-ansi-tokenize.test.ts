import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import test from 'node:test';
import * as library from 'ansi-tokenize-original';
import * as replacement from '../../source/ui/ink-ansi-tokenize.js';

const esc = '\u001B';
const codes = [
	`${esc}[1m`,
	`${esc}[2m`,
	`${esc}[22m`,
	`${esc}[3m`,
	`${esc}[23m`,
	`${esc}[4m`,
	`${esc}[24m`,
	`${esc}[7m`,
	`${esc}[27m`,
	`${esc}[31m`,
	`${esc}[39m`,
	`${esc}[38;2;10;20;30m`,
	`${esc}[48;5;17m`,
	`${esc}[49m`,
	`${esc}[0m`,
	`${esc}]8;;https://example.com${'\u0007'}`,
	`${esc}]8;;${'\u0007'}`,
];
const glyphs = [' ', ' ', ' ', 'a', 'Z', '▀', '▄', '界', '👍', '…'];

/** A small seeded generator, so a failure names a line that can be made again. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
}

function randomLine(random: () => number): string {
	let line = '';
	const length = Math.floor(random() * 60);
	for (let index = 0; index < length; index++) {
		const pick = random() < 0.3 ? codes : glyphs;
		line += pick[Math.floor(random() * pick.length)] ?? '';
	}

	return line;
}

test('styledCharsToString gives the library its own text, for 2,000 random styled lines', () => {
	const random = seeded(7);
	for (let round = 0; round < 2000; round++) {
		const line = randomLine(random);
		const chars = library.styledCharsFromTokens(library.tokenize(line));
		assert.equal(
			replacement.styledCharsToString(chars),
			library.styledCharsToString(chars),
			JSON.stringify(line),
		);
	}
});

test('styledCharsToString on an Ink row: blank cells, each with its own empty styles, then text', () => {
	const blank = () => ({type: 'char' as const, value: ' ', fullWidth: false, styles: []});
	const panel = library.styledCharsFromTokens(
		library.tokenize(`${esc}[1m12,345${esc}[22m ${esc}[2mdecided${esc}[22m   `),
	);
	for (const row of [
		[...Array.from({length: 100}, blank), ...panel],
		[...panel, ...Array.from({length: 10}, blank)],
		Array.from({length: 140}, blank),
		[],
	]) {
		assert.equal(replacement.styledCharsToString(row), library.styledCharsToString(row));
	}
});

test('the replacement exports everything the library does, and is the version Ink uses', async () => {
	const missing = Object.keys(library).filter((name) => !(name in replacement));
	assert.deepEqual(missing, []);
	const require = createRequire(import.meta.url);
	const fromInk = createRequire(require.resolve('ink'));
	const version = async (packageJson: string) =>
		(JSON.parse(await readFile(packageJson, 'utf8')) as {version: string}).version;
	assert.equal(
		await version(require.resolve('ansi-tokenize-original/package.json')),
		await version(fromInk.resolve('@alcalzone/ansi-tokenize/package.json')),
		"package.json's ansi-tokenize-original must name the version Ink installs",
	);
});

test('a line tokenized again gives the same tokens and styled chars, for the last 256 lines', () => {
	const random = seeded(11);
	const lines = Array.from({length: 300}, (_, index) => `${index} ${randomLine(random)}`);
	const first = lines.map((line) => replacement.tokenize(line));
	for (const [index, line] of lines.entries()) {
		assert.deepEqual(first[index], library.tokenize(line), line);
		const chars = replacement.styledCharsFromTokens(replacement.tokenize(line));
		assert.deepEqual(chars, library.styledCharsFromTokens(library.tokenize(line)), line);
	}

	// The last lines are remembered; the first were let go (300 > 256), so the cache stays small.
	const last = lines.at(-1) ?? '';
	assert.equal(replacement.tokenize(last), replacement.tokenize(last));
	assert.equal(
		replacement.styledCharsFromTokens(replacement.tokenize(last)),
		replacement.styledCharsFromTokens(replacement.tokenize(last)),
	);
	assert.equal(replacement.recentLinesKept, 256);
	assert.notEqual(replacement.tokenize(lines[0] ?? ''), first[0]);
	// With an end character the call is passed through, never remembered.
	assert.deepEqual(replacement.tokenize(last, 3), library.tokenize(last, 3));
});
