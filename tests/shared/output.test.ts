import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {link} from 'node:fs/promises';
import path from 'node:path';
import {Writable} from 'node:stream';
import test from 'node:test';
import {sharp} from '../../source/image/sharp-instance.js';
import {writeWithBackpressure} from '../../source/shared/output.js';
import {cliPath} from '../helpers/pty-session.js';
import {makeTempDir} from '../helpers/temp-dir.js';

test('writes wait for a slow reader, so no more than one piece is ever queued', async () => {
	const piece = 'x'.repeat(10_000);
	let mostQueued = 0;
	let received = 0;
	const slow = new Writable({
		highWaterMark: 16_384,
		write(chunk: Buffer, _encoding, callback) {
			received += chunk.length;
			setImmediate(callback);
		},
	});
	for (let index = 0; index < 50; index++) {
		await writeWithBackpressure(slow, piece);
		mostQueued = Math.max(mostQueued, slow.writableLength);
	}

	assert.ok(mostQueued <= 16_384 + piece.length, `${mostQueued} bytes queued`);
	await new Promise<void>((resolve) => {
		slow.end(resolve);
	});
	assert.equal(received, 50 * piece.length);
});

test('a write to a destroyed stream resolves at once instead of waiting for a drain', async () => {
	const gone = new Writable({
		highWaterMark: 1,
		write(_chunk, _encoding, callback) {
			callback();
		},
	});
	gone.destroy();
	await writeWithBackpressure(gone, 'never read');
	assert.equal(gone.destroyed, true);
});

/**
`imgsift check` with `args` on 3,000 links to one tiny PNG, its report (far more than a pipe holds)
piped into `head -c 100`, which reads a little and exits. A real pipe, as a user's shell makes.
*/
async function checkIntoClosedReader(dir: string, args: readonly string[]) {
	const script =
		'node_="$1"; shift; "$node_" "$@" | head -c 100 > /dev/null; exit $((PIPESTATUS[0]))';
	const child = spawn(
		'bash',
		['-c', script, 'bash', process.execPath, cliPath, 'check', dir, ...args],
		{
			stdio: ['ignore', 'ignore', 'pipe'],
		},
	);
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString('utf8');
	});
	const exitCode = await new Promise<number | null>((resolve) => {
		child.on('close', resolve);
	});
	return {exitCode, stderr};
}

test('check into a reader that stops early: no stack trace, the usual exit code', async (t) => {
	const dir = await makeTempDir(t, 'imgsift-closed-reader-');
	const first = path.join(dir, 'tile-0000.png');
	await sharp({create: {width: 8, height: 8, channels: 3, background: '#336699'}})
		.png()
		.toFile(first);
	for (let index = 1; index < 3000; index++) {
		await link(first, path.join(dir, `tile-${String(index).padStart(4, '0')}.png`));
	}

	for (const args of [['--json'], []]) {
		const {exitCode, stderr} = await checkIntoClosedReader(dir, args);
		// Exact copies are a problem check reports with exit 1, as it does in a terminal.
		assert.equal(exitCode, 1, `${args.join(' ')}: ${stderr}`);
		assert.doesNotMatch(stderr, /EPIPE|Unhandled|\n\s+at /, args.join(' '));
	}
});
