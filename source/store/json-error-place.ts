/**
V8's JSON.parse messages give no position for many mistakes (a trailing comma, for one), so this
small scanner finds where the text stops being JSON, to point a hand editor at the place.
*/

type Failure = {readonly at: number};

const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const escapes = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** Offset of the first JSON syntax error in `text`, or undefined when it is valid JSON. */
export function jsonErrorOffset(text: string): number | undefined {
	let index = 0;
	const fail = (): never => {
		throw {at: index} satisfies Failure;
	};

	const skipSpace = (): void => {
		while (index < text.length && ' \t\n\r'.includes(text.charAt(index))) {
			index++;
		}
	};

	const expect = (character: string): void => {
		skipSpace();
		if (text.charAt(index) !== character) {
			fail();
		}

		index++;
	};

	const scanString = (): void => {
		index++; // The opening quote.
		while (index < text.length) {
			const character = text.charAt(index);
			if (character === '"') {
				index++;
				return;
			}

			if (character === '\\') {
				index++;
				const escaped = text.charAt(index);
				if (escaped === 'u') {
					if (!/^[\da-fA-F]{4}$/.test(text.slice(index + 1, index + 5))) {
						fail();
					}

					index += 4;
				} else if (!escapes.has(escaped)) {
					fail();
				}
			} else if (character < ' ') {
				fail();
			}

			index++;
		}

		fail();
	};

	const scanList = (close: string, scanEntry: () => void): void => {
		index++; // The opening bracket.
		skipSpace();
		if (text.charAt(index) === close) {
			index++;
			return;
		}

		for (;;) {
			scanEntry();
			skipSpace();
			const next = text.charAt(index);
			if (next === close) {
				index++;
				return;
			}

			if (next !== ',') {
				fail();
			}

			index++;
		}
	};

	const scanValue = (): void => {
		skipSpace();
		const character = text.charAt(index);
		if (character === '{') {
			scanList('}', () => {
				skipSpace();
				if (text.charAt(index) !== '"') {
					fail();
				}

				scanString();
				expect(':');
				scanValue();
			});
		} else if (character === '[') {
			scanList(']', scanValue);
		} else if (character === '"') {
			scanString();
		} else {
			const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, index));
			numberPattern.lastIndex = index;
			if (literal !== undefined) {
				index += literal.length;
			} else if (numberPattern.test(text)) {
				index = numberPattern.lastIndex;
			} else {
				fail();
			}
		}
	};

	try {
		scanValue();
		skipSpace();
		if (index < text.length) {
			fail();
		}

		return undefined;
	} catch (error) {
		return (error as Failure).at;
	}
}

/** "line 3, column 18" for an error offset, or "it ends too early" at the end of the text. */
export function describeJsonErrorPlace(text: string, offset: number): string {
	if (offset >= text.length) {
		return 'it ends too early';
	}

	const before = text.slice(0, offset);
	const line = before.split('\n').length;
	const column = offset - before.lastIndexOf('\n');
	return `line ${line}, column ${column}`;
}
