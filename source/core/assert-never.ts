/**
Marks a switch as exhaustive: once every case is handled, `value` has type `never`, so a new
action or record kind fails to compile here until it is handled.
*/
export function assertNever(value: never): never {
	throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
