/**
A kill (SIGTERM) ends a kitty session through the 'exit' handlers, not the session's stop(). The
images it sent must be deleted while the alternate screen is still up, before leaving it: tmux did
not pass deletes written after that on to the terminal, so the images stayed in its memory.
*/
import assert from 'node:assert/strict';
import test from 'node:test';
import {fileURLToPath} from 'node:url';
import {copySamples, removeFolder} from '../helpers/dataset.js';
import {decodeKittyImages, parseKittyCommands} from '../helpers/kitty-decoder.js';
import {startProgram} from '../helpers/pty-session.js';

const labelEntry = fileURLToPath(new URL('../helpers/label-entry.js', import.meta.url));
const leaveAlternateScreen = '\u001B[?1049l';

test('SIGTERM: every image sent to a kitty terminal is deleted before the alternate screen is left', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const options = {
		dir,
		classes: 'photo,screenshot',
		commitOnExit: false,
		render: {render: 'kitty'},
	};
	const cli = startProgram(process.execPath, [labelEntry, JSON.stringify(options)]);
	t.after(() => cli.kill('SIGKILL'));
	await cli.waitFor(
		() => decodeKittyImages(parseKittyCommands(cli.output())).length >= 2,
		'two images sent to the terminal',
		60_000,
	);
	cli.kill('SIGTERM');
	await cli.exited;

	const raw = cli.output();
	const leftAt = raw.lastIndexOf(leaveAlternateScreen);
	assert.ok(leftAt > 0, 'the alternate screen was left');
	const sent = new Set(decodeKittyImages(parseKittyCommands(raw)).map((image) => image.id));
	const deletedBefore = new Set(
		parseKittyCommands(raw.slice(0, leftAt))
			.filter(({keys}) => keys['a'] === 'd')
			.map(({keys}) => Number(keys['i'])),
	);
	assert.deepEqual(
		[...sent].filter((id) => !deletedBefore.has(id)),
		[],
		'images not deleted before leaving the alternate screen',
	);
});
