/** Format characters (bidi controls, zero-width), line separators, and spaces other than ' '. */
const invisible = /[\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0]|(?! )\p{Zs}/u;

const codePointOf = (character: string): string =>
	`U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Class names become folder names under the output folder, so they must be safe ones. */
export function classNameProblem(name: string): string | undefined {
	if (name.trim() === '') {
		return 'a class name is empty';
	}

	if (name !== name.trim()) {
		return `class name ${JSON.stringify(name)} starts or ends with a space`;
	}

	if (name === '.' || name === '..') {
		return `class name ${JSON.stringify(name)} would name the folder itself or its parent`;
	}

	if (/[/\\]/.test(name)) {
		return `class name ${JSON.stringify(name)} contains a path separator`;
	}

	if (name.startsWith('.')) {
		return `class name ${JSON.stringify(name)} starts with ".", which makes a hidden folder (imgsift keeps .labels for itself)`;
	}

	if (/[\u0000-\u001F\u007F-\u009F]/.test(name)) {
		return `class name ${JSON.stringify(name)} contains a control character`;
	}

	const hidden = invisible.exec(name);
	if (hidden !== null) {
		// Bidi overrides (U+202E) make a name read differently from what it is; never shown raw.
		const shown = name.replace(
			new RegExp(invisible.source, 'gu'),
			(found) => `<${codePointOf(found)}>`,
		);
		return `class name ${JSON.stringify(shown)} contains an invisible or direction-changing character (${codePointOf(hidden[0])}); type the name without it`;
	}

	if (name.startsWith('_')) {
		return `class name ${JSON.stringify(name)} starts with "_", which imgsift keeps for its own folders (_duplicates, _quarantine)`;
	}

	if (new TextEncoder().encode(name).length > 200) {
		return `class name ${JSON.stringify(name.slice(0, 20))}… is too long for a folder name`;
	}

	return undefined;
}

/** Parses `photo,screenshot` into validated class names. Throws with every problem found. */
export function parseClassList(text: string): string[] {
	const names = text.split(',').map((name) => name.trim());
	const problems = names.map((name) => classNameProblem(name)).filter((problem) => problem);
	const seen = new Set<string>();
	for (const name of names) {
		const folded = name.toLowerCase();
		if (seen.has(folded)) {
			problems.push(`class ${JSON.stringify(name)} is listed twice (folder names may ignore case)`);
		}

		seen.add(folded);
	}

	if (names.length > 9) {
		problems.push(`${names.length} classes given, but only 9 have keys (1 to 9)`);
	}

	if (names.length < 2 && problems.length === 0) {
		problems.push('give at least two classes, for example --classes photo,screenshot');
	}

	if (problems.length > 0) {
		throw new Error(problems.join('; '));
	}

	return names;
}
