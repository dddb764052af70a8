import assert from 'node:assert/strict';
import {readFile, writeFile} from 'node:fs/promises';
import test from 'node:test';
import {foldJournal, settleCursor} from '../../../source/core/fold.js';
import {initialState} from '../../../source/core/session-state.js';
import {encodeState, stateCodecVersion} from '../../../source/core/state-codec.js';
import {openFilesLedger} from '../../../source/ledger/files/files-ledger.js';
import {snapshotPathOf} from '../../../source/ledger/files/journal-snapshot.js';
import {asCodec3} from '../../helpers/codec3.js';
import {plainState} from '../../helpers/plain-state.js';
import {randomClasses, randomJournal} from '../../helpers/random-journal.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

const open = (dataset: string) =>
	openFilesLedger({dataset, user: 'ann', mode: {kind: 'exclusive'}});

/** The snapshot's JSON line (codec 5 puts its column blocks after it). */
const snapshotJson = async (file: string) =>
	JSON.parse((await readFile(file, 'utf8')).split('\n')[0] ?? '') as Record<string, unknown>;

for (const codec of [3, 4]) {
	test(`a codec-${codec} snapshot is used on resume and rewritten in the current codec at exit`, async (t) => {
		const dir = await makeTempDir(t);
		const records = randomJournal(21, 150);
		const first = await open(dir);
		await first.replayState(randomClasses);
		await first.appendMany?.(records);
		await first.close();
		const file = snapshotPathOf(first.where);
		const written = await snapshotJson(file);
		assert.equal(written['codec'], stateCodecVersion);
		assert.ok(written['blocks'], 'the current codec writes column blocks');
		// The same fold in the older codec's JSON, with no blocks.
		const whole = foldJournal(initialState(randomClasses), records).state;
		const older = codec === 3 ? asCodec3(encodeState(whole)) : encodeState(whole);
		await writeFile(
			file,
			`${JSON.stringify({...written, blocks: undefined, codec, state: older})}\n`,
		);

		const second = await open(dir);
		const resumed = await second.replayState(randomClasses);
		await second.close();
		assert.deepEqual(resumed.warnings, []);
		assert.deepStrictEqual(plainState(settleCursor(resumed.state)), plainState(whole));
		const rewritten = await snapshotJson(file);
		assert.equal(rewritten['codec'], stateCodecVersion);
		assert.deepEqual(rewritten['journal'], written['journal']);
	});
}

test('a quit with a short tail keeps the snapshot on disk; a long tail rewrites it at exit', async (t) => {
	const dir = await makeTempDir(t);
	const records = randomJournal(22, 1300);
	const first = await open(dir);
	await first.replayState(randomClasses);
	await first.appendMany?.(records.slice(0, 200));
	await first.close();
	const file = snapshotPathOf(first.where);
	const written = await readFile(file);

	// A start and quit appends one record; a short session a few hundred more.
	const short = await open(dir);
	const resumed = await short.replayState(randomClasses);
	await short.appendMany?.(records.slice(200, 300));
	await short.close();
	assert.deepEqual(await readFile(file), written, 'the snapshot was not rewritten');
	const fromTail = await open(dir);
	const again = await fromTail.replayState(randomClasses);
	await fromTail.close();
	assert.deepEqual(again.warnings, []);
	assert.deepStrictEqual(
		plainState(settleCursor(again.state)),
		plainState(foldJournal(initialState(randomClasses), records.slice(0, 300)).state),
	);
	assert.notDeepEqual(plainState(again.state), plainState(resumed.state));

	// Past the exit tail (1,000 records behind the disk's snapshot), quitting writes a new one.
	const long = await open(dir);
	await long.replayState(randomClasses);
	await long.appendMany?.(records.slice(300));
	await long.close();
	const rewritten = await snapshotJson(file);
	const lines = (await readFile(first.where, 'utf8')).split('\n').length - 1;
	assert.deepEqual((rewritten['journal'] as {lines: number}).lines, lines);
});
