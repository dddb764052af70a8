/**
An error the user can act on: commands catch it, print its one-line message and exit 1, with no
stack trace. Attach the underlying error as `cause` so `--debug` style output can still show it.
*/
export class UserError extends Error {
	override readonly name = 'UserError';
}

export function isUserError(error: unknown): error is UserError {
	return error instanceof UserError;
}
