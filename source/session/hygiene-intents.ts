import {copiesOf} from '../core/hygiene-steps.js';
import type {KeyIntent} from '../core/keymap.js';
import {getEntry} from '../core/persistent-map.js';
import type {SessionState} from '../core/session-state.js';
import type {HygieneLink} from './hygiene-link.js';

/**
The `a` key: decide the item on screen with the label of the decided image it nearly copies.
Either the decide intent it stands for, or what to tell the user instead.
*/
export function acceptNearIntent(
	link: HygieneLink | undefined,
	state: SessionState,
): {readonly intent: KeyIntent} | {readonly problem: string} {
	const cursor = state.cursor;
	const near = cursor === undefined ? undefined : link?.nearOf(state, cursor);
	if (near === undefined) {
		return {
			problem: 'No near copy of a decided image is known for this one; decide it with a class key.',
		};
	}

	const classIndex = state.classes.indexOf(near.label);
	if (classIndex < 0) {
		return {
			problem: `The near copy's label ${JSON.stringify(near.label)} is not a class of this session.`,
		};
	}

	return {intent: {action: 'decide', classIndex}};
}

/**
What an undo of `path`'s decision must bring back first: its moved file and those of the exact
copies decided with it (the reducer undoes the whole group).
*/
export function movedWithUndo(state: SessionState, path: string): Array<[string, string]> {
	const moved: Array<[string, string]> = [];
	for (const item of [path, ...copiesOf(state, path)]) {
		const to = getEntry(state.moved, item);
		if (to !== undefined) {
			moved.push([item, to]);
		}
	}

	return moved;
}
