/** Ends a switch that covers every case: a new case is a compile error here, and a bad value throws. */
export function assertNever(value: never): never {
	throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
