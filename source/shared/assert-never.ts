/** Ends a switch over a union: the compiler proves every case was handled. */
export function assertNever(value: never): never {
	throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
