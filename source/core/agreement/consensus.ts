import {
	dawidSkeneMinOverlap,
	defaultSettleThreshold,
	type TeamMode,
	votesNeeded,
} from './consensus-rule.js';
import {type DawidSkeneOptions, dawidSkene} from './dawid-skene.js';
import {type ConfusionModel, majorityModel, posteriorScorer} from './posterior.js';
import type {RatingTable} from './ratings.js';
import type {ItemVotes, Vote} from './votes.js';

/**
settled: enough votes and a clear leader; adjudicated: an adjudicator's label, final; pending:
fewer votes than asked so far; contested: enough votes but no clear leader (to adjudication).
*/
export type ItemStatus = 'settled' | 'adjudicated' | 'pending' | 'contested';

export type ItemConsensus = {
	readonly path: string;
	readonly status: ItemStatus;
	/** The final label (settled, adjudicated) or the current leader (pending, contested). */
	readonly label: string | undefined;
	/** Posterior of `label` under the consensus model (1 for an adjudicated item). */
	readonly confidence: number;
	readonly votes: readonly Vote[];
	readonly adjudication?: Vote;
};

export type ConsensusOptions = {
	/** The project's classes, so a class nobody used yet still has a place in the model. */
	readonly classes?: readonly string[];
	readonly threshold?: number;
	/** Overrides `dawidSkeneMinOverlap` (tests, or a manager who wants majority vote only). */
	readonly minOverlap?: number;
	readonly dawidSkene?: DawidSkeneOptions;
};

export type Consensus = {
	readonly items: ReadonlyMap<string, ItemConsensus>;
	readonly method: 'majority' | 'dawid-skene';
	/** Items with two or more votes: what Dawid–Skene learns from. */
	readonly overlapItems: number;
	readonly minOverlap: number;
	readonly counts: Readonly<Record<ItemStatus, number>>;
	readonly model: ConfusionModel;
	readonly iterations: number;
};

/** The ratings of the items with two or more votes (adjudications left out). */
export function overlapTable(items: ReadonlyMap<string, ItemVotes>): RatingTable {
	const table = new Map<string, Map<string, string>>();
	for (const [path, {votes}] of items) {
		if (votes.size >= 2) {
			table.set(path, new Map([...votes].map(([user, vote]) => [user, vote.label])));
		}
	}

	return table;
}

/** Decides every item's status and label from all votes, under the team's mode. */
export function consensusOf(
	items: ReadonlyMap<string, ItemVotes>,
	mode: TeamMode,
	options: ConsensusOptions = {},
): Consensus {
	const overlap = overlapTable(items);
	// Each item's labels by user are made as the item is decided, not all at once up front (at
	// 100k items, a map per item held at once was tens of MB a commit only passed through).
	const labelsOf = (votes: ItemVotes['votes']) =>
		new Map([...votes].map(([user, vote]) => [user, vote.label]));
	const used = new Set<string>();
	for (const {votes} of items.values()) {
		for (const vote of votes.values()) used.add(vote.label);
	}

	const classes = [...new Set([...(options.classes ?? []), ...used])].sort();
	const minOverlap = options.minOverlap ?? dawidSkeneMinOverlap(classes.length);
	const useDawidSkene = overlap.size >= minOverlap && overlap.size > 0;
	const known = new Map<string, string>();
	for (const [path, item] of items) {
		if (item.adjudication) {
			known.set(path, item.adjudication.label);
		}
	}

	const fitted = useDawidSkene
		? dawidSkene(overlap, classes, {...options.dawidSkene, known})
		: undefined;
	const model = fitted?.model ?? majorityModel(classes);
	const scorer = posteriorScorer(model);
	// Dawid–Skene already holds the overlap items' posteriors; the rest are scored once.
	const posteriorOfItem = (path: string, labels: ReadonlyMap<string, string>) =>
		fitted?.posteriors.get(path) ?? scorer(labels);
	const threshold = options.threshold ?? defaultSettleThreshold;
	const needed = votesNeeded(mode);
	const counts: Record<ItemStatus, number> = {settled: 0, adjudicated: 0, pending: 0, contested: 0};
	const result = new Map<string, ItemConsensus>();
	for (const [path, item] of items) {
		const votes = [...item.votes.values()];
		const labels = labelsOf(item.votes);
		const posterior = item.adjudication ? [] : posteriorOfItem(path, labels);
		const decided = decide(model.classes, posterior, labels, item, mode, {needed, threshold});
		counts[decided.status]++;
		result.set(path, {
			path,
			votes,
			...decided,
			...(item.adjudication ? {adjudication: item.adjudication} : {}),
		});
	}

	return {
		items: result,
		method: useDawidSkene ? 'dawid-skene' : 'majority',
		overlapItems: overlap.size,
		minOverlap,
		counts,
		model,
		iterations: fitted?.iterations ?? 0,
	};
}

function decide(
	classes: readonly string[],
	posterior: readonly number[],
	labels: ReadonlyMap<string, string>,
	item: ItemVotes,
	mode: TeamMode,
	{needed, threshold}: {needed: number; threshold: number},
): {status: ItemStatus; label: string | undefined; confidence: number} {
	if (item.adjudication) {
		return {status: 'adjudicated', label: item.adjudication.label, confidence: 1};
	}

	const top = Math.max(...posterior);
	const leaders = classes.filter((_, position) => posterior[position] === top);
	const label = leaders.length === 1 ? leaders[0] : undefined;
	const distinct = new Set(labels.values()).size;
	if (labels.size < needed) {
		return {status: 'pending', label, confidence: top};
	}

	// Exclusive mode: one person's decision is final; two people who disagree need an adjudicator.
	const clear =
		mode.kind === 'exclusive' ? distinct === 1 : label !== undefined && top >= threshold;
	return {status: clear ? 'settled' : 'contested', label, confidence: top};
}
