import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {promisify} from 'node:util';
import {planAdjudication} from '../../source/app/adjudicate.js';
import {removeFolder} from '../helpers/dataset.js';
import {cliPath, startCli} from '../helpers/pty-session.js';
import {type FixtureVote, teamFolder} from '../helpers/team-fixture.js';

const image = (index: number) => `img_${String(index).padStart(4, '0')}.jpg`;
const guess = {label: 'photo', confidence: 0.64, source: 'builtin'};

/** Images 1 and 2 split ann and bob; 3 they agree on; boss split with ann on 4. */
const votes: FixtureVote[] = [
	['ann', image(1), 'photo', 3],
	['bob', image(1), 'screenshot', 2],
	['ann', image(2), 'screenshot', 3],
	['bob', image(2), 'photo', 2],
	['ann', image(3), 'photo', 3],
	['bob', image(3), 'photo', 2],
	['ann', image(4), 'photo', 3],
	['boss', image(4), 'screenshot', 2],
];

test('the adjudication queue leaves out images the adjudicator voted on', async (t) => {
	const dir = await teamFolder(votes);
	t.after(() => removeFolder(dir));
	const plan = await planAdjudication(dir, 'boss', {kind: 'overlap', votes: 2}, [
		'photo',
		'screenshot',
	]);
	assert.deepEqual(
		plan.queue.map((item) => [item.path, item.votes.map((vote) => `${vote.user}:${vote.label}`)]),
		[
			[image(1), ['ann:photo', 'bob:screenshot']],
			[image(2), ['ann:screenshot', 'bob:photo']],
		],
	);
	assert.equal(plan.ownVotes, 1);
});

test('label --adjudicate shows only contested images with their votes; the key is final', async (t) => {
	const dir = await teamFolder(votes, Date.now(), {[image(1)]: guess});
	t.after(() => removeFolder(dir));
	const cli = startCli(['label', dir, '--adjudicate', '--overlap', '2', '--user', 'boss']);
	t.after(() => cli.kill());
	const first = await cli.waitFor(
		(screen) => screen.includes(image(1)) && screen.includes('bob: screenshot'),
		'the first contested image with its votes',
	);
	assert.match(first, /contested: your key is final/);
	assert.match(first, /ann: photo/);
	assert.match(first, /guess shown: photo 64%/);
	cli.write('2');
	await cli.waitFor(
		(screen) => screen.includes(image(2)) && screen.includes('ann: screenshot'),
		'the second contested image',
	);
	cli.write('1');
	await cli.waitFor((screen) => /2\/2 decided/.test(screen), 'both adjudicated');
	cli.write('q');
	const {exitCode} = await cli.exited;
	assert.equal(exitCode, 0, cli.output().slice(-2000));

	const journal = await readFile(path.join(dir, '.labels', 'journal', 'boss.jsonl'), 'utf8');
	const decided = journal
		.split('\n')
		.filter((line) => line.includes('"op":"decide"'))
		.map((line) => JSON.parse(line) as {path: string; label: string; origin?: string});
	assert.deepEqual(
		decided.map(({path: item, label, origin}) => [item, label, origin]),
		[
			[image(4), 'screenshot', undefined],
			[image(1), 'screenshot', 'adjudicated'],
			[image(2), 'photo', 'adjudicated'],
		],
	);
	// Nothing moved: the team's commit moves images by their final labels.
	assert.doesNotMatch(journal, /"op":"moved"/);
	const {stdout} = await promisify(execFile)(process.execPath, [
		cliPath,
		'status',
		dir,
		'--overlap',
		'2',
		'--json',
	]);
	const report = JSON.parse(stdout) as {team: {items: Record<string, number>}};
	assert.deepEqual(report.team.items, {settled: 1, adjudicated: 2, pending: 0, contested: 1});
});

test('label --adjudicate with nothing contested says so and exits', async (t) => {
	const dir = await teamFolder(votes.filter(([, item]) => item === image(3)));
	t.after(() => removeFolder(dir));
	const cli = startCli(['label', dir, '--adjudicate', '--overlap', '2', '--user', 'boss']);
	const {exitCode} = await cli.exited;
	assert.equal(exitCode, 0);
	assert.match(cli.output(), /Nothing to adjudicate: no contested image is waiting\./);
});
