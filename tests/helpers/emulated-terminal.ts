import {PassThrough, Writable} from 'node:stream';
import xterm from '@xterm/headless';

/**
 * A headless xterm behind a TTY-like stream, so Ink and the painter write to a real emulator.
 * convertEol stands in for the tty driver, which turns each LF into CR LF.
 */
export function emulatedTerminal(columns: number, rows: number) {
	const terminal = new xterm.Terminal({
		cols: columns,
		rows,
		allowProposedApi: true,
		convertEol: true,
	});
	/** Every write, as text, for tests that count what reached the terminal. */
	const written: string[] = [];
	const stream = new Writable({
		write(chunk: Buffer, _encoding, done) {
			written.push(chunk.toString('utf8'));
			terminal.write(chunk, () => done());
		},
	});
	Object.assign(stream, {isTTY: true, columns, rows});
	const row = (y: number) => terminal.buffer.active.getLine(y)?.translateToString(true) ?? '';
	const screen = () => Array.from({length: rows}, (_, y) => row(y)).join('\n');
	const backgroundAt = (x: number, y: number) => {
		const cell = terminal.buffer.active.getLine(y)?.getCell(x);
		return cell?.isBgRGB() ? cell.getBgColor() : undefined;
	};
	return {stream: stream as unknown as NodeJS.WriteStream, row, screen, backgroundAt, written};
}

/** Ink's render options for a test: `stdout` (the painter's), an idle stdin, no console patch. */
export function inkOptions(stdout: NodeJS.WriteStream) {
	const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
	return {stdout, stdin, patchConsole: false, exitOnCtrlC: false};
}
