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

test("a keypress paints the next image once; the counter's frame after it leaves the image alone", async (t) => {
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const cli = startCli(
		['label', dir, '--classes', 'photo,screenshot', '--render', 'blocks', '--no-commit-on-exit'],
		{columns: 140, rows: 45},
	);
	t.after(() => cli.kill());
	await cli.waitFor((screen) => screen.includes('img_0001.jpg'), 'the first image');
	await cli.waitFor(
		(screen) => screen.includes('▀') && !screen.includes('loading'),
		"image blocks, and the frame that took away the box's loading text",
	);
	let checked = 0;
	for (const [index, next] of ['img_0002.jpg', 'img_0003.jpg', 'img_0004.jpg'].entries()) {
		const mark = cli.output().length;
		cli.write('1');
		await cli.waitFor(
			(screen) =>
				screen.includes(next) && screen.includes(`${index + 1}/48 decided`) && screen.includes('▀'),
			`the counter at ${index + 1} beside the image`,
		);
		const after = brackets(cli.output().slice(mark));
		// An image still decoding shows "loading…" first, and its box text is then overwritten.
		if (after.some((part) => part.includes('loading'))) continue;
		checked++;
		const withCounter = after.findIndex((part) => part.includes(`${index + 1}/48`));
		assert.ok(withCounter >= 0, 'the counter came in a frame');
		const withImage = after.flatMap((part, at) => (/[▀▄]/.test(part) ? [at] : []));
		assert.equal(withImage.length, 1, `the image painted once, not ${withImage.length} times`);
		assert.ok((withImage[0] ?? -1) <= withCounter, 'the image first, or in the same frame');
		// Ink's full frames start by erasing the last one; the counter's frame is its changed lines.
		assert.equal(after[withCounter]?.startsWith(eraseLine), false, 'only the changed lines');
	}

	assert.ok(checked > 0, 'at least one key found its image prepared');
	cli.write('q');
	await cli.exited;
});
