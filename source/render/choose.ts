import {assertNever} from '../core/assert-never.js';
import {asciiRenderer} from './ascii.js';
import {blocksRenderer} from './blocks-renderer.js';
import {itermRenderer} from './iterm.js';
import {defaultCellPixels, kittyRenderer, type PixelSize} from './kitty.js';
import type {Detection} from './probe.js';
import {hasSixel} from './probe-replies.js';
import {sixelRenderer} from './sixel.js';
import {symbolsRenderer} from './symbols.js';
import {enablePassthroughAdvice} from './tmux-passthrough.js';
import type {ColorMode, Renderer} from './types.js';

export const renderKinds = ['kitty', 'iterm', 'sixel', 'blocks', 'ascii'] as const;
export type RenderKind = (typeof renderKinds)[number];
export const colorChoices = ['auto', 'truecolor', '256', '16'] as const;
/** Cell symbols for blocks: half-blocks everywhere; quadrants and sextants need font support. */
export const symbolChoices = ['half', 'quadrant', 'sextant'] as const;

export interface RenderRequest {
	readonly render: 'auto' | RenderKind;
	readonly colors: (typeof colorChoices)[number];
	readonly lowBandwidth: boolean;
	readonly symbols?: (typeof symbolChoices)[number];
}

export interface RenderChoice {
	readonly kind: RenderKind;
	readonly colors: ColorMode;
	readonly cell: PixelSize;
	readonly insideTmux: boolean;
	readonly symbols: (typeof symbolChoices)[number];
	/** Why, in short sentences, for `imgsift doctor` and the help screen. */
	readonly reasons: readonly string[];
	/** What the user can do to get better images, if anything. */
	readonly advice?: string;
}

type Env = NodeJS.ProcessEnv;

const truecolorTerminals = /kitty|ghostty|wezterm|iterm|foot|alacritty|konsole|contour|rio|mintty/i;

function capabilities(detection: Detection, env: Env) {
	const {replies, tmux} = detection;
	// Over SSH the TMUX variable is gone, but tmux still answers XTVERSION as itself.
	const insideTmux =
		tmux !== undefined || Boolean(env['TMUX']) || /^tmux/i.test(replies.version ?? '');
	// Inside tmux, XTVERSION and DA1 come from tmux; the client's TERM names the outer terminal.
	const name = (insideTmux ? tmux?.outerTerm : replies.version) ?? '';
	const term = env['TERM'] ?? '';
	const program = env['TERM_PROGRAM'] ?? '';
	const hintsOnly = !detection.answered;
	// WezTerm and Konsole answer the kitty query but draw no Unicode placeholders, which we need.
	const noPlaceholders = /wezterm|konsole/i.test(name);
	const kitty =
		(replies.kitty && !noPlaceholders) ||
		/kitty|ghostty/i.test(name) ||
		(hintsOnly &&
			(term === 'xterm-kitty' || Boolean(env['KITTY_WINDOW_ID']) || /ghostty/i.test(program)));
	const iterm =
		/iterm2|wezterm|mintty/i.test(name) ||
		env['LC_TERMINAL'] === 'iTerm2' ||
		/^(iTerm\.app|WezTerm|vscode|mintty)$/.test(program);
	return {insideTmux, name, term, kitty, iterm, sixel: hasSixel(replies)};
}

function colorsFor(
	request: RenderRequest,
	env: Env,
	terminalName: string,
): {colors: ColorMode; why: string} {
	if (request.colors !== 'auto') return {colors: request.colors, why: `--colors ${request.colors}`};
	const colorterm = (env['COLORTERM'] ?? '').toLowerCase();
	const term = env['TERM'] ?? '';
	if (request.lowBandwidth) return {colors: '256', why: '256 colours: a third of truecolor bytes'};
	if (colorterm === 'truecolor' || colorterm === '24bit')
		return {colors: 'truecolor', why: `COLORTERM=${colorterm}`};
	if (truecolorTerminals.test(terminalName))
		return {colors: 'truecolor', why: `${terminalName} has truecolor`};
	if (/256|direct|tmux|screen/.test(term)) return {colors: '256', why: `TERM=${term}`};
	if (term === '') return {colors: '256', why: 'TERM unset; 256 colours assumed'};
	return {colors: '16', why: `TERM=${term} promises no more than 16 colours`};
}

const slowRoundTripMs = 150;

/** Picks how to draw images: the flag if given, else kitty, iTerm2, sixel, then half-blocks. */
export function chooseRenderer(
	detection: Detection,
	env: Env,
	request: RenderRequest,
): RenderChoice {
	const choice = chooseByCapability(detection, env, request);
	// A round trip is not bandwidth, so only advise: images of 60-700 KB each are felt on a slow link.
	const slow = (detection.roundTripMs ?? 0) > slowRoundTripMs;
	if (slow && (choice.kind === 'kitty' || choice.kind === 'sixel') && !choice.advice) {
		return {
			...choice,
			advice: `the terminal answered in ${detection.roundTripMs} ms; if images lag, try --low-bandwidth`,
		};
	}
	return choice;
}

function chooseByCapability(detection: Detection, env: Env, request: RenderRequest): RenderChoice {
	const found = capabilities(detection, env);
	const {colors, why: colorWhy} = colorsFor(request, env, found.name);
	const cell = detection.replies.cellPixels ?? defaultCellPixels;
	const reasons: string[] = [];
	const passthrough = detection.tmux?.passthrough;
	// Unknown (over SSH) counts as on only if the kitty query made it through to the terminal.
	const passthroughOff =
		found.insideTmux &&
		(passthrough === undefined
			? !detection.replies.kitty
			: passthrough !== 'on' && passthrough !== 'all');
	let advice: string | undefined;
	const pick = (kind: RenderKind, why: string): RenderChoice => ({
		kind,
		colors,
		cell,
		insideTmux: found.insideTmux,
		symbols: request.symbols ?? 'half',
		reasons: [...reasons, ...(kind === 'blocks' ? [`colours: ${colorWhy}`] : []), why],
		...(advice === undefined ? {} : {advice}),
	});

	if (request.render !== 'auto') {
		// Asked for by name, only a known 'off' overrides it (over SSH tmux cannot be asked).
		const knownOff = passthroughOff && passthrough !== undefined;
		if (knownOff && (request.render === 'kitty' || request.render === 'iterm')) {
			advice = enablePassthroughAdvice;
			return pick('blocks', `--render ${request.render} asked, but tmux would drop the images`);
		}
		return pick(request.render, `--render ${request.render}`);
	}
	if ((env['TERM'] ?? '') === 'dumb') return pick('ascii', 'TERM=dumb: plain text only');
	if (request.lowBandwidth)
		return pick('blocks', '--low-bandwidth: half-blocks cost the fewest bytes');
	if (found.kitty) {
		const how = detection.replies.kitty
			? 'answered the kitty graphics query'
			: `is ${found.name || found.term}`;
		if (!passthroughOff) {
			return pick(
				'kitty',
				`the terminal ${how}${found.insideTmux ? '; inside tmux, so Unicode placeholders' : ''}`,
			);
		}
		advice = enablePassthroughAdvice;
		reasons.push(
			`the terminal ${how}, but tmux's allow-passthrough is ${passthrough ?? 'unknown'}`,
		);
	}
	if (found.iterm && !found.insideTmux) {
		return pick(
			'iterm',
			`${found.name || env['LC_TERMINAL'] || env['TERM_PROGRAM']} shows iTerm2 inline images`,
		);
	}
	if (found.iterm) reasons.push('iTerm2 images do not stay in place inside tmux');
	if (found.sixel) return pick('sixel', 'the DA1 reply lists sixel (attribute 4)');
	if (!detection.answered) reasons.push('the terminal did not answer the queries');
	else if (!found.kitty)
		reasons.push('no kitty reply before the DA1 reply, and DA1 lists no sixel');
	return pick('blocks', 'half-blocks work in every Unicode terminal');
}

export function createRenderer(choice: RenderChoice): Renderer {
	switch (choice.kind) {
		case 'kitty':
			return kittyRenderer({cell: choice.cell, insideTmux: choice.insideTmux});
		case 'iterm':
			return itermRenderer({cell: choice.cell, insideTmux: choice.insideTmux});
		case 'sixel':
			return sixelRenderer({cell: choice.cell});
		case 'ascii':
			return asciiRenderer();
		case 'blocks':
			return choice.symbols === 'half'
				? blocksRenderer(choice.colors)
				: symbolsRenderer(choice.colors, choice.symbols);
		default: {
			return assertNever(choice.kind);
		}
	}
}

/** One line for the help screen: what draws the images, and why. */
export function describeChoice(choice: RenderChoice): string {
	const symbols = choice.symbols === 'half' ? '' : `, ${choice.symbols}s`;
	const what = choice.kind === 'blocks' ? `blocks (${choice.colors}${symbols})` : choice.kind;
	const why = choice.reasons.join('; ');
	return `images: ${what}: ${why}${choice.advice ? `. ${choice.advice}` : ''}`;
}
