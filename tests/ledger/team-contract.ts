/**
The team half of the ledger contract: several users on one dataset at once. Every adapter runs it
through `ledgerContract`.
*/
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import test from 'node:test';
import {fileURLToPath} from 'node:url';
import type {LabelingMode, Ledger, LedgerChange} from '../../source/ledger/ledger.js';
import {isUserError} from '../../source/shared/user-error.js';
import {decideRecord} from '../helpers/journal-records.js';
import {waitFor} from '../helpers/wait-for.js';
import type {LedgerHarness} from './contract.js';

const exclusive = {kind: 'exclusive'} as const;
const items = (count: number) =>
	Array.from({length: count}, (_, index) => decideRecord(index + 1).path);
const decideOf = (seq: number, path: string) => decideRecord(seq, {path});
const childScript = fileURLToPath(new URL('claim-child.js', import.meta.url));

async function openUsers(harness: LedgerHarness, users: string[], mode: LabelingMode) {
	return Promise.all(users.map((user) => harness.open({user, mode})));
}

async function closeAll(ledgers: readonly Ledger[]): Promise<void> {
	await Promise.all(ledgers.map((ledger) => ledger.close()));
}

/** Claims in a loop until nothing is left for this user, deciding each item when `decide`. */
async function labelAll(ledger: Ledger, batch: number, decide: boolean): Promise<string[]> {
	const got: string[] = [];
	let seq = 0;
	for (;;) {
		const claimed = await ledger.claim(batch);
		if (claimed.length === 0) {
			return got;
		}

		for (const path of claimed) {
			got.push(path);
			if (decide) {
				await ledger.append(decideOf(++seq, path));
			}
		}
	}
}

export function teamContract(name: string, harness: LedgerHarness): void {
	test(`${name}: several users at once, each with their own records in readAll`, async () => {
		await harness.reset();
		const [ann, bea] = await openUsers(harness, ['ann', 'bea'], exclusive);
		assert.ok(ann && bea);
		try {
			await ann.append(decideRecord(1));
			await bea.append(decideRecord(2));
			await bea.append(decideRecord(3));
			await Promise.all([ann.flush(), bea.flush()]);
			const all = await waitFor('both users stored', 5000, async () => {
				const read = await ann.readAll();
				return read.find((entry) => entry.user === 'bea')?.records.length === 2 ? read : undefined;
			});
			assert.deepEqual(all.find((entry) => entry.user === 'ann')?.records, [decideRecord(1)]);
			assert.deepEqual(all.find((entry) => entry.user === 'bea')?.records, [
				decideRecord(2),
				decideRecord(3),
			]);
		} finally {
			await closeAll([ann, bea]);
		}
	});

	test(`${name}: a retried append is stored once, across a reopen too`, async () => {
		await harness.reset();
		const ann = await harness.open({user: 'ann', mode: exclusive});
		await ann.append(decideRecord(1));
		await ann.append(decideRecord(1));
		await ann.append(decideRecord(2));
		await ann.close();
		const again = await harness.open({user: 'ann', mode: exclusive});
		try {
			await again.append(decideRecord(2));
			const mine = (await again.readAll()).find((entry) => entry.user === 'ann');
			assert.deepEqual(mine?.records, [decideRecord(1), decideRecord(2)]);
			assert.deepEqual((await again.replay()).records, [decideRecord(1), decideRecord(2)]);
		} finally {
			await again.close();
		}
	});

	test(`${name}: a second session of one user is refused; other users are not`, async () => {
		await harness.reset();
		const ann = await harness.open({user: 'ann', mode: exclusive});
		try {
			await assert.rejects(
				harness.open({user: 'ann', mode: exclusive}),
				(error: unknown) => isUserError(error) && /as user ann/.test(error.message),
			);
			const bea = await harness.open({user: 'bea', mode: exclusive});
			await bea.close();
		} finally {
			await ann.close();
		}
	});

	test(`${name}: many concurrent claimers never get the same item`, async () => {
		await harness.reset();
		const users = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
		const ledgers = await openUsers(harness, users, exclusive);
		try {
			const pool = items(150);
			await Promise.all(ledgers.map((ledger) => ledger.offer(pool)));
			// Rounds of claims from everyone at once, until nobody gets anything.
			const got: string[][] = ledgers.map(() => []);
			for (let round = 0; round < 100; round++) {
				const claims = await Promise.all(ledgers.map((ledger) => ledger.claim(4)));
				for (const [index, claimed] of claims.entries()) got[index]?.push(...claimed);
				if (claims.every((claimed) => claimed.length === 0)) break;
			}

			const flat = got.flat();
			assert.equal(new Set(flat).size, flat.length, 'an item was claimed twice');
			assert.deepEqual([...flat].sort(), [...pool].sort());
			assert.equal(got.filter((each) => each.length > 0).length, users.length);
		} finally {
			await closeAll(ledgers);
		}
	});

	test(`${name}: an item another user decided is not offered`, async () => {
		await harness.reset();
		const [ann, bea] = await openUsers(harness, ['ann', 'bea'], exclusive);
		assert.ok(ann && bea);
		try {
			const pool = items(4);
			await ann.offer(pool);
			await bea.offer(pool);
			await ann.append(decideOf(1, pool[1] as string));
			await ann.append(decideOf(2, pool[3] as string));
			await ann.flush();
			const left = await waitFor('bea sees ann decisions', 5000, async () => {
				const claimed = await bea.claim(10);
				await bea.release(claimed);
				return claimed.length === 2 ? claimed : undefined;
			});
			assert.deepEqual(left, [pool[0], pool[2]]);
		} finally {
			await closeAll([ann, bea]);
		}
	});

	test(`${name}: --overlap 3: every item gets 3 votes from 3 different users`, async () => {
		await harness.reset();
		const mode = {kind: 'overlap', votes: 3} as const;
		const ledgers = await openUsers(harness, ['ann', 'bea', 'cid', 'dee'], mode);
		try {
			const pool = items(30);
			await Promise.all(ledgers.map((ledger) => ledger.offer(pool)));
			const got = await Promise.all(ledgers.map((ledger) => labelAll(ledger, 3, true)));
			for (const each of got) {
				assert.equal(new Set(each).size, each.length, 'a user saw an item twice');
			}

			const votes = new Map<string, number>();
			for (const path of got.flat()) votes.set(path, (votes.get(path) ?? 0) + 1);
			assert.deepEqual(
				pool.filter((path) => votes.get(path) !== 3),
				[],
				'items without exactly 3 votes',
			);
		} finally {
			await closeAll(ledgers);
		}
	});

	test(`${name}: released items go to another user`, async () => {
		await harness.reset();
		const [ann, bea] = await openUsers(harness, ['ann', 'bea'], exclusive);
		assert.ok(ann && bea);
		try {
			const pool = items(3);
			await ann.offer(pool);
			await bea.offer(pool);
			assert.deepEqual(await ann.claim(3), pool);
			assert.deepEqual(await bea.claim(3), []);
			await ann.release([pool[1] as string]);
			assert.deepEqual(await bea.claim(3), [pool[1]]);
		} finally {
			await closeAll([ann, bea]);
		}
	});

	test(`${name}: watch sees another user's records`, async () => {
		await harness.reset();
		const [ann, bea] = await openUsers(harness, ['ann', 'bea'], exclusive);
		assert.ok(ann && bea);
		try {
			const seen: LedgerChange[] = [];
			const stop = bea.watch((change) => seen.push(change));
			await ann.append(decideRecord(1));
			await ann.append(decideRecord(2));
			await waitFor('bea to see both records', 5000, async () =>
				seen.flatMap((change) => change.records).length >= 2 ? true : undefined,
			);
			assert.deepEqual(
				seen.map((change) => change.user),
				seen.map(() => 'ann'),
			);
			assert.deepEqual(
				seen.flatMap((change) => change.records),
				[decideRecord(1), decideRecord(2)],
			);
			stop();
		} finally {
			await closeAll([ann, bea]);
		}
	});

	test(`${name}: a killed session's claims come back within the lease + 5 s`, async () => {
		await harness.reset();
		const leaseMs = 1500;
		const pool = items(12);
		const child = spawn(
			process.execPath,
			[
				childScript,
				JSON.stringify({
					...harness.target(),
					user: 'ann',
					mode: exclusive,
					leaseMs,
					offer: pool,
					count: 5,
				}),
			],
			{stdio: ['ignore', 'pipe', 'inherit']},
		);
		const [line] = (await once(child.stdout.setEncoding('utf8'), 'data')) as [string];
		const held = JSON.parse(line) as string[];
		assert.deepEqual(held, pool.slice(0, 5));
		const bea = await harness.open({user: 'bea', mode: exclusive, leaseMs});
		try {
			await bea.offer(pool);
			assert.deepEqual(await bea.claim(20), pool.slice(5), 'the live claims were handed out');
			child.kill('SIGKILL');
			await once(child, 'exit');
			const killedAt = Date.now();
			const back = await waitFor('the killed claims to return', leaseMs + 5000, async () => {
				const claimed = await bea.claim(20);
				return claimed.length > 0 ? claimed : undefined;
			});
			assert.deepEqual(back, held);
			assert.ok(Date.now() - killedAt <= leaseMs + 5000);
		} finally {
			child.kill('SIGKILL');
			await bea.close();
		}
	});
}
