import type {EventEmitter} from 'node:events';

export type WaitOptions = {readonly timeoutMs?: number; readonly describe?: () => string};

/** Polls `probe` until it returns something other than undefined or false; fails after a timeout. */
export async function waitUntil<T>(
	what: string,
	probe: () => T | undefined | false,
	{timeoutMs = 3000, describe}: WaitOptions = {},
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value !== undefined && value !== false) {
			return value;
		}

		if (Date.now() > deadline) {
			const detail = describe ? `\n${describe()}` : '';
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.${detail}`);
		}

		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

/** Waits until the last frame satisfies `test`, and returns that frame. */
export async function waitForFrame(
	lastFrame: () => string | undefined,
	what: string,
	test: (frame: string) => boolean,
): Promise<string> {
	return waitUntil(
		what,
		() => {
			const frame = lastFrame();
			return frame !== undefined && test(frame) ? frame : undefined;
		},
		{describe: () => `Last frame:\n${lastFrame() ?? '(none)'}`},
	);
}

/**
Waits until Ink reads stdin: useInput subscribes in an effect that runs after the first frame,
and keys written before that are lost. Ink attaches its 'readable' listener in the same effect pass.
*/
export async function waitForInputListener(stdin: EventEmitter): Promise<void> {
	await waitUntil('Ink to listen to stdin', () => stdin.listenerCount('readable') > 0);
}

/** Gives the fake terminal a size and announces it, as a real terminal does on SIGWINCH. */
export function resizeTerminal(stdout: EventEmitter, columns: number, rows: number): void {
	Object.defineProperty(stdout, 'columns', {value: columns, configurable: true});
	Object.defineProperty(stdout, 'rows', {value: rows, configurable: true});
	stdout.emit('resize');
}
