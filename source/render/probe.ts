import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {
	hasDeviceAttributes,
	type ProbeReplies,
	parseProbeReplies,
	probeQueries,
	runsInsideTmux,
} from './probe-replies.js';

const run = promisify(execFile);

export interface TmuxInfo {
	/** tmux's `allow-passthrough` for this pane: 'on', 'all', 'off', or undefined if unknown. */
	readonly passthrough?: string;
	/** TERM of the terminal the tmux client runs in (e.g. xterm-kitty): the outer terminal. */
	readonly outerTerm?: string;
}

export interface Detection {
	readonly replies: ProbeReplies;
	/** The terminal answered DA1 (a live terminal that reads queries). */
	readonly answered: boolean;
	/** Milliseconds from writing the queries to the DA1 reply: the link's round trip. */
	readonly roundTripMs?: number;
	readonly tmux?: TmuxInfo;
}

export type ProbeOptions = {
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	readonly env: NodeJS.ProcessEnv;
	/** How long to wait for the DA1 reply. Over a slow SSH link replies arrive late, so be generous. */
	readonly timeoutMs?: number;
};

/** Asks tmux (when inside it) whether passthrough is on and what terminal its client runs in. */
export async function readTmuxInfo(env: NodeJS.ProcessEnv): Promise<TmuxInfo | undefined> {
	if (!env['TMUX']) return undefined;
	const ask = async (...args: string[]) => {
		try {
			return (await run('tmux', args, {env, timeout: 1000})).stdout.trim() || undefined;
		} catch {
			return undefined;
		}
	};
	const [passthrough, outerTerm] = await Promise.all([
		ask('show-options', '-pqv', 'allow-passthrough').then(
			async (pane) => pane ?? ask('show-options', '-gqv', 'allow-passthrough'),
		),
		ask('display-message', '-p', '#{client_termname}'),
	]);
	return {
		...(passthrough === undefined ? {} : {passthrough}),
		...(outerTerm === undefined ? {} : {outerTerm}),
	};
}

/**
 * Writes the queries and reads replies from stdin in raw mode until the DA1 reply or the timeout.
 * Runs before Ink owns stdin; leaves stdin paused with its raw mode as it was.
 */
export async function probeTerminal(options: ProbeOptions): Promise<Detection> {
	const {stdin, stdout, env, timeoutMs = 300} = options;
	const tmux = await readTmuxInfo(env);
	if (!stdin.isTTY || !stdout.isTTY) {
		return {replies: {kitty: false}, answered: false, ...(tmux ? {tmux} : {})};
	}
	const wasRaw = stdin.isRaw;
	let text = '';
	const started = performance.now();
	let roundTripMs: number | undefined;
	await new Promise<void>((resolve) => {
		const finish = () => {
			clearTimeout(timer);
			stdin.off('data', onData);
			resolve();
		};
		const onData = (chunk: Buffer | string) => {
			text += chunk.toString();
			if (hasDeviceAttributes(text)) {
				roundTripMs = performance.now() - started;
				finish();
			}
		};
		const timer = setTimeout(finish, timeoutMs);
		stdin.setRawMode(true);
		stdin.on('data', onData);
		stdin.resume();
		stdout.write(probeQueries(runsInsideTmux(env)));
	});
	stdin.pause();
	stdin.setRawMode(wasRaw);
	const replies = parseProbeReplies(text, {columns: stdout.columns, rows: stdout.rows});
	return {
		replies,
		answered: roundTripMs !== undefined,
		...(roundTripMs === undefined ? {} : {roundTripMs: Math.round(roundTripMs)}),
		...(tmux ? {tmux} : {}),
	};
}
