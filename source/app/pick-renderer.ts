import {
	chooseRenderer,
	createRenderer,
	type RenderChoice,
	type RenderKind,
	type RenderRequest,
} from '../render/choose.js';
import {type Detection, probeTerminal} from '../render/probe.js';
import type {Renderer} from '../render/types.js';

export type RenderFlags = {
	readonly render?: 'auto' | RenderKind | undefined;
	readonly colors?: RenderRequest['colors'] | undefined;
	readonly lowBandwidth?: boolean | undefined;
	readonly symbols?: RenderRequest['symbols'] | undefined;
};

export function renderRequestOf(flags: RenderFlags): RenderRequest {
	return {
		render: flags.render ?? 'auto',
		colors: flags.colors ?? 'auto',
		lowBandwidth: flags.lowBandwidth ?? false,
		...(flags.symbols === undefined ? {} : {symbols: flags.symbols}),
	};
}

export type TerminalIo = {
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	readonly env: NodeJS.ProcessEnv;
	/** Probe timeout; only a terminal that never answers DA1 waits this long. */
	readonly timeoutMs?: number;
};

const defaultIo = (): TerminalIo => ({
	stdin: process.stdin,
	stdout: process.stdout,
	env: process.env,
});

/**
Probes the terminal (before Ink owns stdin) and picks the renderer for `label`. Call it before
takeOverTerminal and pass `renderer` to startLabelSession; show describeChoice(choice) in help.
*/
export async function pickRenderer(
	flags: RenderFlags,
	io: TerminalIo = defaultIo(),
): Promise<{renderer: Renderer; choice: RenderChoice; detection: Detection}> {
	const request = renderRequestOf(flags);
	// Blocks and ascii with fixed colours need nothing from the terminal: skip the round trip.
	const needsProbe =
		!(request.render === 'blocks' || request.render === 'ascii') || request.colors === 'auto';
	const detection: Detection = needsProbe
		? await probeTerminal({...io, timeoutMs: io.timeoutMs ?? 1000})
		: {replies: {kitty: false}, answered: false};
	const choice = chooseRenderer(detection, io.env, request);
	return {renderer: createRenderer(choice), choice, detection};
}
