/** The bench's report: a figure a line, with its target, under headings. */
export function line(label: string, value: string, target?: string): void {
	process.stdout.write(
		`  ${label.padEnd(48)} ${value.padEnd(24)} ${target ? `target ${target}` : ''}\n`,
	);
}

export function heading(text: string): void {
	process.stdout.write(`\n${text}\n`);
}
