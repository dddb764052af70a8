/** What the labeling screen says about progress, read from its text as a user reads it. */
export type ScreenState = {
	readonly decided: number;
	readonly total: number;
	readonly skipped: number;
	readonly committed: number;
	/** The file shown, or undefined when no image is shown (done, loading). */
	readonly file: string | undefined;
	/** "Nothing left to label." is on screen. */
	readonly done: boolean;
};

/** Parses the side panel; undefined until the progress counter is drawn. */
export function readScreen(screen: string): ScreenState | undefined {
	const counter = /(\d+)\/(\d+) decided/.exec(screen);
	const tallies = /skipped (\d+) · committed (\d+)/.exec(screen);
	if (!counter || !tallies) {
		return undefined;
	}

	// The side panel's "file" heading is followed by the shown file's name on the next row.
	const file = /\bfile *\n[^\n]*?\b(img_\d{4}\.[a-z]+)/.exec(screen)?.[1];
	return {
		decided: Number(counter[1]),
		total: Number(counter[2]),
		skipped: Number(tallies[1]),
		committed: Number(tallies[2]),
		file,
		done: screen.includes('Nothing left to label.'),
	};
}

export function describeScreenState(state: ScreenState | undefined): string {
	if (state === undefined) {
		return 'no progress counter on screen';
	}

	return `${state.decided}/${state.total} decided, skipped ${state.skipped}, committed ${state.committed}, showing ${state.file ?? 'no image'}`;
}
