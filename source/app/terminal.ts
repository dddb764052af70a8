import {writeSync} from 'node:fs';
import {stripTerminalReplies} from '../render/probe-replies.js';

const enterAlternateScreen = '\u001B[?1049h\u001B[H\u001B[?25l';
const leaveAlternateScreen = '\u001B[?25h\u001B[?1049l';

/**
Switches to the alternate screen and makes sure every way out (quit, a signal, a crash) switches
back and shows the cursor again. Returns the function that restores the terminal; calling it twice
is harmless.
*/
export function takeOverTerminal(stdout: NodeJS.WriteStream): () => void {
	let restored = false;
	const restore = () => {
		if (restored) {
			return;
		}

		restored = true;
		process.off('exit', restore);
		try {
			// Synchronous on purpose: this also runs from the 'exit' event, where async writes are lost.
			writeSync((stdout as {fd?: number}).fd ?? 1, leaveAlternateScreen);
		} catch {
			// The terminal may be gone (a dropped SSH connection); nothing left to restore.
		}
	};

	stdout.write(enterAlternateScreen);
	process.on('exit', restore);
	return restore;
}

/**
The stdin Ink should read: the real one, with terminal replies taken out of what `read()`
returns (Ink reads with 'readable' and read(), as utf8 text).
*/
export function keysOnlyStdin(stdin: NodeJS.ReadStream): NodeJS.ReadStream {
	const read = (size?: number): unknown => {
		const chunk: unknown = stdin.read(size);
		return typeof chunk === 'string' ? stripTerminalReplies(chunk) : chunk;
	};

	return new Proxy(stdin, {
		get(target, property) {
			if (property === 'read') {
				return read;
			}

			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
}

/**
With CI set, Ink (is-in-ci, read once when Ink loads) writes no live frames at all. A terminal on
both ends means a person is watching, whatever the environment says: call before importing Ink.
*/
export function letInkDrawLive(
	stdin: NodeJS.ReadStream = process.stdin,
	stdout: NodeJS.WriteStream = process.stdout,
): void {
	if (stdin.isTTY && stdout.isTTY) {
		delete process.env['CI'];
		delete process.env['CONTINUOUS_INTEGRATION'];
	}
}
