import assert from 'node:assert/strict';
import {readFile, writeFile} from 'node:fs/promises';
import test from 'node:test';
import {foldJournal, settleCursor} from '../../../source/core/fold.js';
import {initialState} from '../../../source/core/session-state.js';
import {stateCodecVersion} from '../../../source/core/state-codec.js';
import {openFilesLedger} from '../../../source/ledger/files/files-ledger.js';
import {snapshotPathOf} from '../../../source/ledger/files/journal-snapshot.js';
import {asCodec3} from '../../helpers/codec3.js';
import {plainState} from '../../helpers/plain-state.js';
import {randomClasses, randomJournal} from '../../helpers/random-journal.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

const open = (dataset: string) =>
	openFilesLedger({dataset, user: 'ann', mode: {kind: 'exclusive'}});

test('a codec-3 snapshot is used on resume and rewritten in the current codec at exit', async (t) => {
	const dir = await makeTempDir(t);
	const records = randomJournal(21, 150);
	const first = await open(dir);
	await first.replayState(randomClasses);
	await first.appendMany?.(records);
	await first.close();
	const file = snapshotPathOf(first.where);
	const written = JSON.parse(await readFile(file, 'utf8'));
	assert.equal(written.codec, stateCodecVersion);
	await writeFile(file, JSON.stringify({...written, codec: 3, state: asCodec3(written.state)}));

	const second = await open(dir);
	const resumed = await second.replayState(randomClasses);
	await second.close();
	assert.deepEqual(resumed.warnings, []);
	const whole = foldJournal(initialState(randomClasses), records).state;
	assert.deepStrictEqual(plainState(settleCursor(resumed.state)), plainState(whole));
	const rewritten = JSON.parse(await readFile(file, 'utf8'));
	assert.equal(rewritten.codec, stateCodecVersion);
	assert.equal(rewritten.journal.bytes, written.journal.bytes);
});
