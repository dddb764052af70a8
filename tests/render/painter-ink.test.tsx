import assert from 'node:assert/strict';
import test from 'node:test';
import {blocksRenderer} from '../../source/render/blocks-renderer.js';
import {createOverlayStdout} from '../../source/render/painter.js';
import {emulatedTerminal, inkOptions} from '../helpers/emulated-terminal.js';
import {waitUntil} from '../helpers/ink-wait.js';

// Ink reads CI when it loads and then draws no live frames; CI runs this test with CI=true.
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];
const {Box, render, Text} = await import('ink');

function Screen({title}: {title: string}) {
	return (
		<Box flexDirection="column">
			<Text>{title}</Text>
			<Box height={3} width={6} />
			<Text>footer</Text>
		</Box>
	);
}

test('the image stays on screen through Ink re-renders, at its place beside Ink output', async () => {
	const terminal = emulatedTerminal(40, 12);
	const painter = createOverlayStdout(terminal.stream);
	const app = render(<Screen title="first" />, inkOptions(painter.stdout));
	await waitUntil('Ink to draw its first frame', () => terminal.row(4) === 'footer', {
		describe: terminal.screen,
	});

	// A 6×6 pixel image: every cell a flat blue (0x0000ff), so each shows as a space on blue.
	const pixels = new Uint8Array(6 * 6 * 3).map((_, index) => (index % 3 === 2 ? 255 : 0));
	const frame = blocksRenderer('truecolor').encode(
		{pixels, width: 6, height: 6},
		{columns: 6, rows: 3},
	);
	painter.setOverlay({top: 1, left: 0, lines: frame.lines});
	const imageShown = () =>
		[1, 2, 3].every((y) => [0, 5].every((x) => terminal.backgroundAt(x, y) === 0x0000ff));
	await waitUntil('the image to be painted', imageShown, {describe: terminal.screen});

	// Ink erases its previous frame line by line before writing the next, image rows included.
	app.rerender(<Screen title="second" />);
	await waitUntil('Ink to draw the second frame', () => terminal.row(0) === 'second', {
		describe: terminal.screen,
	});
	await waitUntil('the image to be repainted after the frame', imageShown, {
		describe: terminal.screen,
	});
	assert.equal(terminal.row(4), 'footer');
	assert.equal(terminal.backgroundAt(6, 2), undefined, 'nothing painted right of the image');

	painter.eraseOverlay();
	await waitUntil('the image to be blanked', () => terminal.backgroundAt(0, 1) === undefined);
	app.unmount();
});
