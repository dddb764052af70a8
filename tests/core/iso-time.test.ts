import assert from 'node:assert/strict';
import test from 'node:test';
import {isoTime} from '../../source/core/iso-time.js';

test('isoTime writes what toISOString writes, across days, leap years and the edges of the range', () => {
	const edges = [
		0,
		1,
		86_399_999,
		86_400_000,
		951_782_400_000, // 2000-02-29
		1_795_598_168_400,
		4_107_542_399_999, // 2100-02-28T23:59:59.999Z
		253_402_300_799_999, // the last ms of 9999
		253_402_300_800_000, // year 10000: toISOString's six-digit form
		-1,
		-62_198_755_200_000, // before year 0
		1.5,
	];
	let state = 7;
	const randomTimes = Array.from({length: 20_000}, () => {
		state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
		return Math.floor((state / 2 ** 32) * 253_402_300_800_000);
	});
	for (const ms of [...edges, ...randomTimes]) {
		assert.equal(isoTime(ms), new Date(ms).toISOString(), String(ms));
	}
});
