import type {AutoAcceptOptions} from '../core/auto-accept.js';
import {createFrameCache, type Renderer} from '../render/index.js';
import {frameSourceOf, type LoadedItem, loadItem} from '../render/item-loader.js';
import {AutoAccept} from '../session/grid-auto.js';
import {GridController} from '../session/grid-controller.js';
import {GridPaint, type GridPainter} from '../session/grid-paint.js';
import type {GuessLink} from '../session/guess-link.js';
import type {Notices} from '../session/notices.js';
import type {ImageBox} from '../session/screen-contract.js';
import type {SessionStore} from '../session/session-store.js';
import {SingleAuto} from '../session/single-auto.js';

export type LabelGridOptions = {
	readonly dir: string;
	readonly store: SessionStore;
	readonly guesses: GuessLink;
	readonly renderer: Renderer;
	readonly overlay: GridPainter & {preload(graphic: NonNullable<LoadedItem['graphic']>): void};
	readonly restore: (path: string, movedTo: string) => Promise<void>;
	/** `--auto-accept P` and friends; absent: every guess is shown. */
	readonly auto?: AutoAcceptOptions | undefined;
	/** Items the grid wants held ahead (a team's claims), 0 once it is off screen. */
	readonly wantAhead?: (count: number) => void;
	/** Lasting conditions (offline, claims failing) the grid shows too. */
	readonly notices?: Notices;
};

/**
The grid view's session side: its own thumbnail cache (sharp at cell size, room for the page on
screen and the two prepared after it) and the controller.
*/
export function openLabelGrid(options: LabelGridOptions): {
	readonly controller: GridController;
	/** Auto-accept while the single view is on screen (absent without --auto-accept). */
	readonly single: SingleAuto | undefined;
	forget(path: string): void;
} {
	const {dir, overlay} = options;
	// The session's renderer at cell size: kitty, iTerm2 and sixel place one image per cell.
	const {renderer} = options;
	const frames = createFrameCache<LoadedItem>({
		load: async (itemPath: string, box: ImageBox) =>
			// The guess's own decode, when it is big enough for the cell: the file is decoded once.
			loadItem(dir, renderer, itemPath, box, overlay.preload, options.guesses.thumbnail(itemPath)),
		ahead: 52,
		max: 96,
	});
	const auto = options.auto ? new AutoAccept(options.auto) : undefined;
	const paint = new GridPaint(frameSourceOf(frames), overlay, () => undefined);
	const controller = new GridController({
		dir,
		store: options.store,
		guesses: options.guesses,
		paint,
		restore: options.restore,
		auto,
		...(options.wantAhead ? {wantAhead: options.wantAhead} : {}),
		...(options.notices ? {notices: options.notices} : {}),
	});
	const single = auto
		? new SingleAuto({
				dir,
				store: options.store,
				guesses: options.guesses,
				auto,
				gridActive: () => controller.active,
				setAside: () => controller.setAside,
			})
		: undefined;
	return {controller, single, forget: (itemPath) => frames.forget(itemPath)};
}
