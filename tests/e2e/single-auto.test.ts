import assert from 'node:assert/strict';
import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {copySamples, journalRecordsIn, removeFolder, samplesFolder} from '../helpers/dataset.js';
import {startCli} from '../helpers/pty-session.js';
import {waitFor} from '../helpers/wait-for.js';

type Origin = {kind?: string; audit?: boolean; guessed?: string} | undefined;
const originOf = (record: Record<string, unknown>) => record['origin'] as Origin;
const decidedCount = (screen: string) => Number(/(\d+)\/\d+ decided/.exec(screen)?.[1] ?? -1);
/** The file on screen: the name under the side panel's "file" heading (other panel lines name files too). */
function shownFile(screen: string): string {
	const lines = screen.split('\n');
	const heading = lines.findIndex((line) => /\bfile\s*$/.test(line));
	return /(img_\d+\.\w+)\s*$/.exec(lines[heading + 1] ?? '')?.[1] ?? '';
}

test('auto-accept runs in the single view: sure guesses skip the queue, audit items are flagged', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	// Predictions known from the start: which items the audit picks is then fixed by the seed and the
	// paths, not by which guesses a loaded machine happens to have ready when the gate opens.
	const truth = JSON.parse(
		await readFile(path.join(samplesFolder, 'truth.json'), 'utf8'),
	) as Record<string, string>;
	const rows = Object.entries(truth)
		.filter(([, label]) => label === 'photo' || label === 'screenshot')
		.map(([file, label]) => `${file},${label},0.95`);
	const predictions = path.join(dir, '.labels-predictions.csv');
	await writeFile(predictions, `path,label,confidence\n${rows.join('\n')}\n`);
	const args = ['--classes', 'photo,screenshot', '--predictions', predictions];
	const auto = ['--auto-accept', '0.8', '--auto-after', '10', '--audit', '0.3'];
	const cli = startCli(['label', dir, ...args, ...auto, '--no-commit-on-exit'], {
		columns: 140,
		rows: 45,
	});
	t.after(() => cli.kill());
	await cli.waitFor((screen) => screen.includes('img_0001.jpg'), 'the single view');
	// The same status line as the grid's footer: why auto-accept waits, then what it did.
	await cli.waitFor(
		(screen) => /auto-accept waits for 10\b/.test(screen),
		'why auto-accept waits, in the single view',
	);
	// The person accepts the guess on screen, one image at a time, until auto-accept takes over.
	let flagged = '';
	// What auto-accept did shows while its gate is open (a later audit may close it again).
	const autoLine = /auto-accept ≥ 80%: \d+/;
	let autoLineSeen = false;
	const ready = /guess (photo|screenshot) \d+%/;
	for (let pressed = 0; pressed < 60 && flagged === ''; pressed++) {
		const screen = await cli.waitFor(
			(text) => ready.test(text) || /All \d+|0 left/.test(text),
			'a guess on screen',
		);
		autoLineSeen ||= autoLine.test(screen);
		if (screen.includes('audit: the model was sure')) {
			// The panel names the file once the image has loaded.
			flagged = await cli.waitFor(
				(text) => text.includes('audit: the model was sure') && shownFile(text) !== '',
				'the audit item and its name',
			);
			break;
		}

		const before = decidedCount(screen);
		cli.write('\r');
		const after = await cli.waitFor(
			(text) => decidedCount(text) > before || text.includes('not ready yet'),
			'decided, or the guess still coming',
		);
		autoLineSeen ||= autoLine.test(after);
		if (decidedCount(after) >= 45) break;
	}

	if (!autoLineSeen) {
		await cli.waitFor(
			(screen) => autoLine.test(screen),
			'what auto-accept did, in the single view',
		);
	}

	const records = await journalRecordsIn(dir);
	const autos = records.filter((record) => originOf(record)?.kind === 'auto');
	assert.ok(autos.length > 0, 'guesses accepted unseen while only the single view was shown');
	assert.ok(!records.some((record) => originOf(record)?.kind === 'grid'), 'no grid page involved');
	assert.ok(flagged !== '', 'an audit item is shown, flagged');
	const auditPath = shownFile(flagged);
	assert.ok(auditPath !== '', flagged);
	assert.ok(
		!autos.some((record) => record['path'] === auditPath),
		'the audit item was not auto-accepted',
	);
	// Under load the audit item's guess may still be coming at Enter: press again once it shows.
	for (let tries = 0; tries < 20; tries++) {
		cli.write('\r');
		// Another file named on screen: while the next image loads the panel names none.
		const after = await cli.waitFor(
			(text) =>
				(shownFile(text) !== '' && shownFile(text) !== auditPath) || text.includes('not ready yet'),
			'the audit item decided',
		);
		if (shownFile(after) !== auditPath && !after.includes('not ready yet')) break;
		await cli.waitFor((text) => ready.test(text), 'the audit item’s guess');
	}
	// The screen moves on as the decision is journaled: read the journal until it is there.
	const checked = await waitFor('the audit item’s decision in the journal', 10_000, async () =>
		(await journalRecordsIn(dir)).find(
			(record) => record['op'] === 'decide' && record['path'] === auditPath,
		),
	);
	assert.equal(originOf(checked)?.kind, 'single');
	assert.equal(originOf(checked)?.audit, true);
	cli.write('q');
	await cli.exited;
});
