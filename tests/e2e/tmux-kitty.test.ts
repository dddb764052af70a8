import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import test, {type TestContext} from 'node:test';
import {fileURLToPath} from 'node:url';
import {copySamples, removeFolder} from '../helpers/dataset.js';
import {decodeKittyImages, parseKittyCommands} from '../helpers/kitty-decoder.js';
import {placeholderBlocks} from '../helpers/placeholder-cells.js';
import {startPtyClient} from '../helpers/pty-client.js';
import {shellQuote, sshdMissing, startSshd} from '../helpers/sshd.js';
import {makeTempDir} from '../helpers/temp-dir.js';
import {startTmux} from '../helpers/tmux-session.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const labelEntry = fileURLToPath(new URL('../helpers/label-entry.js', import.meta.url));
const plain = (pane: string) => pane.replace(/\u001B\[[0-9;:]*m/g, '');
const sidePanel = 33;

/**
The only image on screen once its every cell is drawn. tmux can be captured halfway through a
frame, so waits ask for a whole rectangle rather than assert on the first capture that has one.
*/
const wholeImage = (pane: string) => {
	const blocks = placeholderBlocks(pane);
	const [only] = blocks;
	return blocks.length === 1 && only !== undefined && only.cells === only.rows * only.columns
		? only
		: undefined;
};

/** Image ids the outer terminal was told to delete. */
const deletedIds = (raw: string) =>
	parseKittyCommands(raw)
		.filter(({keys}) => keys['a'] === 'd')
		.map(({keys}) => Number(keys['i']));

/**
Waits until every image the terminal was sent has been deleted again. A timeout says which were
not, and the last kitty commands in the order they arrived (payloads left out).
*/
async function waitForEveryImageDeleted(client: {
	output(): string;
	waitFor(predicate: (raw: string) => boolean, what: string): Promise<void>;
}): Promise<void> {
	const undeleted = (raw: string) => {
		const deleted = new Set(deletedIds(raw));
		const transmitted = decodeKittyImages(parseKittyCommands(raw)).map((image) => image.id);
		return {transmitted, left: [...new Set(transmitted)].filter((id) => !deleted.has(id))};
	};
	try {
		await client.waitFor((raw) => {
			const {transmitted, left} = undeleted(raw);
			return transmitted.length > 0 && left.length === 0;
		}, 'every transmitted image deleted');
	} catch (error) {
		const raw = client.output();
		const last = parseKittyCommands(raw)
			.slice(-12)
			.map(({keys}) => JSON.stringify(keys));
		throw new Error(
			`${error instanceof Error ? error.message : String(error)}; not deleted: ${JSON.stringify(undeleted(raw).left)}; last commands: ${last.join(' ')}`,
			{cause: error},
		);
	}
}

/**
A kitty labeling session on a copy of the samples, run over ssh inside tmux with passthrough on,
with a pty client attached; it starts only once the client is, since tmux passes images on to
attached clients only.
*/
async function kittyOverSshInTmux(t: TestContext) {
	const work = await makeTempDir(t, 'imgsift-kitty-');
	const dir = await copySamples();
	t.after(async () => removeFolder(dir));
	const sshd = await startSshd(t, work);
	const options = {
		dir,
		classes: 'photo,screenshot',
		commitOnExit: false,
		render: {render: 'kitty'},
	};
	const remote = `cd ${shellQuote(repoRoot)} && ${[process.execPath, labelEntry, JSON.stringify(options)].map(shellQuote).join(' ')}`;
	const go = path.join(work, 'go');
	const command = `while [ ! -e ${go} ]; do sleep 0.05; done; ${sshd.sshCommand(remote)}; echo "[ssh exited $?]"; sleep 3600`;
	const tmux = await startTmux(t, work, command, {options: ['set -g allow-passthrough on']});
	const client = startPtyClient(t, 'tmux', ['-S', tmux.socket, 'attach']);
	await client.waitFor((raw) => raw.length > 0, 'the tmux client to draw');
	await writeFile(go, '');
	return {tmux, client};
}

test('kitty over ssh inside tmux: passthrough reaches the terminal, placeholders sit in the image area, nothing stale is left', {
	skip: sshdMissing(),
}, async (t) => {
	const {tmux, client} = await kittyOverSshInTmux(t);

	// A capture taken after the first rows of a frame holds a smaller whole rectangle: wait for the
	// one the terminal was told to place.
	const placed = (text: string) => {
		const candidate = wholeImage(text);
		const placement = parseKittyCommands(client.output()).find(
			({keys}) => keys['a'] === 'p' && Number(keys['i']) === candidate?.id,
		);
		return (
			candidate !== undefined &&
			Number(placement?.keys['c']) === candidate.columns &&
			Number(placement?.keys['r']) === candidate.rows
		);
	};
	let pane = await tmux.waitFor(
		(text) => plain(text).includes('img_0001.jpg') && placed(text),
		'a full rectangle of placeholders for the first image, as placed',
	);
	let block = wholeImage(pane);
	assert.ok(block);
	assert.ok(block.left + block.columns <= 120 - sidePanel && block.top + block.rows <= 39);
	const firstId = block.id;
	await client.waitFor(
		(raw) => decodeKittyImages(parseKittyCommands(raw)).some((image) => image.id === firstId),
		'the first image to reach the client',
	);
	const commands = parseKittyCommands(client.output());
	const images = decodeKittyImages(commands);
	const shown = images.find((image) => image.id === block?.id);
	assert.ok(shown, `image ${block.id} reached the terminal through tmux`);
	assert.equal(shown.rgb.length, shown.width * shown.height * 3);
	const placement = commands.find(({keys}) => keys['a'] === 'p' && Number(keys['i']) === block?.id);
	assert.deepEqual(
		[placement?.keys['U'], Number(placement?.keys['c']), Number(placement?.keys['r'])],
		['1', block.columns, block.rows],
	);

	// The next image went out ahead of time, so the key only changes cells.
	await client.waitFor((raw) => decodeKittyImages(parseKittyCommands(raw)).length >= 3, 'prefetch');
	const sentBeforeKey = new Set(
		decodeKittyImages(parseKittyCommands(client.output())).map((i) => i.id),
	);
	await tmux.sendKeys('1');
	pane = await tmux.waitFor(
		(text) => plain(text).includes('img_0002.jpg') && (wholeImage(text)?.id ?? firstId) !== firstId,
		'the second image, whole',
	);
	block = wholeImage(pane);
	assert.ok(
		block && sentBeforeKey.has(block.id),
		'the second image was transmitted before the key',
	);
	await client.waitFor((raw) => deletedIds(raw).includes(firstId), 'the first image deleted');

	await tmux.sendKeys('?');
	await tmux.waitFor(
		(text) => plain(text).includes('imgsift keys') && placeholderBlocks(text).length === 0,
		'help without image cells',
	);
	await tmux.sendKeys('Escape');
	await tmux.waitFor((text) => wholeImage(text) !== undefined, 'the image back after help');

	await tmux.resize(100, 30);
	await tmux.waitFor((text) => {
		const only = wholeImage(text);
		return (
			only !== undefined &&
			only.left + only.columns <= 100 - sidePanel &&
			only.top + only.rows <= 29
		);
	}, 'one whole image inside the smaller area');

	await tmux.sendKeys('C-c');
	pane = await tmux.waitFor((text) => plain(text).includes('[ssh exited'), 'ssh to end');
	assert.match(plain(pane), /\[ssh exited 0\]/);
	assert.equal(placeholderBlocks(pane).length, 0, 'no placeholder left on screen');
	await waitForEveryImageDeleted(client);
	const raw = client.output();
	assert.equal(
		parseKittyCommands(raw).length,
		raw.split('\u001B_G').length - 1,
		'every kitty command arrived whole',
	);
});

test('Ctrl-C while the first kitty images are still being sent leaves whole commands and no image behind', {
	skip: sshdMissing(),
}, async (t) => {
	const {tmux, client} = await kittyOverSshInTmux(t);
	await client.waitFor((raw) => raw.includes('\u001B_Ga=t'), 'the first transmission to start');
	await tmux.sendKeys('C-c');
	const pane = await tmux.waitFor((text) => plain(text).includes('[ssh exited'), 'ssh to end');
	assert.match(plain(pane), /\[ssh exited 0\]/);
	assert.equal(placeholderBlocks(pane).length, 0, 'no placeholder left on screen');
	assert.equal(await tmux.display('#{alternate_on}'), '0');
	await waitForEveryImageDeleted(client);
	const raw = client.output();
	assert.equal(
		parseKittyCommands(raw).length,
		raw.split('\u001B_G').length - 1,
		'no command cut short',
	);
});
