/**
Everyone's claims, folded from the per-user claims logs (`.labels/claims/<user>.jsonl`). A user's
claims share one lease: each claim or renew line sets it, so renewing costs one short line.
*/
import {assertNever} from '../../core/assert-never.js';

export type ClaimLine =
	| {readonly op: 'claim'; readonly paths: readonly string[]; readonly until: number}
	| {readonly op: 'renew'; readonly until: number}
	| {readonly op: 'release'; readonly paths: readonly string[]}
	/** The session ended (or a new one began): nothing held. */
	| {readonly op: 'end'};

export function parseClaimLine(text: string): ClaimLine | undefined {
	try {
		const value = JSON.parse(text) as Partial<Record<string, unknown>>;
		const paths = Array.isArray(value['paths'])
			? (value['paths'] as unknown[]).filter((p): p is string => typeof p === 'string')
			: undefined;
		const until = typeof value['until'] === 'number' ? value['until'] : undefined;
		switch (value['op']) {
			case 'claim': {
				return paths && until !== undefined ? {op: 'claim', paths, until} : undefined;
			}

			case 'renew': {
				return until === undefined ? undefined : {op: 'renew', until};
			}

			case 'release': {
				return paths ? {op: 'release', paths} : undefined;
			}

			case 'end': {
				return {op: 'end'};
			}

			default: {
				return undefined;
			}
		}
	} catch {
		return undefined;
	}
}

export type ClaimBoard = {
	apply(user: string, line: ClaimLine): void;
	/** Forgets a user's claims (their log is being re-read from its start). */
	reset(user: string): void;
	/** Users other than `except` whose lease on `path` is live at `now`. */
	liveHolders(path: string, now: number, except: string): readonly string[];
	/** Whether `user` holds `path` with a live lease. */
	holds(user: string, path: string, now: number): boolean;
	/** The paths `user` holds (live or not). */
	held(user: string): ReadonlySet<string>;
	/** Every user's held paths whose lease is live at `now`, sorted; users holding none left out. */
	live(now: number): Map<string, string[]>;
};

export function createClaimBoard(): ClaimBoard {
	const users = new Map<string, {held: Set<string>; until: number}>();
	const byPath = new Map<string, Set<string>>();

	const entry = (user: string) => {
		let found = users.get(user);
		if (found === undefined) {
			found = {held: new Set(), until: 0};
			users.set(user, found);
		}

		return found;
	};

	const drop = (user: string, path: string): void => {
		users.get(user)?.held.delete(path);
		const holders = byPath.get(path);
		holders?.delete(user);
		if (holders?.size === 0) {
			byPath.delete(path);
		}
	};

	const reset = (user: string): void => {
		for (const path of [...(users.get(user)?.held ?? [])]) {
			drop(user, path);
		}

		users.delete(user);
	};

	return {
		apply(user, line) {
			switch (line.op) {
				case 'claim': {
					const found = entry(user);
					found.until = line.until;
					for (const path of line.paths) {
						found.held.add(path);
						let holders = byPath.get(path);
						if (holders === undefined) {
							holders = new Set();
							byPath.set(path, holders);
						}

						holders.add(user);
					}

					break;
				}

				case 'renew': {
					entry(user).until = line.until;
					break;
				}

				case 'release': {
					for (const path of line.paths) {
						drop(user, path);
					}

					break;
				}

				case 'end': {
					reset(user);
					break;
				}

				default: {
					assertNever(line);
				}
			}
		},
		reset,
		liveHolders(path, now, except) {
			const live: string[] = [];
			for (const user of byPath.get(path) ?? []) {
				if (user !== except && (users.get(user)?.until ?? 0) > now) {
					live.push(user);
				}
			}

			return live;
		},
		holds: (user, path, now) =>
			(users.get(user)?.held.has(path) ?? false) && (users.get(user)?.until ?? 0) > now,
		held: (user) => users.get(user)?.held ?? new Set(),
		live(now) {
			const live = new Map<string, string[]>();
			for (const [user, {held, until}] of users) {
				if (until > now && held.size > 0) {
					live.set(user, [...held].sort());
				}
			}

			return live;
		},
	};
}
