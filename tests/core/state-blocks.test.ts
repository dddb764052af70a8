import assert from 'node:assert/strict';
import test from 'node:test';
import {foldJournal, foldRecords, settleCursor} from '../../source/core/fold.js';
import {initialState, type SessionState} from '../../source/core/session-state.js';
import {blockBytes, encodeStateWithBlocks, resolveBlocks} from '../../source/core/state-blocks.js';
import {decodeState, encodeState, type ReadState} from '../../source/core/state-codec.js';
import {jsonParts} from '../../source/shared/json-parts.js';
import {plainState} from '../helpers/plain-state.js';
import {randomClasses, randomJournal} from '../helpers/random-journal.js';

/**
What a snapshot file holds: the JSON line, spaced so it ends `remainder` bytes past an 8-byte
boundary (the writer makes it 0), then the blocks; then read back.
*/
function throughFile(state: SessionState, remainder = 1) {
	const {state: encoded, table, blocks} = encodeStateWithBlocks(state);
	const text = [...jsonParts({table, state: encoded}, 4)].join('');
	const spaces = (((remainder - Buffer.byteLength(text) - 1) % 8) + 8) % 8;
	const bytes = Buffer.concat([
		Buffer.from(`${text}${' '.repeat(spaces)}\n`),
		...blockBytes(table, blocks),
	]);
	const end = bytes.indexOf(0x0a);
	const parsed = JSON.parse(bytes.toString('utf8', 0, end)) as {table: unknown; state: ReadState};
	resolveBlocks(parsed.state, parsed.table, bytes.subarray(end + 1));
	return {parsed, text, bytes};
}

test('fold(all) equals a block snapshot of a prefix, read back, plus fold(tail), on random journals', () => {
	for (let seed = 1; seed <= 30; seed++) {
		const records = randomJournal(seed, 160);
		const whole = foldJournal(initialState(randomClasses), records);
		for (const cut of [0, 1, Math.floor(records.length / 2), records.length]) {
			const prefix = foldRecords(initialState(randomClasses), records.slice(0, cut));
			const restored = decodeState(throughFile(prefix.state).parsed.state);
			const resumed = foldRecords(restored, records.slice(cut));
			assert.deepStrictEqual(
				plainState(settleCursor(resumed.state)),
				plainState(whole.state),
				`seed ${seed}, cut ${cut}`,
			);
		}
	}
});

test('number columns become typed blocks; columns with text, objects or some nulls stay JSON', () => {
	const records = randomJournal(7, 400);
	const state = foldJournal(initialState(randomClasses), records).state;
	const {parsed, text, bytes} = throughFile(state);
	const decisions = parsed.state.decisions as unknown as Record<string, unknown>;
	for (const name of ['paths', 'labels', 'seq', 'size', 'ms', 'via']) {
		assert.ok(ArrayBuffer.isView(decisions[name]), `${name} is a block`);
	}

	assert.ok(decisions['time'] instanceof Float64Array, 'times as eight-byte numbers');
	assert.ok(Array.isArray(decisions['guessSources']), 'the guess sources stay a list of names');
	const history = parsed.state.history as unknown as Record<string, unknown>;
	assert.ok(history['seq'] instanceof Uint8Array || history['seq'] instanceof Int32Array);
	assert.ok(Array.isArray(history['previousDecisions']), 'undo pairs stay JSON');
	// The JSON of the same state holds every number as text; the block form does not.
	const jsonLength = JSON.stringify(encodeState(state)).length;
	assert.ok(text.length < jsonLength, `the JSON part shrank: ${text.length} of ${jsonLength}`);
	// Every block is read as a copy, aligned or not: no column holds on to the file's bytes.
	const aligned = throughFile(state, 0);
	for (const read of [aligned, {parsed, bytes}]) {
		const columns = Object.values(read.parsed.state.decisions as unknown as object);
		for (const column of columns) {
			if (ArrayBuffer.isView(column)) assert.notEqual(column.buffer, read.bytes.buffer, 'a copy');
		}
	}

	assert.deepStrictEqual(
		plainState(decodeState(aligned.parsed.state)),
		plainState(decodeState(parsed.state)),
	);
	// Read back, the same state as the JSON codec's.
	assert.deepStrictEqual(
		plainState(decodeState(parsed.state)),
		plainState(decodeState(JSON.parse(JSON.stringify(encodeState(state))) as ReadState)),
	);
});

test('a block outside the bytes, a bad null run or the other byte order is refused with a reason', () => {
	const state = foldJournal(initialState(randomClasses), randomJournal(3, 120)).state;
	const {state: encoded, table, blocks} = encodeStateWithBlocks(state);
	const json = JSON.parse(JSON.stringify({table, state: encoded})) as {
		table: {littleEndian: boolean; entries: Array<{offset: number}>};
		state: Record<string, unknown>;
	};
	const bytes = Buffer.concat([...blockBytes(table, blocks)]);
	const copy = () => structuredClone(json);

	const cut = copy();
	assert.throws(
		() => resolveBlocks(cut.state, cut.table, bytes.subarray(0, bytes.length - 1)),
		/column block \d+ is not in the file/,
	);
	const moved = copy();
	const last = moved.table.entries.at(-1);
	if (last) last.offset = bytes.length;
	assert.throws(() => resolveBlocks(moved.state, moved.table, bytes), /is not in the file/);
	const other = copy();
	other.table.littleEndian = !other.table.littleEndian;
	assert.throws(() => resolveBlocks(other.state, other.table, bytes), /other byte order/);
	const nulls = copy();
	(nulls.state['history'] as Record<string, unknown>)['previousSkip'] = {$nulls: -1};
	assert.throws(() => resolveBlocks(nulls.state, nulls.table, bytes), /of nulls has no length/);
	const whole = copy();
	resolveBlocks(whole.state, whole.table, bytes);
	assert.deepStrictEqual(
		plainState(decodeState(whole.state as unknown as ReadState)),
		plainState(decodeState(JSON.parse(JSON.stringify(encodeState(state))) as ReadState)),
	);
});
