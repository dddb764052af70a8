import assert from 'node:assert/strict';
import test from 'node:test';
import xterm from '@xterm/headless';
import {mulberry32} from '../../bench/synthetic-images.js';
import {frameUpdate, inkFrameLines} from '../../source/render/frame-diff.js';

/** What Ink's log-update writes to erase `count` lines (ansi-escapes' eraseLines). */
function eraseLines(count: number): string {
	let bytes = '';
	for (let index = 0; index < count; index++) {
		bytes += `\u001B[2K${index < count - 1 ? '\u001B[1A' : ''}`;
	}

	return count > 0 ? `${bytes}\u001B[G` : '';
}

function emulator(columns: number, rows: number) {
	const terminal = new xterm.Terminal({
		cols: columns,
		rows,
		allowProposedApi: true,
		convertEol: true,
	});
	const write = async (bytes: string) =>
		new Promise<void>((resolve) => {
			terminal.write(bytes, resolve);
		});
	/** Each cell's character, boldness and dimness, row by row, and the cursor's row. */
	const cells = () => {
		const buffer = terminal.buffer.active;
		const rowsSeen: string[] = [];
		for (let y = 0; y < rows; y++) {
			const line = buffer.getLine(y);
			let text = '';
			for (let x = 0; x < columns; x++) {
				const cell = line?.getCell(x);
				text += `${cell?.getChars() || ' '}${cell?.isBold() ? 'B' : '.'}${cell?.isDim() ? 'D' : '.'}`;
			}
			rowsSeen.push(text);
		}

		return {rows: rowsSeen, cursorRow: buffer.cursorY};
	};

	return {write, cells};
}

test('Ink standard frames are read back as their lines; other writes are not frames', () => {
	assert.deepEqual(inkFrameLines(`${eraseLines(3)}a\nb\n`), ['a', 'b', '']);
	assert.deepEqual(inkFrameLines(`${eraseLines(1)}only`), ['only']);
	assert.equal(inkFrameLines('first frame, nothing to erase'), undefined);
	assert.equal(inkFrameLines('\u001B[?25l'), undefined);
	assert.equal(inkFrameLines(`${eraseLines(2)}a\nb\u001B[?25h`), undefined, 'a shown cursor');
});

test('only changed lines are written, and past the image where the text before it is blank', () => {
	const blanks = ' '.repeat(10);
	const shown = [`${blanks} title`, `${blanks} 1/24 decided`, 'footer'];
	const next = [`${blanks} title`, `${blanks} 2/24 decided`, 'footer'];
	const kept = {top: 0, rows: 2, right: 10};
	const update = frameUpdate(shown, next, kept);
	assert.equal(update.bytes.includes('title'), false, 'an unchanged line is not written');
	assert.ok(update.bytes.includes('\u001B[2;11H\u001B[0m 2/24 decided\u001B[K'), update.bytes);
	assert.equal(update.overwroteKept, false);
	assert.ok(update.bytes.endsWith('\u001B[3;1H'), 'the cursor is left on the last line');
	assert.deepEqual(frameUpdate(shown, shown, kept), {bytes: '', overwroteKept: false});

	const textInTheBox = frameUpdate(shown, [`loading…${blanks}`, next[1] ?? '', 'footer'], kept);
	assert.ok(textInTheBox.bytes.includes('\u001B[1;1H\u001B[0mloading…'), textInTheBox.bytes);
	assert.equal(textInTheBox.overwroteKept, true, 'text written over the image: paint it again');

	const shorter = frameUpdate(shown, ['x'], undefined);
	assert.ok(
		shorter.bytes.includes('\u001B[2;1H\u001B[2K') &&
			shorter.bytes.includes('\u001B[3;1H\u001B[2K'),
	);
});

/** A line of Ink's frame: text or blanks up to `right`, then panel text with styles; trimmed. */
function randomLine(random: () => number, right: number): string {
	const word = () => ['ab', 'photo', '1/24', 'é', '·', 'guess', ''][Math.floor(random() * 7)] ?? '';
	let line = random() < 0.8 ? ' '.repeat(right) : `${word()} ${word()}`.padEnd(right, ' ');
	const parts = Math.floor(random() * 4);
	for (let part = 0; part < parts; part++) {
		const styled = random();
		line +=
			styled < 0.3
				? `\u001B[1m${word()}\u001B[22m `
				: styled < 0.5
					? `\u001B[2m${word()}\u001B[22m `
					: `${word()} `;
	}

	return line.trimEnd();
}

test('on a real emulator, the rewritten frames leave exactly the screen the full frames leave', async () => {
	const columns = 40;
	const rows = 10;
	for (const seed of [1, 2, 3, 4, 5, 6]) {
		const random = mulberry32(seed);
		const right = seed % 2 === 0 ? 12 : 0;
		const full = emulator(columns, rows);
		const rewritten = emulator(columns, rows);
		let shown: string[] | undefined;
		let previousCount = 0;
		for (let frame = 0; frame < 40; frame++) {
			// Mostly the app's shape (rows - 1 lines and a newline), at times fewer lines.
			const count = random() < 0.8 ? rows - 1 : 1 + Math.floor(random() * (rows - 1));
			const lines = Array.from({length: count}, () => randomLine(random, right));
			const text = `${eraseLines(previousCount)}${lines.join('\n')}\n`;
			previousCount = count + 1;
			await full.write(text);
			const next = inkFrameLines(text);
			await rewritten.write(
				shown && next ? frameUpdate(shown, next, {top: 0, rows, right}).bytes : text,
			);
			shown = next;
			assert.deepEqual(rewritten.cells(), full.cells(), `seed ${seed}, frame ${frame}`);
		}
	}
});
