/** Codec 3's shape of a snapshot state, for the tests that it is still read. */
import type {EncodedDecision} from '../../source/core/decision-columns.js';
import type {EncodedState} from '../../source/core/state-codec.js';
import type {UndoColumns} from '../../source/core/undo-columns.js';

/** A codec-4 encoding written back in codec 3's shape: paths and labels as text, undo as a list. */
export function asCodec3(state: EncodedState): EncodedState {
	const table = [...state.catalog, ...(state.paths ?? [])];
	const path = (code: number | string) => (typeof code === 'number' ? table[code] : code);
	const label = (code: number | string) => (typeof code === 'number' ? state.classes[code] : code);
	const columns = state.decisions;
	const history = state.history as UndoColumns;
	const previous = new Map(history.previousDecisions);
	const pairs = <V>(list: ReadonlyArray<readonly [number | string, V]>) =>
		list.map(([key, value]) => [path(key), value] as const);
	return {
		...state,
		paths: undefined,
		decisions: {
			...columns,
			paths: columns.paths.map(path),
			labels: columns.labels.map(label),
			guess: columns.guess.map((guess, index) =>
				guess === 1
					? {
							label: label(columns.guessLabel?.[index] ?? -1),
							confidence: columns.guessConfidence?.[index],
							source: columns.guessSources?.[columns.guessSource?.[index] ?? -1],
						}
					: guess,
			),
		} as EncodedState['decisions'],
		skipped: pairs(state.skipped),
		broken: pairs(state.broken),
		copyLinks: pairs(state.copyLinks).map(([key, links]) => [key, links.map(path)] as const),
		history: history.seq.map(
			(seq, index) =>
				[
					seq,
					path(history.path[index] ?? -1) as string,
					(previous.get(index) ?? null) as EncodedDecision | null,
					history.previousSkip[index] ?? null,
				] as const,
		),
	} as unknown as EncodedState;
}
