import assert from 'node:assert/strict';
import test from 'node:test';
import {copySamples, removeFolder} from '../helpers/dataset.js';
import {startCli} from '../helpers/pty-session.js';

const beginFrame = '\u001B[?2026h';
const endFrame = '\u001B[?2026l';
const eraseLine = '\u001B[2K';

/** The synchronized-output brackets in `raw`, each as the text between begin and end. */
function brackets(raw: string): string[] {
	return raw
		.split(beginFrame)
		.slice(1)
		.map((part) => part.split(endFrame)[0] ?? '');
}

test('a keypress draws the next image and the new counter in one frame, not the image first', async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const cli = startCli(
		['label', dir, '--classes', 'photo,screenshot', '--render', 'blocks', '--no-commit-on-exit'],
		{columns: 140, rows: 45},
	);
	t.after(() => cli.kill());
	await cli.waitFor((screen) => screen.includes('img_0001.jpg'), 'the first image');
	await cli.waitFor((screen) => screen.includes('▀'), 'image blocks');
	for (const [index, next] of ['img_0002.jpg', 'img_0003.jpg', 'img_0004.jpg'].entries()) {
		const mark = cli.output().length;
		cli.write('1');
		await cli.waitFor(
			(screen) => screen.includes(next) && screen.includes(`${index + 1}/48 decided`),
			`the counter at ${index + 1}`,
		);
		// The image may still be decoding when the counter is drawn; then it follows later.
		await cli.waitFor(
			() => brackets(cli.output().slice(mark)).some((part) => /[▀▄]/.test(part)),
			'the next image painted',
		);
		const after = brackets(cli.output().slice(mark));
		const withCounter = after.findIndex((part) => part.includes(`${index + 1}/48`));
		assert.ok(withCounter >= 0, 'the counter came in a frame');
		// Ink's frames start by erasing the last one; a bracket of image cells alone is a paint
		// outside Ink's frame. Before the counter's frame, none may come: that was the image
		// arriving a frame ahead of the panel.
		const imageAlone = after.findIndex((part) => /[▀▄]/.test(part) && !part.startsWith(eraseLine));
		assert.ok(
			imageAlone === -1 || imageAlone > withCounter,
			`image painted alone in frame ${imageAlone}, before the counter's frame ${withCounter}`,
		);
	}

	cli.write('q');
	await cli.exited;
});
