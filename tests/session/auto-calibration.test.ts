import assert from 'node:assert/strict';
import test from 'node:test';
import {autoAcceptAction, autoAcceptFigures} from '../../source/core/auto-accept.js';
import type {SessionAction} from '../../source/core/session-reducer.js';
import {AutoAccept} from '../../source/session/grid-auto.js';
import {auditedGridOrigin, item, run, time, withItems} from '../helpers/session-script.js';

const guessed = {label: 'photo', confidence: 0.7, source: 'test'} as const;

/** A person's decision on a guess of photo at 70%: right when they also said photo. */
const decided = (path: string, label: string): SessionAction => ({
	type: 'decide',
	item: item(path),
	label,
	time,
	ms: 10,
	guess: guessed,
});

function stateAfter(right: number, wrong: number) {
	const paths = Array.from({length: right + wrong}, (_, index) => `i${index}.jpg`);
	const actions = paths.map((path, index) => decided(path, index < right ? 'photo' : 'screenshot'));
	return run(withItems(paths), actions).state;
}

test('the calibration is refitted once the checked guesses grew enough, not at every key', () => {
	const auto = new AutoAccept({threshold: 0.95, after: 10, audit: 0, seed: 1});
	// 64 right at 70%: under-sure, so the fit raises 70% well above it.
	const first = auto.probability(stateAfter(64, 0), guessed);
	assert.ok(first > 0.9, `calibrated ${first}`);
	// One wrong guess more: below the refit step (8), the fit stands.
	assert.equal(auto.probability(stateAfter(64, 1), guessed), first);
	// Eight more: refitted, and 70% now means less.
	const refitted = auto.probability(stateAfter(64, 8), guessed);
	assert.ok(refitted < first, `${first} → ${refitted}`);
});

test('the gate figures kept up from the changed decisions equal a full count, key after key', () => {
	const auto = new AutoAccept({threshold: 0.8, after: 10, audit: 0, seed: 1});
	const paths = Array.from({length: 400}, (_, index) => `d${index % 7}/i${index}.jpg`);
	let state = withItems(paths);
	let seed = 7;
	const random = () => {
		seed = (seed * 16_807) % 2_147_483_647;
		return seed / 2_147_483_647;
	};

	for (let step = 0; step < 300; step++) {
		const path = paths[Math.floor(random() * paths.length)] ?? 'i0.jpg';
		const guess = {label: 'photo', confidence: 0.5 + random() / 2, source: 'test'};
		const roll = random();
		const action: SessionAction =
			roll < 0.15
				? {type: 'undo', time}
				: roll < 0.25
					? autoAcceptAction(item(path), guess, guess.confidence, 0.8, time)
					: {
							type: 'decide',
							item: item(path),
							label: random() < 0.85 ? 'photo' : 'screenshot',
							time,
							ms: 10,
							guess,
							...(roll < 0.35 ? {origin: auditedGridOrigin} : {}),
						};
		state = run(state, [action]).state;
		const kept = auto.figures(state);
		const full = autoAcceptFigures(state, 0.8, (each) => auto.probability(state, each));
		assert.deepEqual(kept, full, `step ${step}`);
	}
});
