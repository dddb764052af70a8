import type {TestContext} from 'node:test';
import pty from 'node-pty';

/** A tmux client refuses to start inside another tmux unless TMUX is unset. */
function withoutTmux(env: NodeJS.ProcessEnv): Record<string, string> {
	const copy = {...env};
	delete copy['TMUX'];
	return copy as Record<string, string>;
}

export type PtyClient = {
	/** Everything the program wrote to its terminal, raw. */
	output(): string;
	waitFor(predicate: (raw: string) => boolean, what: string, timeoutMs?: number): Promise<void>;
};

/**
 * Runs `command` in a pty standing in for the user's terminal and records the raw bytes, e.g. a
 * `tmux attach` client, to see what tmux passes through to the real terminal.
 */
export function startPtyClient(
	t: TestContext,
	command: string,
	args: string[],
	{
		columns = 120,
		rows = 40,
		env = {} as Record<string, string>,
		name = 'xterm-256color',
		answer,
	}: {
		columns?: number;
		rows?: number;
		env?: Record<string, string>;
		name?: string;
		/** Replies like a terminal: called with each chunk of output, returns what to type back. */
		answer?: (chunk: string) => string | undefined;
	} = {},
): PtyClient {
	const child = pty.spawn(command, args, {
		name,
		cols: columns,
		rows,
		env: withoutTmux({...process.env, ...env}),
	});
	let raw = '';
	child.onData((data) => {
		raw += data;
		const reply = answer?.(data);
		if (reply !== undefined) child.write(reply);
	});
	let exited = false;
	child.onExit(() => {
		exited = true;
	});
	t.after(() => {
		if (!exited) child.kill();
	});
	return {
		output: () => raw,
		async waitFor(predicate, what, timeoutMs = 20_000) {
			const deadline = Date.now() + timeoutMs;
			while (!predicate(raw)) {
				if (Date.now() > deadline || exited) {
					throw new Error(`${exited ? 'the client exited' : 'timed out'} waiting for ${what}`);
				}
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
	};
}
