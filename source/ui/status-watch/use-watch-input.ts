import {useInput} from 'ink';
import {watchKeyIntent} from './watch-state.js';

/** Turns keys into the watch's intents. Several keys in one chunk are read one by one. */
export function useWatchInput(handlers: {onQuit(): void; onRefresh(): void}): void {
	useInput((input, key) => {
		const keys = input.length > 1 && !key.ctrl ? [...input] : [input];
		for (const one of keys) {
			const intent = watchKeyIntent(one, key);
			if (intent === 'quit') {
				handlers.onQuit();
				return;
			}

			if (intent === 'refresh') {
				handlers.onRefresh();
			}
		}
	});
}
