import {render} from 'ink';
import {UserError} from '../store/user-error.js';
import {LabelApp} from '../ui/app.js';
import {openDataset} from './dataset.js';
import {startLabelSession} from './label-session.js';
import {takeOverTerminal} from './terminal.js';

export type LabelOptions = {
	readonly dir: string;
	readonly classes?: string | undefined;
	readonly out?: string | undefined;
	readonly user?: string | undefined;
	readonly order?: 'path' | 'shuffle' | undefined;
	readonly seed?: number | undefined;
	readonly commitOnExit: boolean;
};

function projectFlags(options: LabelOptions) {
	return {
		...(options.classes === undefined
			? {}
			: {classes: options.classes.split(',').map((name) => name.trim())}),
		...(options.out === undefined ? {} : {out: options.out}),
		...(options.order === undefined ? {} : {order: options.order}),
		...(options.seed === undefined ? {} : {seed: options.seed}),
		...(options.user === undefined ? {} : {user: options.user}),
	};
}

export async function runLabel(options: LabelOptions): Promise<void> {
	if (!process.stdout.isTTY || !process.stdin.isTTY) {
		throw new UserError(
			`labeling needs a terminal, and ${process.stdout.isTTY ? 'input' : 'output'} is not one. To see progress run: imgsift status ${options.dir}; to move decided files: imgsift commit ${options.dir}`,
		);
	}

	const dataset = await openDataset(options.dir, projectFlags(options), options.user);
	const restoreTerminal = takeOverTerminal(process.stdout);
	let session: Awaited<ReturnType<typeof startLabelSession>> | undefined;
	try {
		session = await startLabelSession(dataset, {
			stdout: process.stdout,
			commitOnExit: options.commitOnExit,
		});
		const {controller, stdout} = session;
		const onSignal = () => {
			// A hang-up or kill asks to leave now: the journal is flushed; moves wait for next time.
			void session?.leaveWithoutCommit();
		};

		process.once('SIGTERM', onSignal);
		process.once('SIGHUP', onSignal);
		const app = render(<LabelApp controller={controller} />, {
			stdout,
			exitOnCtrlC: false,
			patchConsole: false,
			// Ink's default of 30 frames a second delays the text of fast key bursts; 60 keeps up.
			maxFps: 60,
		});
		await Promise.race([controller.finished, app.waitUntilExit()]);
		app.unmount();
		process.off('SIGTERM', onSignal);
		process.off('SIGHUP', onSignal);
	} finally {
		await session?.stop();
		restoreTerminal();
		await dataset.close();
	}

	const summary = session?.summary();
	if (summary) {
		process.stderr.write(`${summary}\n`);
	}
}
