import assert from 'node:assert/strict';
import test from 'node:test';
import {Learner} from '../../source/model/learner.js';

/** A seeded PRNG, so the made-up data is the same on every run. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
		return state / 4_294_967_296;
	};
}

function gaussian(next: () => number): number {
	return Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
}

/** Points around a class centre in `dimensions`; classes far apart unless `overlap`. */
function makePoints(count: number, dimensions: number, seed: number, overlap: boolean) {
	const next = random(seed);
	return Array.from({length: count}, (_, index) => {
		const label = index % 2 === 0 ? 'cat' : 'dog';
		const centre = overlap ? 0 : label === 'cat' ? -2 : 2;
		return {
			path: `image-${index}.jpg`,
			label,
			vector: Array.from({length: dimensions}, (_unused, dimension) =>
				dimension < 3 ? centre + gaussian(next) : gaussian(next),
			),
		};
	});
}

function accuracy(learner: Learner, points: ReturnType<typeof makePoints>): number {
	const right = points.filter((point) => learner.predict(point.vector)?.label === point.label);
	return right.length / points.length;
}

function meanConfidence(learner: Learner, points: ReturnType<typeof makePoints>): number {
	const sum = points.reduce(
		(total, point) => total + (learner.predict(point.vector)?.confidence ?? 0),
		0,
	);
	return sum / points.length;
}

test('nearest neighbours already separate two classes after a few labels', () => {
	const [train, held] = [makePoints(8, 10, 1, false), makePoints(100, 10, 2, false)];
	const learner = new Learner(['cat', 'dog'], 10);
	for (const point of train) {
		learner.set(point.path, point.label, point.vector);
	}

	assert.equal(learner.size, 8);
	assert.ok(accuracy(learner, held) >= 0.85, `accuracy ${accuracy(learner, held)}`);
});

test('logistic regression learns a separable problem and is confident about it', () => {
	const [train, held] = [makePoints(60, 10, 3, false), makePoints(200, 10, 4, false)];
	const learner = new Learner(['cat', 'dog'], 10, {logisticFrom: 20});
	for (const point of train) {
		learner.set(point.path, point.label, point.vector);
		learner.train();
	}

	while (learner.train()) {
		// Keep stepping until the regression settles.
	}

	assert.ok(accuracy(learner, held) >= 0.97, `accuracy ${accuracy(learner, held)}`);
	assert.ok(meanConfidence(learner, held) > 0.9, `confidence ${meanConfidence(learner, held)}`);
});

test('an ambiguous problem gets low confidence, from neighbours and from regression', () => {
	const [train, held] = [makePoints(60, 10, 5, true), makePoints(200, 10, 6, true)];
	const few = new Learner(['cat', 'dog'], 10);
	const many = new Learner(['cat', 'dog'], 10, {logisticFrom: 20});
	for (const point of train) {
		many.set(point.path, point.label, point.vector);
	}

	for (const point of train.slice(0, 10)) {
		few.set(point.path, point.label, point.vector);
	}

	while (many.train()) {
		// Settle.
	}

	assert.ok(meanConfidence(few, held) < 0.7, `neighbours ${meanConfidence(few, held)}`);
	assert.ok(meanConfidence(many, held) < 0.7, `regression ${meanConfidence(many, held)}`);
});

test('one label alone is not a confident guess; no label is no guess', () => {
	const learner = new Learner(['cat', 'dog'], 3);
	assert.equal(learner.predict([0, 0, 0]), undefined);
	learner.set('a.jpg', 'cat', [0, 0, 0]);
	const prediction = learner.predict([0, 0, 0]);
	assert.equal(prediction?.label, 'cat');
	assert.ok((prediction?.confidence ?? 1) < 0.8);
});

test('relabel and undo replace or remove the example for a path', () => {
	const learner = new Learner(['cat', 'dog'], 2);
	learner.set('a.jpg', 'cat', [1, 1]);
	learner.set('a.jpg', 'dog', [1, 1]);
	assert.equal(learner.size, 1);
	assert.equal(learner.labelOf('a.jpg'), 'dog');
	learner.remove('a.jpg');
	assert.equal(learner.size, 0);
	learner.set('b.jpg', 'bird', [1, 1]);
	assert.equal(learner.size, 0, 'a label that is not a class is ignored');
});

test('the learner survives a JSON round trip with the same predictions', () => {
	const train = makePoints(40, 6, 7, false);
	const learner = new Learner(['cat', 'dog'], 6, {logisticFrom: 20});
	for (const point of train) {
		learner.set(point.path, point.label, point.vector);
	}

	learner.train(100);
	const copy = Learner.fromJson(JSON.parse(JSON.stringify(learner.toJson())));
	const probe = makePoints(20, 6, 8, false);
	for (const point of probe) {
		assert.deepEqual(copy.predict(point.vector), learner.predict(point.vector));
	}
});
