/**
A writer killed with SIGKILL right after a snapshot: appends `count` records (from
`randomJournal(seed)`) through a keeper that snapshots every `every`, waits for the snapshot of
the first `every` records, appends the rest, then kills itself before any exit snapshot.
Usage: node snapshot-kill-child.js <journal> <seed> <count> <every>
*/
import process from 'node:process';
import {initialState} from '../../source/core/session-state.js';
import {openJournalWriter} from '../../source/ledger/files/journal-file.js';
import {keepSnapshots} from '../../source/ledger/files/snapshot-keeper.js';
import {randomClasses, randomJournal} from './random-journal.js';

const [journalFile = '', seed = '1', count = '30', every = '10'] = process.argv.slice(2);
const records = randomJournal(Number(seed), Number(count));
const writer = await openJournalWriter(journalFile);
const keeper = keepSnapshots({
	journalFile,
	state: initialState(randomClasses),
	cover: {bytes: 0, lines: 0},
	problems: [],
	behind: 0,
	sync: async () => writer.sync(),
	every: Number(every),
	spacingMs: 0,
});
for (const [index, record] of records.entries()) {
	await writer.append(record);
	keeper.recorded(record);
	if (index + 1 === Number(every)) {
		// The automatic snapshot is queued: let it land before going on.
		await keeper.flush();
	}
}

await writer.sync();
process.stdout.write('appended\n');
process.kill(process.pid, 'SIGKILL');
