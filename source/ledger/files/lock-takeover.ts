import {createHash, randomBytes} from 'node:crypto';
import {link, readdir, readFile, rename, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {createExclusive, type Holder, isStale, readHolder} from './lock-file.js';

/** Past this many dead takers in a row something else is wrong: stop rather than loop. */
const maxSteps = 64;

export type TakeoverResult = 'ours' | 'lost' | 'busy';

function markerBase(file: string, stale: Holder): string {
	const digest = createHash('sha1').update(stale.text).digest('hex').slice(0, 16);
	return `${file}.takeover-${digest}-`;
}

/**
Wins the one right to replace `stale`: the first marker of a chain created exclusively. A marker
whose taker died passes the right to the next step, so a kill mid-takeover blocks nobody.
Resolves the marker won, 'busy' while a live process holds the right, or 'lost' when the chain
was cleared (the takeover is over).
*/
async function winRight(base: string, text: string): Promise<string | 'busy' | 'lost'> {
	for (let step = 1; step <= maxSteps; step++) {
		const marker = `${base}${step}`;
		if (await createExclusive(marker, text)) {
			return marker;
		}

		const taker = await readHolder(marker);
		if (taker === undefined) {
			return 'lost';
		}

		if (!isStale(taker.info)) {
			return 'busy';
		}
	}

	throw new Error(`${maxSteps} takers of the lock died in a row; remove ${base}* by hand`);
}

async function removeMarkers(base: string): Promise<void> {
	const folder = path.dirname(base);
	const prefix = path.basename(base);
	const names = await readdir(folder).catch(() => [] as string[]);
	await Promise.all(
		names
			// Markers only: a taker's temp file (`<marker>.<pid>.<hex>.tmp`) is its own to remove.
			.filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
			.map((name) => rm(path.join(folder, name), {force: true}).catch(() => undefined)),
	);
}

/**
Replaces the stale lock `stale` at `file` with ours (`text`), atomically against every other
process doing the same: only the holder of the takeover right (winRight) may touch `stale`, and
it renames `stale` to a unique name (one rename succeeds), checks that what it moved aside is
`stale`, creates the new lock with O_EXCL and re-reads it. A fresh start that slips in while no
lock exists wins instead, and this resolves 'lost'. Once `stale` is gone it never comes back,
so markers can be cleared as soon as the lock is no longer `stale`.
*/
export async function takeOver(file: string, text: string, stale: Holder): Promise<TakeoverResult> {
	const base = markerBase(file, stale);
	const marker = await winRight(base, text);
	if (marker === 'busy' || marker === 'lost') {
		return marker;
	}

	try {
		if ((await readHolder(file))?.text !== stale.text) {
			return 'lost';
		}

		const aside = `${file}.stale-${os.hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
		await rename(file, aside);
		const movedAside = await readFile(aside, 'utf8');
		if (movedAside !== stale.text) {
			// Cannot happen while the right is exclusive; if it does, put back what we moved.
			await link(aside, file).catch(() => undefined);
			await rm(aside, {force: true});
			return 'lost';
		}

		await rm(aside, {force: true});
		if (!(await createExclusive(file, text))) {
			return 'lost';
		}

		return (await readHolder(file))?.text === text ? 'ours' : 'lost';
	} finally {
		await removeMarkers(base);
	}
}
