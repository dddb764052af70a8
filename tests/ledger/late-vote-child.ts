/**
A labeler in its own process, for the late-vote test: opens the ledger named by argv (JSON
options), offers and claims, prints the claimed items as one JSON line, then for each line read on
stdin (a JSON array of records) appends them and prints `appended`; stays alive until killed.
*/
import process from 'node:process';
import {createInterface} from 'node:readline';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {type OpenLedgerOptions, openLedger} from '../../source/ledger/open-ledger.js';

const options = JSON.parse(process.argv[2] ?? '{}') as OpenLedgerOptions & {
	offer: string[];
	count: number;
};
const ledger = await openLedger(options);
await ledger.offer(options.offer);
const claimed = await ledger.claim(options.count);
process.stdout.write(`${JSON.stringify(claimed)}\n`);
for await (const line of createInterface({input: process.stdin})) {
	for (const record of JSON.parse(line) as JournalRecord[]) await ledger.append(record);
	// `flush` stores them when the database is up; offline it gives up after its wait.
	if (ledger.status().online) await ledger.flush();
	process.stdout.write(`appended ${JSON.stringify(ledger.status())}\n`);
}
