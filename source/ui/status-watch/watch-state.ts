/** What the status watch shows: the newest report's lines, or why the last refresh failed. */
export type WatchState = {
	readonly lines: readonly string[];
	/** When the shown lines were read (ISO time), for "as of". */
	readonly readAt: string | undefined;
	/** The last refresh's error, worded for a person; the older lines stay on screen. */
	readonly error: string | undefined;
	readonly quitting: boolean;
};

export type WatchAction =
	| {readonly type: 'refreshed'; readonly lines: readonly string[]; readonly at: string}
	| {readonly type: 'refresh-failed'; readonly message: string}
	| {readonly type: 'quit'};

export const initialWatchState: WatchState = {
	lines: [],
	readAt: undefined,
	error: undefined,
	quitting: false,
};

export function watchReducer(state: WatchState, action: WatchAction): WatchState {
	switch (action.type) {
		case 'refreshed': {
			return {...state, lines: action.lines, readAt: action.at, error: undefined};
		}

		case 'refresh-failed': {
			return {...state, error: action.message};
		}

		case 'quit': {
			return {...state, quitting: true};
		}

		default: {
			const unknown: never = action;
			return unknown;
		}
	}
}

/** Which intent a key means on the watch screen: q, Escape or Ctrl+C quit; r refreshes now. */
export function watchKeyIntent(
	input: string,
	key: {readonly escape?: boolean; readonly ctrl?: boolean},
): 'quit' | 'refresh' | undefined {
	if (input === 'q' || key.escape === true || (key.ctrl === true && input === 'c')) {
		return 'quit';
	}

	return input === 'r' ? 'refresh' : undefined;
}
