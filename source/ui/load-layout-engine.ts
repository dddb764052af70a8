/**
Loads Ink's layout engine (yoga) before Ink, with `fetch` out of sight while it loads.

Yoga carries its WebAssembly as a `data:` URL. When `fetch` exists it reads that URL through
it, which makes Node load its whole HTTP client (undici) just for this: ~40 ms of a start and
~7 MiB that no local session uses. Without `fetch` it decodes the same bytes in place. Call it
before anything else runs, and before the first import of Ink: the module is loaded once, and
`fetch` is back as it was when this returns, whatever happens.
*/
export async function loadLayoutEngine(): Promise<void> {
	const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	if (!fetchProperty?.configurable) {
		await import('yoga-layout');
		return;
	}

	Object.defineProperty(globalThis, 'fetch', {
		value: undefined,
		writable: true,
		configurable: true,
		enumerable: fetchProperty.enumerable ?? true,
	});
	try {
		await import('yoga-layout');
	} finally {
		Object.defineProperty(globalThis, 'fetch', fetchProperty);
	}
}
