/**
A commit of an S3 prefix in its own process, so a test can kill -9 it at any request. Reads the
decided objects from OBJECTS (JSON), replays the moves already journaled in JOURNAL (one JSON per
line, a torn last line ignored, as the journal reader does), commits, and appends each move to
JOURNAL with an fsync before the next move starts. Exits 0 when the commit finished cleanly.
*/
import {appendFile, open, readFile} from 'node:fs/promises';
import {commitS3} from '../../source/sources/s3/commit.js';
import {connectS3} from '../../source/sources/s3/connect.js';
import type {ListedObject} from '../../source/sources/s3/list.js';
import {bucket, decidedS3State, withMoved} from './s3-fixture.js';

const env = (name: string): string => process.env[name] ?? '';
const objects = JSON.parse(await readFile(env('OBJECTS'), 'utf8')) as ListedObject[];
let state = decidedS3State(objects);
const journal = env('JOURNAL');
const lines = await readFile(journal, 'utf8').catch(() => '');
for (const line of lines.split('\n')) {
	try {
		state = withMoved(state, JSON.parse(line) as {path: string; to: string; label: string});
	} catch {
		// A torn line from a kill: the plan recovery finds the move again.
	}
}

const connection = connectS3({endpoint: env('ENDPOINT')});
const report = await commitS3({
	client: connection.client,
	location: {bucket, prefix: env('PREFIX')},
	stateDir: env('STATE_DIR'),
	outPrefix: `${env('PREFIX')}labeled/`,
	state,
	policy: {attempts: 2, baseMs: 1, maxMs: 5},
	async record(event) {
		if (event.type !== 'moved') {
			return;
		}

		await appendFile(
			journal,
			`${JSON.stringify({path: event.path, to: event.to, label: event.label})}\n`,
		);
		const handle = await open(journal, 'r');
		await handle.sync();
		await handle.close();
	},
});
connection.close();
process.stdout.write(
	`${JSON.stringify({moved: report.moved.length, failed: report.failed.length, stopped: report.stopped})}\n`,
);
process.exitCode = report.stopped === undefined && report.failed.length === 0 ? 0 : 1;
