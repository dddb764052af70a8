/**
A labeler in its own process, for kill tests: opens the ledger named by argv (JSON options), offers
and claims, prints the claimed items as one JSON line, then stays alive (renewing) until killed.
*/
import process from 'node:process';
import {type OpenLedgerOptions, openLedger} from '../../source/ledger/open-ledger.js';

const options = JSON.parse(process.argv[2] ?? '{}') as OpenLedgerOptions & {
	offer: string[];
	count: number;
};
const ledger = await openLedger(options);
await ledger.offer(options.offer);
const claimed = await ledger.claim(options.count);
process.stdout.write(`${JSON.stringify(claimed)}\n`);
setInterval(() => undefined, 1000);
