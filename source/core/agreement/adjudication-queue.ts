import type {Guess} from '../journal-record.js';
import type {Consensus} from './consensus.js';

export type AdjudicationItem = {
	readonly path: string;
	/** Every person's vote, sorted by user. */
	readonly votes: ReadonlyArray<{readonly user: string; readonly label: string}>;
	/** The model's guess, as last shown to a voter; absent when none was shown. */
	readonly guess?: Guess;
	/** The consensus leader and its posterior, when there is one leader. */
	readonly leader: string | undefined;
	readonly confidence: number;
};

/** The contested items, in path order, each with every vote and the model's guess. */
export function adjudicationQueue(consensus: Consensus): AdjudicationItem[] {
	const queue: AdjudicationItem[] = [];
	for (const item of consensus.items.values()) {
		if (item.status !== 'contested') {
			continue;
		}

		const votes = [...item.votes]
			.sort((left, right) => (left.user < right.user ? -1 : left.user > right.user ? 1 : 0))
			.map(({user, label}) => ({user, label}));
		const guess = [...item.votes]
			.filter((vote) => vote.guess !== undefined)
			.sort((left, right) => (left.time < right.time ? -1 : 1))
			.at(-1)?.guess;
		queue.push({
			path: item.path,
			votes,
			...(guess ? {guess} : {}),
			leader: item.label,
			confidence: item.confidence,
		});
	}

	return queue.sort((left, right) =>
		left.path < right.path ? -1 : left.path > right.path ? 1 : 0,
	);
}
