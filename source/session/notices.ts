/**
Conditions that last until they end (offline, claims failing), kept apart from a key's one-off
message, which the next key clears: a key must not hide that the session is offline, and a
background failure must not hide why the last key was refused. Both views show them.
*/
import {Listeners} from '../shared/listeners.js';

export type ScreenMessage = {readonly kind: 'info' | 'error'; readonly text: string};

export class Notices {
	readonly #byTopic = new Map<string, ScreenMessage>();
	readonly #listeners = new Listeners();
	#all: readonly ScreenMessage[] = [];

	/** Sets what `topic` says now; undefined: the condition ended. */
	set(topic: string, notice: ScreenMessage | undefined): void {
		const now = this.#byTopic.get(topic);
		if (now?.kind === notice?.kind && now?.text === notice?.text) {
			return;
		}

		if (notice === undefined) {
			this.#byTopic.delete(topic);
		} else {
			this.#byTopic.set(topic, notice);
		}

		this.#all = [...this.#byTopic.values()];
		this.#listeners.emit();
	}

	/** What holds now, in the order the conditions began. */
	get all(): readonly ScreenMessage[] {
		return this.#all;
	}

	onChange(listener: () => void): () => void {
		return this.#listeners.add(listener);
	}
}

/**
The one message line a view shows: the key's message, then the lasting notices, then what
auto-accept is doing. An error anywhere in it makes it an error.
*/
export function composeMessage(
	message: ScreenMessage | undefined,
	notices: readonly ScreenMessage[],
	autoLine?: string,
): ScreenMessage | undefined {
	const parts = [
		...(message ? [message] : []),
		...notices,
		...(autoLine === undefined ? [] : [{kind: 'info' as const, text: autoLine}]),
	];
	if (parts.length <= 1) {
		return parts[0];
	}

	return {
		kind: parts.some((part) => part.kind === 'error') ? 'error' : 'info',
		text: parts.map((part) => part.text).join(' · '),
	};
}
