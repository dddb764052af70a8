/** Ends every switch on a union: the compiler fails when a case is missing. */
export function assertNever(value: never): never {
	throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
