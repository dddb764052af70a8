const namedEscapes: Readonly<Record<string, string>> = {
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
};

// C0, DEL and C1 controls start terminal escape sequences; bidi controls and line separators can
// disguise a name (a file shown as "gpj.exe" reversed), so they are shown as code points too.
const unsafeCharacter =
	/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

function escapeOne(character: string): string {
	const named = namedEscapes[character];
	if (named) {
		return named;
	}

	const code = character.charCodeAt(0);
	return code <= 0xff
		? `\\x${code.toString(16).padStart(2, '0')}`
		: `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
Makes text from the outside world (file names, error messages) safe to print on a terminal:
control characters are shown as `\x1b`, `\n` and the like instead of being sent as they are.
*/
export function escapeControl(text: string): string {
	return text.replace(unsafeCharacter, escapeOne);
}

// JSON.stringify escapes C0 controls itself; the rest of the unsafe set it would print raw.
const unsafeInJson = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
JSON for a terminal: the same document as JSON.stringify (it parses back to equal values), with
DEL, C1 and bidi controls written as `\u009b`-style escapes, since a raw U+009B is a CSI.
*/
export function jsonForTerminal(value: unknown, indent?: number): string {
	return JSON.stringify(value, undefined, indent).replace(
		unsafeInJson,
		(character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}
