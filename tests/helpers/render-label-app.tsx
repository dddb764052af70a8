import {render} from 'ink-testing-library';
import type {LabelSnapshot} from '../../source/session/screen-contract.js';
import {LabelApp} from '../../source/ui/app.js';
import {resizeTerminal, waitForInputListener, waitUntil} from './ink-wait.js';
import {sampleSnapshot, TestLabelController} from './label-controller-fixture.js';

export type RenderedLabelApp = ReturnType<typeof render> & {
	readonly controller: TestLabelController;
	/** The last frame, or '' before the first one. */
	readonly frame: () => string;
	/** Resizes the fake terminal and waits until the screen has reported its new image box. */
	readonly resize: (columns: number, rows: number) => Promise<void>;
};

/**
Renders the label screen on ink-testing-library's fake terminal, sized `columns` x `rows`, and
returns once keys can be written (useInput has subscribed).
*/
export async function renderLabelApp(
	snapshot: LabelSnapshot = sampleSnapshot(),
	{
		columns = 100,
		rows = 30,
		renderInfo,
	}: {columns?: number; rows?: number; renderInfo?: string} = {},
): Promise<RenderedLabelApp> {
	const controller = new TestLabelController(snapshot);
	const app = render(<LabelApp controller={controller} renderInfo={renderInfo} />);
	const resize = async (newColumns: number, newRows: number) => {
		const reportsBefore = controller.imageBoxes.length;
		resizeTerminal(app.stdout, newColumns, newRows);
		await waitUntil('the image box report after a resize', () => {
			return controller.imageBoxes.length > reportsBefore;
		});
	};

	await waitUntil('the first image box report', () => controller.imageBoxes.length > 0);
	await resize(columns, rows);
	await waitForInputListener(app.stdin);
	return {...app, controller, frame: () => app.lastFrame() ?? '', resize};
}
