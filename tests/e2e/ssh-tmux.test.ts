import assert from 'node:assert/strict';
import test from 'node:test';
import {fileURLToPath} from 'node:url';
import {copySamples, removeFolder} from '../helpers/dataset.js';
import {cliPath} from '../helpers/pty-session.js';
import {shellQuote, sshdMissing, startSshd} from '../helpers/sshd.js';
import {makeTempDir} from '../helpers/temp-dir.js';
import {startTmux} from '../helpers/tmux-session.js';

/** The checkout this test runs from (build/tests/e2e -> repository root). */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const columns = 120;
const rows = 40;
const imageColumns = columns - 33;

const decided = (pane: string) => Number(/(\d+)\/48 decided/.exec(pane)?.[1] ?? Number.NaN);
const plain = (pane: string) => pane.replace(/\u001B\[[0-9;:]*m/g, '');

/** Rows whose image part (left of the side panel) holds half-block glyphs drawn in colour. */
function colouredBlockRows(pane: string): number {
	let count = 0;
	for (const line of pane.split('\n')) {
		const glyphs = plain(line).slice(0, imageColumns);
		const blocks = (glyphs.match(/[▀▄]/g) ?? []).length;
		if (blocks >= 10 && /\u001B\[[0-9;]*[34]8;5;\d+/.test(line)) count++;
	}
	return count;
}

test('labeling over a real ssh session inside tmux: blocks, counter, undo, clean exit', {
	skip: sshdMissing(),
}, async (t) => {
	const work = await makeTempDir(t, 'imgsift-ssh-');
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const sshd = await startSshd(t, work);
	const remote = [
		'cd',
		repoRoot,
		'&&',
		...[process.execPath, cliPath, 'label', dir, '--classes', 'photo,screenshot'].map(shellQuote),
	].join(' ');
	// The shell stays after ssh so the pane's final state can be read (a dead pane hides the cursor).
	const command = `${sshd.sshCommand(remote)}; echo "[ssh exited $?]"; sleep 3600`;
	const tmux = await startTmux(t, work, command, {columns, rows});

	let pane = await tmux.waitFor(
		(text) => plain(text).includes('img_0001.jpg') && colouredBlockRows(text) >= 20,
		'the first image drawn in coloured blocks',
	);
	assert.equal(decided(plain(pane)), 0);
	assert.equal(await tmux.display('#{alternate_on}'), '1', 'labeling uses the alternate screen');

	await tmux.sendKeys('1');
	pane = await tmux.waitFor(
		(text) => decided(plain(text)) === 1 && plain(text).includes('img_0002.jpg'),
		'the counter at 1 and the second image',
	);
	await tmux.sendKeys('2');
	await tmux.waitFor((text) => decided(plain(text)) === 2, 'the counter at 2');
	await tmux.sendKeys('u');
	pane = await tmux.waitFor(
		(text) =>
			decided(plain(text)) === 1 &&
			plain(text).includes('img_0002.jpg') &&
			colouredBlockRows(text) >= 20,
		'undo back to the second image, drawn again',
	);

	await tmux.sendKeys('q');
	pane = await tmux.waitFor((text) => plain(text).includes('[ssh exited'), 'ssh to end');
	const text = plain(pane);
	assert.match(text, /\[ssh exited 0\]/);
	// What reached the terminal last, should the summary be missing (a CI run once saw a blank screen).
	const tail = JSON.stringify(await tmux.outputTail());
	assert.match(text, /Decided 1 of 48/, `the summary on the normal screen; last output: ${tail}`);
	assert.equal(await tmux.display('#{alternate_on}'), '0', 'back on the normal screen');
	assert.equal(await tmux.display('#{cursor_flag}'), '1', 'the cursor is visible again');
	assert.equal(colouredBlockRows(pane), 0, 'no image left behind on the normal screen');
	// The background check may have found the image's exact copy by then: it moves along with it.
	const copies = Number(/plus (\d+) exact cop/.exec(text)?.[1] ?? 0);
	assert.match(text, new RegExp(`${1 + copies} moved, 0 pending`), 'committed on quit');
});
