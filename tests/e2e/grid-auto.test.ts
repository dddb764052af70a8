import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import test from 'node:test';
import {copySamples, journalRecordsIn, removeFolder} from '../helpers/dataset.js';
import {cliPath, startCli} from '../helpers/pty-session.js';

test('auto-accept waits for N decisions, then accepts sure guesses unseen, audited; status reports it', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const args = ['--classes', 'photo,screenshot', '--guess', 'builtin', '--view', 'grid'];
	const auto = ['--auto-accept', '0.9', '--auto-after', '20', '--audit', '0.2'];
	const cli = startCli(['label', dir, ...args, ...auto, '--no-commit-on-exit'], {
		columns: 140,
		rows: 45,
	});
	await cli.waitFor((screen) => screen.includes('page 1 · guess: photo · 20 images'), 'page 1');
	await cli.waitFor(
		(screen) => screen.includes('auto-accept waits for 20 decisions of yours (0 so far)'),
		'the footer says why nothing is accepted yet',
	);
	cli.write('\r');
	const screen = await cli.waitFor(
		(text) => /auto-accept ≥ 90%: [1-9]\d* accepted unseen/.test(text),
		'auto-accept at work after 20 decisions',
	);
	const accepted = Number(/(\d+) accepted unseen/.exec(screen)?.[1]);
	await cli.waitFor((text) => text.includes('page 2 · guess:'), 'the audit page');
	cli.write('\r');
	await cli.waitFor((text) => /[^\d][1-9]\d* audited \(0 wrong\)/.test(text), 'audited');
	cli.write('q');
	assert.equal((await cli.exited).exitCode, 0);

	const records = await journalRecordsIn(dir);
	const autos = records.filter(
		(record) => (record['origin'] as {kind?: string} | undefined)?.kind === 'auto',
	);
	assert.ok(
		autos.length >= accepted && accepted > 0,
		`${autos.length} auto records, ${accepted} on screen`,
	);
	for (const record of autos) {
		assert.equal(record['via'], 'guess');
		assert.equal((record['origin'] as {threshold: number}).threshold, 0.9);
	}

	const status = spawnSync(process.execPath, [cliPath, 'status', dir, '--json'], {
		encoding: 'utf8',
	});
	assert.equal(status.status, 0, status.stderr);
	const report = JSON.parse(status.stdout) as {
		autoAccept?: {accepted: number; audited: number; auditWrong: number};
	};
	assert.equal(report.autoAccept?.accepted, autos.length);
	assert.ok((report.autoAccept?.audited ?? 0) > 0);
	assert.equal(report.autoAccept?.auditWrong, 0);
});
