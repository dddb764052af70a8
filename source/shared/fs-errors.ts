/** Node's error code (ENOENT, ENOSPC, ...) of a failed file system call, if it has one. */
export function errorCode(error: unknown): string | undefined {
	if (typeof error === 'object' && error !== null && 'code' in error) {
		const {code} = error as {code: unknown};
		return typeof code === 'string' ? code : undefined;
	}

	return undefined;
}

/** The system errors that mean "the disk refuses writes", as a few plain words. */
const writeRefusals: Readonly<Record<string, string>> = {
	ENOSPC: 'disk full',
	EDQUOT: 'disk quota exceeded',
	EROFS: 'the file system is read-only',
	EACCES: 'permission denied',
	EPERM: 'operation not permitted',
};

/** Plain words for a failed write, falling back to the error's own message. */
export function describeFsError(error: unknown): string {
	const code = errorCode(error);
	const words = code === undefined ? undefined : writeRefusals[code];
	if (words !== undefined) {
		return words;
	}

	return error instanceof Error ? error.message : String(error);
}

/** What the user can do about a refused write. */
export function writeRemedy(error: unknown): string {
	switch (errorCode(error)) {
		case 'ENOSPC':
		case 'EDQUOT': {
			return 'Free space';
		}

		case 'EROFS':
		case 'EACCES':
		case 'EPERM': {
			return 'Make the folder writable';
		}

		default: {
			return 'Fix the cause';
		}
	}
}
