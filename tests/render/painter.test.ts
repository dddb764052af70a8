import assert from 'node:assert/strict';
import {Writable} from 'node:stream';
import test from 'node:test';
import {createOverlayStdout, eraseBytes, overlayBytes} from '../../source/render/painter.js';

const beginFrame = '\u001B[?2026h';
const endFrame = '\u001B[?2026l';
const picture = {top: 2, left: 5, lines: ['##', '##']};

/** A real stream standing in for a TTY: records what reaches it, in order. */
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

test('forwards properties, methods and events of the real stream', () => {
	const {stream} = terminalStream();
	const {stdout} = createOverlayStdout(stream);
	assert.equal(stdout.columns, 80);
	assert.equal(stdout.rows, 24);
	assert.equal(stdout.isTTY, true);
	assert.equal('isTTY' in stdout, true);

	let resizes = 0;
	const onResize = () => resizes++;
	// The painter listens for resizes itself; what we add through the proxy must come off again.
	const ownListeners = stream.listenerCount('resize');
	stdout.on('resize', onResize);
	stream.emit('resize');
	stdout.off('resize', onResize);
	stream.emit('resize');
	assert.equal(resizes, 1);
	assert.equal(stream.listenerCount('resize'), ownListeners);
});

test('writes pass through unchanged while there is no overlay', () => {
	const {stream, written} = terminalStream();
	const {stdout} = createOverlayStdout(stream);
	stdout.write('frame 1');
	assert.deepEqual(written, ['frame 1']);
});

test('setOverlay paints at once, and again after every write from Ink', () => {
	const {stream, written} = terminalStream();
	const painter = createOverlayStdout(stream);
	painter.setOverlay(picture);
	assert.deepEqual(written, [beginFrame + overlayBytes(picture) + endFrame]);
	written.length = 0;
	painter.stdout.write('frame 2');
	assert.deepEqual(written, ['frame 2', overlayBytes(picture)]);
});

test('a synchronized frame and its overlay reach the terminal in one write, the image last', () => {
	const {stream, written} = terminalStream();
	const painter = createOverlayStdout(stream);
	painter.setOverlay(picture);
	written.length = 0;
	painter.stdout.write(beginFrame);
	painter.stdout.write('erase+frame');
	painter.stdout.write('more frame');
	assert.deepEqual(written, [], 'held until the frame closes');
	painter.stdout.write(endFrame);
	assert.deepEqual(written, [
		`${beginFrame}erase+frame` + `more frame${overlayBytes(picture)}${endFrame}`,
	]);
});

test('a frame whose bracket never closes is still written, at the end of the turn', async () => {
	const {stream, written} = terminalStream();
	const painter = createOverlayStdout(stream);
	painter.stdout.write(beginFrame);
	painter.stdout.write('frame');
	assert.deepEqual(written, []);
	await new Promise((resolve) => setImmediate(resolve));
	assert.deepEqual(written, [`${beginFrame}frame`]);
	painter.stdout.write('after');
	assert.deepEqual(written, [`${beginFrame}frame`, 'after'], 'nothing held any more');
});

test('a write with a callback inside a frame releases what is held first, in order', async () => {
	const {stream, written} = terminalStream();
	const painter = createOverlayStdout(stream);
	painter.stdout.write(beginFrame);
	painter.stdout.write('frame');
	await new Promise<void>((resolve) => painter.stdout.write('late', () => resolve()));
	painter.stdout.write(endFrame);
	assert.deepEqual(written, [`${beginFrame}frame`, 'late', endFrame]);
});

test('cursor show/hide and empty writes do not cause a repaint', () => {
	const {stream, written} = terminalStream();
	const painter = createOverlayStdout(stream);
	painter.setOverlay(picture);
	written.length = 0;
	painter.stdout.write('\u001B[?25l');
	painter.stdout.write('');
	assert.deepEqual(written, ['\u001B[?25l', '']);
});

test('a new overlay of another size first blanks the old one; the same cells are just repainted', () => {
	const {stream, written} = terminalStream();
	const painter = createOverlayStdout(stream);
	painter.setOverlay(picture);
	written.length = 0;
	const samePlace = {...picture, lines: ['@@', '@@']};
	painter.setOverlay(samePlace);
	assert.deepEqual(written, [beginFrame + overlayBytes(samePlace) + endFrame]);
	written.length = 0;
	const smaller = {top: 2, left: 5, lines: ['@']};
	painter.setOverlay(smaller);
	assert.deepEqual(written, [
		beginFrame + eraseBytes(samePlace) + overlayBytes(smaller) + endFrame,
	]);
});

test('eraseOverlay blanks the cells and stops painting; repaint paints the current overlay', () => {
	const {stream, written} = terminalStream();
	const painter = createOverlayStdout(stream);
	painter.setOverlay(picture);
	written.length = 0;
	painter.repaint();
	assert.deepEqual(written, [overlayBytes(picture)]);
	written.length = 0;
	painter.eraseOverlay();
	painter.stdout.write('frame 3');
	painter.repaint();
	assert.deepEqual(written, [eraseBytes(picture), 'frame 3']);
});

test('write callbacks and encodings still reach the real stream', async () => {
	const {stream, written} = terminalStream();
	const {stdout} = createOverlayStdout(stream);
	await new Promise<void>((resolve, reject) =>
		stdout.write('done', (error) => (error ? reject(error) : resolve())),
	);
	await new Promise<void>((resolve) => stdout.write('6869', 'hex', () => resolve()));
	assert.deepEqual(written, ['done', 'hi']);
});

test('graphics: uploaded once ahead of time, deleted when replaced and on release', () => {
	const {stream, written} = terminalStream();
	const overlay = createOverlayStdout(stream);
	const first = {key: 'a', transmit: '<send a>', erase: '<delete 1>'};
	const second = {key: 'b', transmit: '<send b>', erase: '<delete 2>'};
	overlay.preload(second);
	overlay.setOverlay({...picture, graphic: first});
	overlay.setOverlay({...picture, graphic: second});
	const all = written.join('');
	assert.equal(all.split('<send b>').length, 2, 'the preloaded image is not sent again');
	assert.equal(all.split('<send a>').length, 2);
	assert.ok(all.indexOf('<send a>') < all.indexOf('##'), 'sent before it is painted');
	assert.equal(all.split('<delete 1>').length, 2, 'the replaced image is deleted');
	assert.ok(!all.includes('<delete 2>'));
	overlay.setOverlay({...picture, graphic: first});
	assert.equal(written.join('').split('<send a>').length, 3, 'a deleted image is sent again');
	assert.equal(written.join('').split('<delete 2>').length, 2, 'b deleted when a came back');
	overlay.preload({key: 'c', transmit: '<send c>', erase: '<delete 3>'});
	overlay.releaseGraphics();
	const end = written.join('');
	assert.ok(end.endsWith('<delete 1><delete 3>'), 'every image still held is deleted');
	const count = written.length;
	overlay.releaseGraphics();
	overlay.preload({key: 'd', transmit: '<send d>', erase: '<delete 4>'});
	assert.equal(written.length, count, 'nothing left to delete, and no uploads after release');
});

test('dropOverlay blanks the image painted over the new Ink frame, then restores that frame', () => {
	const {stream, written} = terminalStream();
	const painter = createOverlayStdout(stream);
	const overlay = {...picture, graphic: {key: 'k', transmit: '<send>', erase: '<delete>'}};
	painter.setOverlay(overlay);
	painter.stdout.write('help frame');
	written.length = 0;
	painter.dropOverlay();
	assert.deepEqual(written, [`${beginFrame}${eraseBytes(overlay)}<delete>help frame${endFrame}`]);
	painter.stdout.write('next frame');
	assert.deepEqual(written.slice(1), ['next frame'], 'no longer painted');
	painter.dropOverlay();
	assert.equal(written.length, 2, 'nothing to drop');
});
