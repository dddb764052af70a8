import {describeChoice, type RenderChoice} from '../render/choose.js';
import type {Detection} from '../render/probe.js';
import {hasSixel} from '../render/probe-replies.js';
import {escapeControl} from '../shared/escape.js';
import {pickRenderer, type RenderFlags, type TerminalIo} from './pick-renderer.js';

const hintNames = [
	'TERM',
	'COLORTERM',
	'TERM_PROGRAM',
	'LC_TERMINAL',
	'TMUX',
	'SSH_CONNECTION',
] as const;

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/**
glibc's malloc arenas, which `imgsift`'s launcher caps (MALLOC_ARENA_MAX=2 unless set): undefined where
malloc is not glibc's (macOS, musl), as the setting means nothing there.
*/
export function mallocArenaNote(
	glibcVersion: string | undefined,
	env: NodeJS.ProcessEnv,
): string | undefined {
	if (glibcVersion === undefined) return undefined;
	const cap = env['MALLOC_ARENA_MAX'];
	return cap
		? `at most ${escapeControl(cap)} (MALLOC_ARENA_MAX)`
		: 'not capped: run the imgsift command (its launcher sets MALLOC_ARENA_MAX=2), not node with its file, or memory grows by about 40 MiB';
}

/**
The young generation's cap in MiB that `imgsift`'s launcher gives V8 (--max-semi-space-size=8: two
semi-spaces of 8 MiB), from Node's own arguments; undefined when started without it, where V8 lets
it grow to 32 MiB.
*/
export function youngGenerationCapMiB(execArgv: readonly string[]): number | undefined {
	for (const [index, argument] of execArgv.entries()) {
		const match = /^--max[-_]semi[-_]space[-_]size(?:=(\d+))?$/.exec(argument);
		const value = match && (match[1] ?? execArgv[index + 1]);
		if (value && /^\d+$/.test(value)) return 2 * Number(value);
	}

	return undefined;
}

/** What was detected and chosen, as lines for people. Pure, for tests. */
export function doctorReport(
	detection: Detection,
	choice: RenderChoice,
	env: NodeJS.ProcessEnv,
	glibcVersion?: string,
	execArgv: readonly string[] = [],
): string[] {
	const {replies, tmux} = detection;
	const arenas = mallocArenaNote(glibcVersion, env);
	const youngCap = youngGenerationCapMiB(execArgv);
	const lines = [
		`terminal answered:  ${detection.answered ? `yes, in ${detection.roundTripMs ?? '?'} ms` : 'no (not a terminal, or it ignores queries)'}`,
		`terminal (XTVERSION): ${escapeControl(replies.version ?? 'unknown')}`,
		`kitty graphics:     ${yesNo(replies.kitty)}${replies.kitty ? '' : detection.answered ? ' (no reply before the DA1 reply)' : ''}`,
		`sixel:              ${yesNo(hasSixel(replies))}${replies.deviceAttributes ? ` (DA1 ${replies.deviceAttributes.join(';')})` : ''}`,
		`cell size:          ${replies.cellPixels ? `${replies.cellPixels.width}×${replies.cellPixels.height} px` : `unknown, assuming ${choice.cell.width}×${choice.cell.height} px`}`,
		`inside tmux:        ${choice.insideTmux ? 'yes' : 'no'}${tmux ? `, allow-passthrough ${tmux.passthrough ?? 'unknown'}, outer terminal ${escapeControl(tmux.outerTerm ?? 'unknown')}` : ''}`,
		`hints:              ${hintNames.map((name) => `${name}=${escapeControl(env[name] ?? '')}`).join(' ')}`,
		...(arenas ? [`malloc arenas:      ${arenas}`] : []),
		`young generation:   ${youngCap === undefined ? 'up to 32 MiB: run the imgsift command (its launcher caps it at 16 MiB), not node with its file' : `at most ${youngCap} MiB (--max-semi-space-size)`}`,
		'',
		describeChoice(choice),
	];
	if (choice.advice) lines.push(`to do: ${choice.advice}`);
	return lines;
}

/** imgsift doctor: probes the terminal and prints what it found and which renderer label would use. */
export async function runDoctor(
	flags: RenderFlags & {readonly json?: boolean | undefined},
	io?: TerminalIo,
): Promise<void> {
	const {choice, detection} = await pickRenderer(flags, io);
	const env = io?.env ?? process.env;
	const out = io?.stdout ?? process.stdout;
	const glibcVersion = runtimeGlibcVersion();
	if (flags.json) {
		const memory = {
			glibc: glibcVersion ?? null,
			mallocArenaMax: env['MALLOC_ARENA_MAX'] ?? null,
			youngGenerationMaxMiB: youngGenerationCapMiB(process.execArgv) ?? null,
		};
		out.write(`${JSON.stringify({detection, choice, memory}, undefined, 2)}\n`);
		return;
	}
	const report = doctorReport(detection, choice, env, glibcVersion, process.execArgv);
	out.write(`${report.join('\n')}\n`);
}

/** The C library's version when it is glibc, from Node's diagnostic report header. */
function runtimeGlibcVersion(): string | undefined {
	const report = process.report?.getReport() as
		| {header?: {glibcVersionRuntime?: string}}
		| undefined;
	return report?.header?.glibcVersionRuntime;
}
