/**
@alcalzone/ansi-tokenize as Ink's output sees it in the built CLI: package.json's build points
Ink's import of it here (esbuild --alias), and this re-exports the same version of the library
(`ansi-tokenize-original`), with three functions replaced.

Ink turns its whole frame, 140×45 cells on a typical screen and mostly blank where the image is
painted, into text on every render with styledCharsToString, which diffs each cell's styles with
the previous cell's. Each diff builds three Sets and several arrays even when nothing changes: about
12 MB of garbage a key at 100,000 files, two or three young-generation collections in the key's
own time. Skipping the diff when the styles are the same gives the same text (a test compares).
*/
import {
	ansiCodesToString,
	diffAnsiCodes,
	styledCharsFromTokens as libraryStyledCharsFromTokens,
	tokenize as libraryTokenize,
	type StyledChar,
	type Token,
} from 'ansi-tokenize-original';
import {getRecent} from '../shared/recent-map.js';

export * from 'ansi-tokenize-original';

/**
Lines tokenized lately. Ink makes its text cache anew for each render, so the side panel's lines,
mostly the same from key to key, were tokenized again on every key (about 1.3 ms of the key's 12).
Ink only reads the tokens and styled chars it gets (output.js), so they can be shared.
*/
const recentLines = new Map<string, Token[]>();
export const recentLinesKept = 256;
const styledOf = new WeakMap<Token[], StyledChar[]>();

/** The library's tokenize, remembered for the last `recentLinesKept` lines. */
export function tokenize(text: string, endChar?: number): Token[] {
	if (endChar !== undefined) {
		return libraryTokenize(text, endChar);
	}

	return getRecent(recentLines, text, recentLinesKept, libraryTokenize);
}

/** The library's styledCharsFromTokens, remembered for each remembered line's tokens. */
export function styledCharsFromTokens(tokens: Token[]): StyledChar[] {
	let chars = styledOf.get(tokens);
	if (chars === undefined) {
		chars = libraryStyledCharsFromTokens(tokens);
		styledOf.set(tokens, chars);
	}

	return chars;
}

type Styles = StyledChar['styles'];

/** True when `from` and `to` hold the same codes in the same order: their diff is empty. */
function sameStyles(from: Styles, to: Styles): boolean {
	if (from === to) {
		return true;
	}

	if (from.length !== to.length) {
		return false;
	}

	for (let index = 0; index < from.length; index++) {
		const before = from[index];
		const after = to[index];
		if (before?.code !== after?.code || before?.endCode !== after?.endCode) {
			return false;
		}
	}

	return true;
}

/** The library's styledCharsToString, without diffing styles that did not change. */
export function styledCharsToString(chars: readonly StyledChar[]): string {
	let text = '';
	let previous: Styles | undefined;
	for (const char of chars) {
		if (previous === undefined) {
			text += ansiCodesToString(char.styles);
		} else if (!sameStyles(previous, char.styles)) {
			text += ansiCodesToString(diffAnsiCodes(previous, char.styles));
		}

		text += char.value;
		previous = char.styles;
	}

	if (previous !== undefined && previous.length > 0) {
		text += ansiCodesToString(diffAnsiCodes(previous, []));
	}

	return text;
}
