import assert from 'node:assert/strict';
import test from 'node:test';
import {createProgressBar, formatProgressLine} from '../../source/scan/check-progress.js';
import type {CheckProgress} from '../../source/scan/check-types.js';

const progress = (
	done: number,
	found: number,
	walkDone: boolean,
	bytesRead = 0,
): CheckProgress => ({
	found,
	done,
	fromCache: 0,
	bytesRead,
	walkDone,
});

test('while the walk runs the total is open and there is no ETA', () => {
	const line = formatProgressLine(
		progress(50, 200, false),
		{filesPerSecond: 25, bytesPerSecond: 2_500_000},
		120,
	);
	assert.equal(line, '[#####...............] 50/200+ files  25 files/s, 2.5 MB/s');
});

test('once the total is known the ETA follows from the rate', () => {
	const line = formatProgressLine(
		progress(100, 4000, true),
		{filesPerSecond: 10, bytesPerSecond: 0},
		120,
	);
	assert.match(line, /100\/4000 files {2}10 files\/s, 0 B\/s {2}ETA 6:30$/);
	const long = formatProgressLine(
		progress(0, 900_000, true),
		{filesPerSecond: 100, bytesPerSecond: 0},
		120,
	);
	assert.match(long, /ETA 2:30:00$/);
});

test('the line never reaches the last column, so it cannot wrap', () => {
	const line = formatProgressLine(progress(1, 2, true), {filesPerSecond: 1, bytesPerSecond: 1}, 30);
	assert.equal(line.length, 29);
});

function fakeStream(isTTY: boolean) {
	const writes: string[] = [];
	return {writes, stream: {isTTY, columns: 100, write: (text: string) => writes.push(text) > 0}};
}

test('piped output gets no progress at all', (t) => {
	t.mock.timers.enable({apis: ['setInterval']});
	const {writes, stream} = fakeStream(false);
	const bar = createProgressBar(stream);
	bar.update(progress(1, 10, true));
	t.mock.timers.tick(1000);
	bar.stop();
	assert.deepEqual(writes, []);
});

test('a terminal gets a line redrawn on a timer, with the recent rate, cleared at the end', (t) => {
	t.mock.timers.enable({apis: ['setInterval']});
	let now = 0;
	const {writes, stream} = fakeStream(true);
	const bar = createProgressBar(stream, {intervalMs: 100, now: () => now});
	bar.update(progress(0, 100, true));
	assert.deepEqual(writes, [], 'nothing before the first tick');
	now = 1000;
	bar.update(progress(20, 100, true, 4_000_000));
	t.mock.timers.tick(100);
	assert.equal(writes.length, 1);
	assert.match(
		writes[0] ?? '',
		/^\r\[####\.+\] 20\/100 files {2}20 files\/s, 4\.0 MB\/s {2}ETA 0:04\u001B\[K$/,
	);
	bar.stop();
	assert.equal(writes.at(-1), '\r\u001B[K');
	t.mock.timers.tick(1000);
	assert.equal(writes.length, 2, 'no redraw after stop');
});
