import {createRequire} from 'node:module';

type CipherFactory = (algorithm: string, key: Buffer, iv: Buffer) => unknown;

/**
s3rver 3.7 encrypts ListObjectsV2 continuation tokens with single DES, which OpenSSL 3 (Node 17+)
no longer ships, so every second page answers 500. This maps its 8-byte-key DES onto AES-128-CBC
(key and IV doubled) for the test process only: tokens stay opaque and round-trip, and listings
of more than one page work against the real server. Real S3 needs none of this.
*/
export function patchS3rverTokenCipher(): void {
	const crypto = createRequire(import.meta.url)('crypto') as Record<string, CipherFactory>;
	for (const name of ['createCipheriv', 'createDecipheriv'] as const) {
		const original = crypto[name];
		if (original === undefined || (original as {desShim?: boolean}).desShim) {
			continue;
		}

		const shimmed: CipherFactory = (algorithm, key, iv) =>
			algorithm === 'des' && key.length === 8 && iv.length === 8
				? original('aes-128-cbc', Buffer.concat([key, key]), Buffer.concat([iv, iv]))
				: original(algorithm, key, iv);
		Object.assign(shimmed, {desShim: true});
		crypto[name] = shimmed;
	}
}
