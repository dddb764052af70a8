/**
The ledger contract: what every adapter (files on one box, PostgreSQL for a team) must do. Each
adapter's test file calls `ledgerContract` with a factory that opens a fresh ledger per user.
*/
import assert from 'node:assert/strict';
import test from 'node:test';
import type {JournalRecord, UndoRecord} from '../../source/core/journal-record.js';
import type {Ledger, LedgerOptions} from '../../source/ledger/ledger.js';
import {decideRecord} from '../helpers/journal-records.js';
import {teamContract} from './team-contract.js';

export type LedgerHarness = {
	/** Opens a ledger on a dataset made for this test (the same one for every call of a test). */
	open(options: Omit<LedgerOptions, 'dataset'>): Promise<Ledger>;
	/** A new, empty dataset for the next test. */
	reset(): Promise<void>;
	/** How another process opens the current dataset (`openLedger` options). */
	target(): {readonly dataset: string; readonly db?: string};
};

const exclusive = {kind: 'exclusive'} as const;
const items = (count: number) =>
	Array.from({length: count}, (_, index) => decideRecord(index + 1).path);

function undoOf(seq: number, target: number, path: string): UndoRecord {
	return {v: 1, seq, time: '2026-11-25T10:00:01.000Z', op: 'undo', path, target};
}

export function ledgerContract(name: string, harness: LedgerHarness): void {
	teamContract(name, harness);
	const openUser = async (user = 'ann') => {
		await harness.reset();
		return harness.open({user, mode: exclusive});
	};

	test(`${name}: records replay in append order, after a reopen too`, async () => {
		const ledger = await openUser();
		const records: JournalRecord[] = [
			decideRecord(1),
			decideRecord(2),
			undoOf(3, 2, decideRecord(2).path),
		];
		for (const record of records) await ledger.append(record);
		assert.deepEqual((await ledger.replay()).records, records);
		await ledger.close();
		const again = await harness.open({user: 'ann', mode: exclusive});
		try {
			const replay = await again.replay();
			assert.deepEqual(replay.records, records);
			assert.equal(replay.lineOf(2), 3);
		} finally {
			await again.close();
		}
	});

	test(`${name}: a new ledger replays nothing, and close is safe twice`, async () => {
		const ledger = await openUser();
		assert.deepEqual((await ledger.replay()).records, []);
		await ledger.flush();
		await ledger.close();
		await ledger.close();
	});

	test(`${name}: readAll holds this user's records under its name`, async () => {
		const ledger = await openUser('bea');
		try {
			await ledger.append(decideRecord(1));
			await ledger.flush();
			const all = await ledger.readAll();
			const mine = all.find((entry) => entry.user === 'bea');
			assert.deepEqual(mine?.records, [decideRecord(1)]);
		} finally {
			await ledger.close();
		}
	});

	test(`${name}: claims hand each offered item out once, in order`, async () => {
		const ledger = await openUser();
		try {
			await ledger.offer(items(10));
			await ledger.offer(items(3)); // offering again changes nothing
			const first = await ledger.claim(4);
			const second = await ledger.claim(100);
			assert.deepEqual(first, items(4));
			assert.deepEqual([...first, ...second], items(10));
			assert.deepEqual(await ledger.claim(1), []);
		} finally {
			await ledger.close();
		}
	});

	test(`${name}: released items come back; decided ones do not, until undone`, async () => {
		const ledger = await openUser();
		try {
			await ledger.offer(items(3));
			const [a, b, c] = await ledger.claim(3);
			assert.ok(a && b && c);
			await ledger.append(decideRecord(1));
			await ledger.release([a, b]);
			assert.deepEqual(await ledger.claim(10), [b]);
			await ledger.append(undoOf(2, 1, a));
			assert.deepEqual(await ledger.claim(10), [a]);
		} finally {
			await ledger.close();
		}
	});

	test(`${name}: items decided before a reopen are never claimed again`, async () => {
		const ledger = await openUser();
		await ledger.append(decideRecord(2));
		await ledger.close();
		const again = await harness.open({user: 'ann', mode: exclusive});
		try {
			await again.replay();
			await again.offer(items(3));
			assert.deepEqual(await again.claim(10), [items(1)[0], items(3)[2]]);
		} finally {
			await again.close();
		}
	});

	test(`${name}: claims lists each user's live claims, and forgets released and ended ones`, async () => {
		await harness.reset();
		const ann = await harness.open({user: 'ann', mode: exclusive});
		const bea = await harness.open({user: 'bea', mode: exclusive});
		const sorted = (paths: readonly string[]) => [...paths].sort();
		const listed = async (ledger: Ledger) =>
			new Map([...(await ledger.claims())].map(([user, paths]) => [user, sorted(paths)]));
		try {
			assert.deepEqual(await listed(ann), new Map());
			await ann.offer(items(6));
			await bea.offer(items(6));
			const annHolds = await ann.claim(2);
			const beaHolds = await bea.claim(3);
			const both = new Map([
				['ann', sorted(annHolds)],
				['bea', sorted(beaHolds)],
			]);
			assert.deepEqual(await listed(ann), both);
			assert.deepEqual(await listed(bea), both);
			await bea.release([beaHolds[0] as string]);
			assert.deepEqual((await listed(ann)).get('bea'), sorted(beaHolds.slice(1)));
			await bea.close();
			assert.deepEqual(await listed(ann), new Map([['ann', sorted(annHolds)]]));
		} finally {
			await Promise.all([ann.close(), bea.close()]);
		}
	});

	test(`${name}: watch gives an unsubscribe function`, async () => {
		const ledger = await openUser();
		try {
			const unsubscribe = ledger.watch(() => undefined);
			assert.equal(typeof unsubscribe, 'function');
			unsubscribe();
		} finally {
			await ledger.close();
		}
	});
}
