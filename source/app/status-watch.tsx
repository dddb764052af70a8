import {render} from 'ink';
import {StatusWatch} from '../ui/status-watch/status-watch.js';

/** How often the watch reads the journals again. */
export const watchIntervalMs = 2000;

/** Shows the status in place, read again every `watchIntervalMs`, until the manager presses q. */
export async function runStatusWatch(load: () => Promise<readonly string[]>): Promise<void> {
	const app = render(<StatusWatch load={load} intervalMs={watchIntervalMs} />, {
		exitOnCtrlC: false,
	});
	await app.waitUntilExit();
}
