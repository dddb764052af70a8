/**
The one CSV splitter (RFC 4180): fields separated by commas, records by LF or CRLF; a field in
double quotes may hold commas, quotes (doubled) and line breaks, which are kept as written (a CRLF
inside quotes stays CRLF). Fed line by line, so a file streams: a record whose quote is still open
at the end of a line waits for the next. Text after a closing quote is an error with its place.
Blank lines between records are passed over. Pure: the callers read the files.
*/

export type CsvRecord = {readonly line: number; readonly fields: readonly string[]};

export type CsvProblem = {readonly line: number; readonly column?: number; readonly reason: string};

export type CsvSplitter = {
	/**
	One physical line without its `\n` (a `\r` before it is kept, and dropped here where it ends a
	record). Gives the record it completes, a problem, or nothing (blank, or a quote still open).
	*/
	push(line: number, text: string): CsvRecord | CsvProblem | undefined;
	/** At the end of the input: the problem of a quote never closed, if any. */
	end(): CsvProblem | undefined;
};

export const isCsvProblem = (value: CsvRecord | CsvProblem): value is CsvProblem =>
	'reason' in value;

export function createCsvSplitter(): CsvSplitter {
	let fields: string[] = [];
	let field = '';
	let quoted = false;
	let wasQuoted = false;
	let open = false;
	let startLine = 0;
	const reset = () => {
		fields = [];
		field = '';
		quoted = false;
		wasQuoted = false;
		open = false;
	};

	return {
		push(line, text) {
			if (open) {
				field += '\n'; // The line break inside the quoted field.
			} else if (text.trim() === '') {
				return undefined;
			} else {
				startLine = line;
			}

			// A CR that ends the line outside quotes is the CRLF record end, not text.
			const end = text.endsWith('\r') ? text.length - 1 : text.length;
			if (!open && !text.includes('"')) {
				// No quote: every comma ends a field. Character by character, a 100k-line import
				// built 220 MB of strings one character at a time.
				return {line, fields: (end === text.length ? text : text.slice(0, end)).split(',')};
			}

			for (let index = 0; index < text.length; index++) {
				const character = text[index];
				if (quoted) {
					if (character === '"' && text[index + 1] === '"') {
						field += '"';
						index++;
					} else if (character === '"') {
						quoted = false;
					} else {
						field += character;
					}
				} else if (index >= end) {
					break;
				} else if (character === '"' && field === '' && !wasQuoted) {
					quoted = true;
					wasQuoted = true;
				} else if (character === ',') {
					fields.push(field);
					field = '';
					wasQuoted = false;
				} else if (wasQuoted) {
					reset();
					return {line, column: index + 1, reason: 'has text after a closing quote'};
				} else {
					field += character;
				}
			}

			if (quoted) {
				open = true;
				return undefined;
			}

			fields.push(field);
			const record = {line: startLine, fields};
			reset();
			return record;
		},
		end() {
			const problem = open
				? {line: startLine, reason: 'has a quote that is never closed'}
				: undefined;
			reset();
			return problem;
		},
	};
}

/** Every record and problem of a whole CSV text (a leading BOM dropped), in order. */
export function splitCsvText(text: string): Array<CsvRecord | CsvProblem> {
	const splitter = createCsvSplitter();
	const out: Array<CsvRecord | CsvProblem> = [];
	for (const [index, line] of text
		.replace(/^\uFEFF/, '')
		.split('\n')
		.entries()) {
		const result = splitter.push(index + 1, line);
		if (result) {
			out.push(result);
		}
	}

	const problem = splitter.end();
	return problem ? [...out, problem] : out;
}
