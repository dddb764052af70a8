import {writeSync} from 'node:fs';

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
