import type {KeyIntent} from '../../source/core/keymap.js';
import type {
	CellOrigin,
	ImageBox,
	LabelController,
	LabelSnapshot,
} from '../../source/session/screen-contract.js';

/** A plausible mid-session snapshot; tests override what they look at. */
export function sampleSnapshot(overrides: Partial<LabelSnapshot> = {}): LabelSnapshot {
	return {
		classes: [
			{name: 'photo', key: '1', count: 12},
			{name: 'screenshot', key: '2', count: 7},
		],
		progress: {decided: 19, total: 1204, skipped: 3, committed: 5, scanDone: true},
		rate: {perHour: 540, etaMs: 5_400_000},
		item: {path: 'trip/IMG_0001.jpg', size: 2_202_010, width: 4032, height: 3024, format: 'jpeg'},
		image: {status: 'ready', columns: 60, rows: 30},
		guess: {status: 'off', hint: 'run `imgsift guess` to add one'},
		message: undefined,
		phase: 'labeling',
		...overrides,
	};
}

export type ReportedImageBox = {box: ImageBox; origin: CellOrigin};

/**
A controller driven by the test: it records what the screen sends (intents, image boxes) and lets
the test push new snapshots, the way the real controller does after I/O.
*/
export class TestLabelController implements LabelController {
	readonly intents: KeyIntent[] = [];
	readonly imageBoxes: ReportedImageBox[] = [];
	#snapshot: LabelSnapshot;
	readonly #listeners = new Set<() => void>();

	constructor(snapshot: LabelSnapshot = sampleSnapshot()) {
		this.#snapshot = snapshot;
	}

	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	getSnapshot(): LabelSnapshot {
		return this.#snapshot;
	}

	intent(intent: KeyIntent): void {
		this.intents.push(intent);
	}

	setImageBox(box: ImageBox, origin: CellOrigin): void {
		this.imageBoxes.push({box, origin});
	}

	/** Replaces parts of the snapshot and notifies the screen. */
	push(patch: Partial<LabelSnapshot>): void {
		this.#snapshot = {...this.#snapshot, ...patch};
		for (const listener of this.#listeners) {
			listener();
		}
	}

	lastImageBox(): ReportedImageBox | undefined {
		return this.imageBoxes.at(-1);
	}
}
