/**
What a failed S3 request means for imgsift. Messages are built from the error's name, status and
code only, never from request data, so no credential or signature can reach the screen or a file.
*/
export type S3Failure =
	/** Worth trying again: a timeout, a 5xx, throttling, a dropped connection. */
	| {readonly kind: 'transient'; readonly reason: string}
	/** The network or the server is gone: retried, and shown as "offline". */
	| {readonly kind: 'offline'; readonly reason: string}
	/** This one object cannot be read (403, 404); the others may be fine. */
	| {readonly kind: 'unreadable'; readonly status: number; readonly reason: string}
	/** The object changed since it was listed (a precondition on its ETag failed). */
	| {readonly kind: 'changed'; readonly reason: string}
	/** Nothing will work until the user acts: credentials, region, a missing bucket. */
	| {readonly kind: 'fatal'; readonly reason: string};

const offlineCodes = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ENETDOWN',
]);
const droppedCodes = new Set([
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'UND_ERR_SOCKET',
]);
const credentialNames = new Set([
	'InvalidAccessKeyId',
	'SignatureDoesNotMatch',
	'ExpiredToken',
	'InvalidToken',
	'TokenRefreshRequired',
	'CredentialsProviderError',
	'AuthorizationHeaderMalformed',
]);

type Shape = {name?: unknown; code?: unknown; $metadata?: {httpStatusCode?: unknown}};

function fieldsOf(error: unknown): {name: string; code: string; status: number | undefined} {
	const shape = (typeof error === 'object' && error !== null ? error : {}) as Shape;
	const status = shape.$metadata?.httpStatusCode;
	return {
		name: typeof shape.name === 'string' ? shape.name : 'Error',
		code: typeof shape.code === 'string' ? shape.code : '',
		status: typeof status === 'number' ? status : undefined,
	};
}

/** The first system error code (ECONNREFUSED…) in the cause chain. */
function systemCode(error: unknown): string {
	let current = error;
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		const {code} = fieldsOf(current);
		if (code.startsWith('E') || code.startsWith('UND_')) {
			return code;
		}

		current = (current as {cause?: unknown}).cause;
	}

	return '';
}

export function classifyS3Error(error: unknown): S3Failure {
	const {name, status} = fieldsOf(error);
	const code = systemCode(error);
	const said = status === undefined ? name : `${name}, HTTP ${status}`;
	if (offlineCodes.has(code)) {
		return {kind: 'offline', reason: `the store cannot be reached (${code})`};
	}

	if (name === 'TimeoutError' || name === 'RequestTimeout' || droppedCodes.has(code)) {
		return {kind: 'transient', reason: `the request timed out or was cut (${code || name})`};
	}

	if (credentialNames.has(name)) {
		return {
			kind: 'fatal',
			reason: `the store refused the credentials (${said}); check AWS_PROFILE or --profile, the AWS_* variables, or run "aws sso login"`,
		};
	}

	if (name === 'NoSuchBucket') {
		return {kind: 'fatal', reason: 'the bucket does not exist; check its name and the endpoint'};
	}

	if (/region is missing/i.test(error instanceof Error ? error.message : '')) {
		return {kind: 'fatal', reason: 'no AWS region is set; pass --region or set AWS_REGION'};
	}

	if (status === 412 || name === 'PreconditionFailed') {
		return {kind: 'changed', reason: 'the object was replaced since it was listed'};
	}

	if (status === 403 || status === 404) {
		const what = status === 403 ? 'access denied' : 'not found';
		return {kind: 'unreadable', status, reason: `${what} (${said})`};
	}

	if (status !== undefined && (status >= 500 || status === 429)) {
		return {kind: 'transient', reason: `the store answered ${said}`};
	}

	if (status === undefined && name !== 'Error' && code === '') {
		return {kind: 'transient', reason: `the request failed (${name})`};
	}

	return {kind: 'fatal', reason: `the store answered ${said}${code ? ` (${code})` : ''}`};
}

export function isRetryable(failure: S3Failure): boolean {
	return failure.kind === 'transient' || failure.kind === 'offline';
}

/** An S3 request that failed for good, carrying its classification. */
export class S3RequestError extends Error {
	override readonly name = 'S3RequestError';
	readonly failure: S3Failure;

	constructor(what: string, failure: S3Failure, cause: unknown) {
		super(`${what}: ${failure.reason}`, {cause});
		this.failure = failure;
	}
}
