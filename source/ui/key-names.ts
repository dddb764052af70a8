import type {Key} from 'ink';

/** Control characters that name a key when they arrive inside a multi-key chunk. */
const keyByCharacter: Readonly<Record<string, string>> = {
	'\r': 'enter',
	'\n': 'enter',
	' ': 'space',
	'\u007F': 'backspace',
	'\b': 'backspace',
	'\u001B': 'escape',
	'\u0003': 'ctrl+c',
};

function keyForCharacter(character: string): string | undefined {
	const named = keyByCharacter[character];
	if (named) {
		return named;
	}

	// Other control characters (Tab, Ctrl-letters) have no binding: drop them.
	return /^[\u0000-\u001F\u007F-\u009F]$/.test(character) ? undefined : character;
}

/**
Turns one Ink input event into normalized key names (see keymap.ts). Ink delivers a chunk of
plain characters typed faster than it reads (or pasted) as one event, so each character counts.
*/
export function normalizeKeys(input: string, key: Key): string[] {
	// With the kitty keyboard protocol a key also reports its release: act on the press only.
	if (key.eventType === 'release') {
		return [];
	}

	if (key.ctrl && input === 'c') {
		return ['ctrl+c'];
	}

	if (key.escape) {
		return ['escape'];
	}

	// Most terminals send DEL for Backspace, which Ink reports as `delete`.
	if (key.backspace || key.delete) {
		return ['backspace'];
	}

	if (key.return) {
		return ['enter'];
	}

	if (key.ctrl || key.meta) {
		return [];
	}

	const keys: string[] = [];
	for (const character of input) {
		const name = keyForCharacter(character);
		if (name !== undefined) {
			keys.push(name);
		}
	}

	return keys;
}
