import assert from 'node:assert/strict';
import {Writable} from 'node:stream';
import test from 'node:test';
import {createOverlayStdout, eraseBytes, overlayBytes} from '../../source/render/painter.js';

const beginFrame = '\u001B[?2026h';
const endFrame = '\u001B[?2026l';
const first = {top: 2, left: 5, lines: ['##', '##']};
const second = {top: 3, left: 5, lines: ['@@']};

function terminalStream() {
	const written: string[] = [];
	const stream = new Writable({
		write(chunk: Buffer, _encoding, done) {
			written.push(chunk.toString('utf8'));
			done();
		},
	});
	Object.assign(stream, {isTTY: true, columns: 80, rows: 24});
	return {stream: stream as unknown as NodeJS.WriteStream, written};
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

test('deferred: an Ink frame in the same turn carries the new image, which is written once', async () => {
	const {stream, written} = terminalStream();
	const painter = createOverlayStdout(stream, {deferPaint: true});
	painter.setOverlay(first);
	await nextTurn();
	written.length = 0;
	painter.setOverlay(second);
	assert.deepEqual(written, [], 'nothing yet: the frame may still come this turn');
	painter.stdout.write(beginFrame);
	painter.stdout.write('counter 2/24');
	painter.stdout.write(endFrame);
	await nextTurn();
	const all = written.join('');
	assert.equal(all.split(overlayBytes(second)).length, 2, 'the image is written exactly once');
	assert.ok(
		all.indexOf('counter 2/24') < all.indexOf(overlayBytes(second)) &&
			all.indexOf(overlayBytes(second)) < all.lastIndexOf(endFrame),
		'inside the frame bracket, after the text',
	);
	assert.equal(
		all.includes(eraseBytes(first)),
		false,
		"no erase after Ink's frame: the frame rewrote those cells, an erase would blank its text",
	);
});

test('deferred: the image removed and the done screen drawn in one turn leaves the text standing', async () => {
	const {stream, written} = terminalStream();
	const painter = createOverlayStdout(stream, {deferPaint: true});
	painter.setOverlay(first);
	await nextTurn();
	written.length = 0;
	painter.setOverlay(undefined);
	painter.stdout.write(beginFrame);
	painter.stdout.write('Nothing left to label');
	painter.stdout.write(endFrame);
	await nextTurn();
	const all = written.join('');
	assert.ok(all.endsWith(`Nothing left to label${endFrame}`), JSON.stringify(all));
});

test('deferred: without a frame, the old image is erased before the new one is painted', async () => {
	const {stream, written} = terminalStream();
	const painter = createOverlayStdout(stream, {deferPaint: true});
	painter.setOverlay(first);
	await nextTurn();
	written.length = 0;
	painter.setOverlay(second);
	await nextTurn();
	assert.deepEqual(written, [beginFrame + eraseBytes(first) + overlayBytes(second) + endFrame]);
});

test('deferred: without an Ink frame the image is painted at the end of the turn', async () => {
	const {stream, written} = terminalStream();
	const painter = createOverlayStdout(stream, {deferPaint: true});
	painter.setOverlay(first);
	assert.deepEqual(written, []);
	await nextTurn();
	assert.deepEqual(written, [beginFrame + overlayBytes(first) + endFrame]);
});

test('deferred: two overlays in one turn paint only the last one', async () => {
	const {stream, written} = terminalStream();
	const painter = createOverlayStdout(stream, {deferPaint: true});
	painter.setOverlay(first);
	painter.setOverlay(second);
	await nextTurn();
	const all = written.join('');
	assert.equal(all.includes(overlayBytes(first)), false);
	assert.equal(all.split(overlayBytes(second)).length, 2);
});

test('deferred: releasing graphics at exit still deletes the image a pending removal took down', () => {
	const {stream, written} = terminalStream();
	const painter = createOverlayStdout(stream, {deferPaint: true});
	const graphic = {key: 'a', transmit: '<send a>', erase: '<delete 1>'};
	painter.setOverlay({...first, graphic});
	painter.setOverlay(undefined);
	painter.releaseGraphics();
	assert.ok(written.join('').includes('<delete 1>'), JSON.stringify(written));
});

test('closed: the graphics are deleted, then no frame, overlay or resize reaches the terminal', async () => {
	const {stream, written} = terminalStream();
	const painter = createOverlayStdout(stream, {deferPaint: true});
	const graphic = {key: 'a', transmit: '<send a>', erase: '<delete 1>'};
	painter.setOverlay({...first, graphic});
	await nextTurn();
	painter.setOverlay(undefined);
	painter.close();
	assert.ok(written.join('').includes('<delete 1>'), JSON.stringify(written));
	written.length = 0;

	// What a late Ink frame, a late image and a terminal resize would write: none of it may land
	// on the shell's screen (a resize used to clear it, taking the printed summary along).
	let called = false;
	painter.stdout.write('late frame', () => {
		called = true;
	});
	painter.setOverlay(second);
	stream.emit('resize');
	await nextTurn();
	assert.deepEqual(written, []);
	assert.equal(called, true, 'a write callback still runs, so nothing waits on it forever');
});
