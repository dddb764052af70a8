import assert from 'node:assert/strict';
import {access, chmod, mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {fileURLToPath} from 'node:url';
import {openJournalWriter} from '../../../source/ledger/files/journal-file.js';
import {UserError} from '../../../source/shared/user-error.js';
import {decideRecord} from '../../helpers/journal-records.js';
import {passesAsNobody} from '../../helpers/run-as.js';
import {makeTempDir} from '../../helpers/temp-dir.js';

test('a full disk is a clear error that says nothing was lost', async (t) => {
	// /dev/full is a real device that answers every write with ENOSPC.
	const available = await access('/dev/full').then(
		() => true,
		() => false,
	);
	if (!available) {
		t.skip('no /dev/full on this system');
		return;
	}

	const writer = await openJournalWriter('/dev/full');
	t.after(() => writer.close());
	await assert.rejects(writer.append(decideRecord(1)), (error: unknown) => {
		assert.ok(error instanceof UserError);
		assert.equal(
			error.message,
			'could not write the journal /dev/full: disk full. Free space, then press a key again; nothing was lost.',
		);
		assert.equal((error.cause as NodeJS.ErrnoException).code, 'ENOSPC');
		return true;
	});
	// The writer stays usable: the next append tries again (and fails the same way here).
	await assert.rejects(writer.append(decideRecord(1)), /disk full/);
	assert.equal(writer.bytes, 0);
});

test('a read-only journal folder is a clear error', async (t) => {
	const dir = await makeTempDir(t);
	const folder = path.join(dir, 'journal');
	await mkdir(folder);
	await chmod(folder, 0o555);
	try {
		const writable = await writeFile(path.join(folder, 'probe'), '').then(
			() => true,
			() => false,
		);
		if (writable) {
			// Root ignores the mode bits: the same test runs as nobody instead.
			await passesAsNobody(fileURLToPath(import.meta.url), t.name);
			return;
		}

		const file = path.join(folder, 'ada.jsonl');
		await assert.rejects(openJournalWriter(file), (error: unknown) => {
			assert.ok(error instanceof UserError);
			assert.equal(
				error.message,
				`could not open the journal ${file}: permission denied. Make the folder writable, then start again.`,
			);
			assert.equal((error.cause as NodeJS.ErrnoException).code, 'EACCES');
			return true;
		});
	} finally {
		// Restored before the temp dir is removed, so cleanup can delete the folder.
		await chmod(folder, 0o755);
	}
});
