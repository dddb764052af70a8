import {wrapForTmux} from './tmux-passthrough.js';

/** What the terminal said about itself; every field is absent when it did not answer. */
export interface ProbeReplies {
	/** The kitty graphics query was answered OK. */
	readonly kitty: boolean;
	/** DA1 attributes (`CSI ? 62;4;22 c` -> [62, 4, 22]); undefined if DA1 got no reply. */
	readonly deviceAttributes?: readonly number[];
	/** XTVERSION name and version, e.g. "kitty(0.35.2)" or "WezTerm 20240203". */
	readonly version?: string;
	/** One cell in pixels (`CSI 16 t`), or derived from the text area (`CSI 14 t`) and its size. */
	readonly cellPixels?: {readonly width: number; readonly height: number};
	/** The text area in pixels (`CSI 14 t`). */
	readonly windowPixels?: {readonly width: number; readonly height: number};
}

const kittyQueryId = 31;
const kittyQuery = `\u001B_Gi=${kittyQueryId},s=1,v=1,a=q,t=d,f=24;AAAA\u001B\\`;
const xtversion = '\u001B[>q';
const cellSizeQuery = '\u001B[16t';
const windowSizeQuery = '\u001B[14t';
export const da1Query = '\u001B[c';

/**
 * Queries in the order their replies arrive; DA1 goes last because every terminal answers it, so
 * its reply means all others that will come have come. Inside tmux the kitty query goes only
 * wrapped for passthrough: tmux takes a raw APC (ESC _ … ESC \\) as a pane title, which then
 * shows `Gi=31,…` in the status bar. Elsewhere it goes plain and wrapped (terminals ignore a
 * wrapper they do not know; tmux answers DA1 and XTVERSION itself).
 */
export function probeQueries(insideTmux = false): string {
	const kitty = insideTmux ? wrapForTmux(kittyQuery) : kittyQuery + wrapForTmux(kittyQuery);
	return kitty + xtversion + cellSizeQuery + windowSizeQuery + da1Query;
}

/**
 * Inside tmux (or screen), also over SSH: TMUX is set locally, and TERM (tmux-256color,
 * screen-256color) travels with the connection.
 */
export function runsInsideTmux(env: NodeJS.ProcessEnv): boolean {
	return env['TMUX'] !== undefined || /^(tmux|screen)/.test(env['TERM'] ?? '');
}

/** True once `text` holds a DA1 reply, the probe's end marker. */
export function hasDeviceAttributes(text: string): boolean {
	return /\u001B\[\?[\d;]*c/.test(text);
}

const positive = (value: number) => Number.isFinite(value) && value > 0;

/** Parses whatever replies arrived (in any order, possibly mixed with typed keys). */
export function parseProbeReplies(text: string, textArea?: {columns: number; rows: number}) {
	const kittyReply = new RegExp(
		`\\u001B_Gi=${kittyQueryId}(?:,[^;]*)?;([^\\u001B]*)\\u001B\\\\`,
	).exec(text);
	const da1 = /\u001B\[\?([\d;]*)c/.exec(text);
	const version = /\u001BP>\|([^\u001B]*)\u001B\\/.exec(text);
	const cell = /\u001B\[6;(\d+);(\d+)t/.exec(text);
	const window = /\u001B\[4;(\d+);(\d+)t/.exec(text);
	const replies: {-readonly [K in keyof ProbeReplies]: ProbeReplies[K]} = {
		kitty: kittyReply?.[1] === 'OK',
	};
	if (da1) {
		replies.deviceAttributes = (da1[1] ?? '')
			.split(';')
			.filter((part) => part !== '')
			.map(Number);
	}
	if (version?.[1]) replies.version = version[1];
	if (window && positive(Number(window[2])) && positive(Number(window[1]))) {
		replies.windowPixels = {width: Number(window[2]), height: Number(window[1])};
	}
	if (cell && positive(Number(cell[2])) && positive(Number(cell[1]))) {
		replies.cellPixels = {width: Number(cell[2]), height: Number(cell[1])};
	} else if (replies.windowPixels && textArea && textArea.columns > 0 && textArea.rows > 0) {
		replies.cellPixels = {
			width: Math.floor(replies.windowPixels.width / textArea.columns),
			height: Math.floor(replies.windowPixels.height / textArea.rows),
		};
	}
	return replies as ProbeReplies;
}

/** Sixel is attribute 4 in the DA1 reply. */
export function hasSixel(replies: ProbeReplies): boolean {
	return replies.deviceAttributes?.includes(4) ?? false;
}

// Replies a terminal sends to queries (device attributes, XTVERSION, kitty graphics, cell and
// window size, mode reports, OSC colour answers). None of them is a key a person pressed.
const replyPattern =
	/\u001B_[\s\S]*?\u001B\\|\u001BP[\s\S]*?\u001B\\|\u001B\][\s\S]*?(?:\u0007|\u001B\\)|\u001B\[[?>=][\d;]*c|\u001B\[\d+;\d+;\d+t|\u001B\[\?[\d;]*\$y/g;

/**
Removes terminal replies from input. A reply that arrives after the start-up probe gave up (a slow
SSH link) would otherwise reach the keymap: `ESC[?62;4c` holds a `?` (help) and a kitty `OK`
reply a `1` (decide).
*/
export function stripTerminalReplies(text: string): string {
	return text.replace(replyPattern, '');
}
