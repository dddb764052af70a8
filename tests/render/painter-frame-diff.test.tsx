import assert from 'node:assert/strict';
import test from 'node:test';
import {blocksRenderer} from '../../source/render/blocks-renderer.js';
import {createOverlayStdout, overlayBytes} from '../../source/render/painter.js';
import {emulatedTerminal, inkOptions} from '../helpers/emulated-terminal.js';
import {waitUntil} from '../helpers/ink-wait.js';

// Ink reads CI when it loads and then draws no live frames; CI runs this test with CI=true.
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];
const {Box, render, Text} = await import('ink');

/** The label screen's shape: the image's box on the left, the panel beside it, a footer. */
function Screen({counter, inBox}: {counter: string; inBox?: string}) {
	return (
		<Box flexDirection="column">
			<Box>
				<Box width={8} height={3} flexShrink={0}>
					{inBox === undefined ? undefined : <Text>{inBox}</Text>}
				</Box>
				<Box flexDirection="column">
					<Text bold>{counter}</Text>
					<Text>photo</Text>
				</Box>
			</Box>
			<Text>footer</Text>
		</Box>
	);
}

function blueImage() {
	const pixels = new Uint8Array(6 * 6 * 3).map((_, index) => (index % 3 === 2 ? 255 : 0));
	const frame = blocksRenderer('truecolor').encode(
		{pixels, width: 6, height: 6},
		{columns: 6, rows: 3},
	);
	return {top: 0, left: 1, lines: frame.lines, width: 6};
}

test('an image painted at once is left alone by the panel frame that follows', async () => {
	const terminal = emulatedTerminal(40, 8);
	const painter = createOverlayStdout(terminal.stream, {deferPaint: true});
	const app = render(<Screen counter="1/24" />, inkOptions(painter.stdout));
	await waitUntil('the first frame', () => terminal.row(3) === 'footer', {
		describe: terminal.screen,
	});
	app.rerender(<Screen counter="1/24!" />);
	await waitUntil('a second frame', () => terminal.row(0).includes('1/24!'));

	const image = blueImage();
	terminal.written.length = 0;
	painter.setOverlay(image, {now: true});
	assert.ok(terminal.written.join('').includes(overlayBytes(image)), 'painted before any frame');
	const imageShown = () =>
		[0, 1, 2].every((y) => [1, 6].every((x) => terminal.backgroundAt(x, y) === 0x0000ff));
	await waitUntil('the image on screen', imageShown, {describe: terminal.screen});

	terminal.written.length = 0;
	app.rerender(<Screen counter="2/24" />);
	await waitUntil('the counter to change', () => terminal.row(0).includes('2/24'), {
		describe: terminal.screen,
	});
	const frameBytes = terminal.written.join('');
	assert.equal(frameBytes.includes(overlayBytes(image)), false, 'the image is not painted again');
	assert.equal(frameBytes.includes('photo'), false, 'an unchanged line is not written');
	assert.ok(imageShown(), terminal.screen());
	assert.equal(terminal.row(0).slice(8).trim(), '2/24');
	assert.equal(terminal.row(3), 'footer');

	// Text inside the image's rows overwrites its cells: then the image is painted again after it.
	terminal.written.length = 0;
	app.rerender(<Screen counter="3/24" inBox="note" />);
	await waitUntil('the image painted over the text', () =>
		terminal.written.join('').includes(overlayBytes(image)),
	);
	await waitUntil('the image whole again', imageShown, {describe: terminal.screen});
	assert.equal(terminal.row(3), 'footer');
	app.unmount();
});
