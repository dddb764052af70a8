/**
Two real `imgsift label` sessions on one folder, as two people (--user ann, --user bea), pressing
keys at the same time: neither ever shows an image the other decided.
*/
import assert from 'node:assert/strict';
import test, {type TestContext} from 'node:test';
import pg from 'pg';
import {readJournalFile} from '../../source/ledger/files/journal-file.js';
import {migrate} from '../../source/ledger/postgres/migrations.js';
import {journalPath} from '../../source/store/paths.js';
import {columnText, makeFaultFolder, startLabel} from '../helpers/fault-fixture.js';
import {startTestPostgres, type TestPostgres} from '../helpers/postgres.js';
import type {PtySession} from '../helpers/pty-session.js';

const count = 40;
const names = Array.from({length: count}, (_, index) => `t${String(index + 1).padStart(2, '0')}`);
// Samples 2..41, all different (sample 45 is a copy of 1: both left out).
const sampleOf = (index: number) => {
	const number = index + 2;
	const png = [22, 23, 25, 26, 28, 29, 31, 32, 34, 35, 37, 38, 40, 41, 43, 44].includes(number);
	return `img_${String(number).padStart(4, '0')}.${png ? 'png' : 'jpg'}`;
};

const nameOnScreen = (screen: string) =>
	/\b(t\d\d)\.(?:jpg|png) \d+ × \d+ · /.exec(columnText(screen, 'panel'))?.[1];
const finished = (screen: string) => screen.includes('Nothing left to label');

/** Decides every image the session shows, until it has nothing left; returns their names. */
async function labelUntilDone(cli: PtySession, who: string): Promise<string[]> {
	const shown: string[] = [];
	for (;;) {
		const screen = await cli.waitFor(
			(text) => finished(text) || nameOnScreen(text) !== undefined,
			`${who}: an image or the end`,
			20_000,
		);
		if (finished(screen)) return shown;
		const name = nameOnScreen(screen) as string;
		assert.ok(!shown.includes(name), `${who} was shown ${name} twice`);
		shown.push(name);
		cli.write('1');
		await cli.waitFor(
			(text) => finished(text) || (nameOnScreen(text) ?? name) !== name,
			`${who}: the image after ${name}`,
			20_000,
		);
	}
}

const server = await startTestPostgres();
test.after(async () => {
	if (typeof server !== 'string') await server.close();
});

async function migratedDatabase(db: TestPostgres): Promise<string> {
	const url = await db.newDatabase();
	const client = new pg.Client({connectionString: url});
	await client.connect();
	await migrate(client).finally(() => client.end());
	return url;
}

test('two people label one folder at once and never see an image the other decided', async (t) => {
	await twoPeople(t, []);
});

test('the same with --db: two people through PostgreSQL', {
	skip: typeof server === 'string' ? server : false,
}, async (t) => {
	if (typeof server === 'string') return;
	await twoPeople(t, ['--db', await migratedDatabase(server)]);
});

async function twoPeople(t: TestContext, extra: readonly string[]): Promise<void> {
	const files = Object.fromEntries(names.map((name, index) => [`${name}.jpg`, sampleOf(index)]));
	const folder = await makeFaultFolder(t, files);
	const args = ['--classes', 'photo,screenshot', '--no-commit-on-exit', ...extra];
	const ann = startLabel(t, folder, [...args, '--user', 'ann']);
	await ann.waitFor((screen) => nameOnScreen(screen) !== undefined, 'ann: the first image');
	const bea = startLabel(t, folder, [...args, '--user', 'bea']);
	// Both on screen before any key: ann holds her first batch, bea gets what is left.
	await bea.waitFor((screen) => nameOnScreen(screen) !== undefined, 'bea: the first image');
	const [byAnn, byBea] = await Promise.all([
		labelUntilDone(ann, 'ann'),
		labelUntilDone(bea, 'bea'),
	]);
	ann.write('q');
	bea.write('q');
	assert.equal((await ann.exited).exitCode, 0, ann.output().slice(-1500));
	assert.equal((await bea.exited).exitCode, 0, bea.output().slice(-1500));

	assert.deepEqual(
		byAnn.filter((name) => byBea.includes(name)),
		[],
		'shown to both',
	);
	assert.ok(byAnn.length > 0 && byBea.length > 0, `ann ${byAnn.length}, bea ${byBea.length}`);
	assert.deepEqual([...byAnn, ...byBea].sort(), names);
	// And their journals agree: every image decided once, by one of them.
	const decided = async (user: string) =>
		(await readJournalFile(journalPath(folder.dir, user))).records
			.filter((record) => record.op === 'decide')
			.map((record) => ('path' in record ? record.path.replace(/\.jpg$/, '') : ''));
	const [annDecided, beaDecided] = [await decided('ann'), await decided('bea')];
	assert.deepEqual([...annDecided].sort(), [...byAnn].sort());
	assert.deepEqual([...beaDecided].sort(), [...byBea].sort());
}

test('with --db, a database restart mid-session: the screen says offline, labeling goes on, nothing is lost', {
	skip:
		typeof server === 'string' ? server : !server.canRestart && 'this server cannot be restarted',
}, async (t) => {
	if (typeof server === 'string') return;
	const url = await migratedDatabase(server);
	const files = Object.fromEntries(names.map((name, index) => [`${name}.jpg`, sampleOf(index)]));
	const folder = await makeFaultFolder(t, files);
	const args = [
		'--classes',
		'photo,screenshot',
		'--no-commit-on-exit',
		'--user',
		'ann',
		'--db',
		url,
	];
	const ann = startLabel(t, folder, args);
	const shown: string[] = [];
	const next = async (what: string) => {
		const screen = await ann.waitFor(
			(text) => {
				const name = nameOnScreen(text);
				return name !== undefined && !shown.includes(name);
			},
			what,
			20_000,
		);
		shown.push(nameOnScreen(screen) as string);
		return screen;
	};

	await next('the first image');
	ann.write('1');
	await next('the second image');
	await server.stop();
	try {
		ann.write('1');
		const offline = await ann.waitFor((text) => /offline: the database at/.test(text), 'offline');
		assert.ok(!offline.includes(server.password));
		for (let key = 0; key < 3; key++) {
			await next(`image ${shown.length + 1}, offline`);
			ann.write('1');
		}
	} finally {
		await server.start();
	}

	await ann.waitFor((text) => text.includes('back online'), 'back online', 20_000);
	ann.write('q');
	assert.equal((await ann.exited).exitCode, 0, ann.output().slice(-1500));
	const client = new pg.Client({connectionString: url});
	await client.connect();
	try {
		const rows = await client.query<{path: string}>(
			"SELECT record->>'path' AS path FROM imgsift_records WHERE record->>'op' = 'decide' ORDER BY seq",
		);
		assert.deepEqual(
			rows.rows.map((row) => row.path.replace(/\.jpg$/, '')),
			shown.slice(0, 5),
		);
	} finally {
		await client.end();
	}
});
