import assert from 'node:assert/strict';
import {cp, readFile, writeFile} from 'node:fs/promises';
import test from 'node:test';
import {runCli, statusOf} from '../../bench/torture/cli-runs.js';
import {readScreen} from '../../bench/torture/screen-state.js';
import {journalPath, labelsDir} from '../../source/store/paths.js';
import {copySamples, removeFolder} from '../helpers/dataset.js';
import {startCli} from '../helpers/pty-session.js';

const user = 'cut';

/** Decides three images, undoes two, and SIGKILLs: the journal's last two records are undos. */
async function journalFromTheCli(dir: string): Promise<number[]> {
	const cli = startCli([
		'label',
		dir,
		'--user',
		user,
		'--classes',
		'photo,screenshot',
		'--render',
		'blocks',
		'--colors',
		'256',
	]);
	const decidedAfterEachKey: number[] = [];
	try {
		// Wait for the background checks (3 broken files, the copy of img_0001) to be journaled, so
		// nothing but our keys is written after them.
		await cli.waitFor(
			(screen) => screen.includes('3 broken set aside') && screen.includes('2 copies'),
			'the checks done and img_0001 shown',
			30_000,
		);
		for (const key of ['1', '2', '1', 'u', 'u']) {
			const before = readScreen(cli.screen().join('\n'))?.decided ?? Number.NaN;
			const expected = key === 'u' ? before - 1 : before + 1;
			cli.write(key);
			await cli.waitFor(
				(screen) => readScreen(screen)?.decided === expected,
				`${expected} decided after ${key}`,
			);
			decidedAfterEachKey.push(expected);
		}
	} finally {
		cli.kill('SIGKILL');
		await cli.exited;
	}

	return decidedAfterEachKey;
}

test('a journal cut at every byte of its last two records replays to its whole records', async (t) => {
	const dirs = [await copySamples(), await copySamples()];
	t.after(async () => Promise.all(dirs.map(async (dir) => removeFolder(dir))));
	const [first = '', second = ''] = dirs;
	const decided = await journalFromTheCli(first);
	await cp(labelsDir(first), labelsDir(second), {recursive: true});
	const journal = await readFile(journalPath(first, user));
	const lines = journal.toString('utf8').split('\n');
	assert.equal(lines.at(-1), '', 'the journal ends with a newline');
	const records = lines.slice(0, -1).map((line) => JSON.parse(line) as {op: string});
	assert.deepEqual(
		records.slice(-2).map((record) => record.op),
		['undo', 'undo'],
		'the last two records are the two undos',
	);

	// Byte offsets where the last two records start and where each one's closing brace ends.
	const lastEnd = journal.length - 1;
	const middleEnd = journal.lastIndexOf(0x0a, lastEnd - 1);
	const cutFrom = journal.lastIndexOf(0x0a, middleEnd - 1) + 1;
	const [, , beforeUndos = 0, afterFirstUndo = 0, afterSecondUndo = 0] = decided;
	const expectedAt = (offset: number): number =>
		offset < middleEnd ? beforeUndos : offset < lastEnd ? afterFirstUndo : afterSecondUndo;

	const offsets = Array.from({length: journal.length - cutFrom + 1}, (_, index) => cutFrom + index);
	const failures: string[] = [];
	// Two folders, so two status processes run at once on the two cores.
	await Promise.all(
		dirs.map(async (dir, lane) => {
			for (const offset of offsets.filter((_, index) => index % dirs.length === lane)) {
				await writeFile(journalPath(dir, user), journal.subarray(0, offset));
				try {
					const status = await statusOf(dir, user);
					if (status.decided !== expectedAt(offset)) {
						failures.push(`cut at ${offset}: ${status.decided} decided, not ${expectedAt(offset)}`);
					}
				} catch (error) {
					failures.push(`cut at ${offset}: ${error instanceof Error ? error.message : error}`);
				}
			}
		}),
	);
	assert.deepEqual(failures, [], `of ${offsets.length} cuts from byte ${cutFrom}`);

	// The cut journal is still usable: a commit after a cut mid-record moves what it holds (in the
	// first folder: the journal holds its files' sizes and times).
	await writeFile(journalPath(first, user), journal.subarray(0, lastEnd - 5));
	const commit = await runCli(['commit', first, '--user', user]);
	assert.equal(commit.code, 0, commit.stderr + commit.stdout);
	assert.equal((await statusOf(first, user)).committed, afterFirstUndo + 1, 'with the copy');
});
