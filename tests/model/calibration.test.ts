import assert from 'node:assert/strict';
import test from 'node:test';
import {
	calibrate,
	chooseCalibration,
	expectedCalibrationError,
	fitIsotonic,
	fitPlatt,
	fitTemperature,
	type Scored,
} from '../../source/model/calibration.js';

/** `count` items said with `confidence`, of which a share `accuracy` were right (rounded). */
function batch(confidence: number, accuracy: number, count: number): Scored[] {
	const right = Math.round(accuracy * count);
	return Array.from({length: count}, (_, index) => ({confidence, correct: index < right}));
}

const sigmoid = (value: number) => 1 / (1 + Math.exp(-value));

/** A source three times too sure: true log-odds z, said as 3z. */
function overconfident(): Scored[] {
	const items: Scored[] = [];
	for (let z = 0.1; z <= 3; z += 0.1) {
		items.push(...batch(sigmoid(3 * z), sigmoid(z), 100));
	}

	return items;
}

test('ECE is the count-weighted gap between confidence and accuracy per bin', () => {
	assert.ok(expectedCalibrationError(batch(0.9, 0.9, 100)) < 1e-12);
	assert.ok(Math.abs(expectedCalibrationError(batch(0.95, 1, 20)) - 0.05) < 1e-12);
	// Two bins: 0.65 said, 50% right (gap 0.15, weight 1/4); 0.95 said, 80% right (gap 0.15, 3/4).
	const mixed = [...batch(0.65, 0.5, 10), ...batch(0.95, 0.8, 30)];
	assert.ok(Math.abs(expectedCalibrationError(mixed) - 0.15) < 1e-12);
	assert.equal(expectedCalibrationError([]), 0);
	// A confidence of exactly 1 falls in the top bin, not an eleventh.
	assert.equal(expectedCalibrationError(batch(1, 1, 5)), 0);
});

test('temperature scaling recovers how much too sure a source is', () => {
	const fitted = fitTemperature(overconfident());
	assert.equal(fitted.kind, 'temperature');
	assert.ok(
		fitted.kind === 'temperature' && Math.abs(fitted.temperature - 3) < 0.15,
		JSON.stringify(fitted),
	);
	assert.ok(Math.abs(calibrate(fitted, sigmoid(3)) - sigmoid(1)) < 0.02);
});

test('isotonic regression pools violators and smooths small blocks', () => {
	const fitted = fitIsotonic([
		{confidence: 0.6, correct: true},
		{confidence: 0.7, correct: false},
		{confidence: 0.8, correct: true},
	]);
	assert.ok(fitted.kind === 'isotonic');
	assert.deepEqual(
		fitted.points.map(([x, y]) => [Number(x.toFixed(6)), Number(y.toFixed(6))]),
		[
			[0.65, 0.5],
			[0.8, 0.666667],
		],
	);
	// Between points it interpolates; outside, it holds the end values; it never decreases.
	assert.ok(Math.abs(calibrate(fitted, 0.725) - (0.5 + 0.666667) / 2) < 1e-5);
	assert.equal(calibrate(fitted, 0.1), 0.5);
	let previous = 0;
	for (let c = 0.5; c <= 1; c += 0.01) {
		const value = calibrate(fitIsotonic(overconfident()), c);
		assert.ok(value >= previous - 1e-12);
		previous = value;
	}
});

test('a calibrated source is left alone; an overconfident one is fixed on held-out data', () => {
	const good = chooseCalibration([...batch(0.7, 0.7, 50), ...batch(0.95, 0.94, 50)]);
	assert.equal(good.calibration.kind, 'identity');
	const items = overconfident();
	const choice = chooseCalibration(items);
	assert.ok(choice.rawError > 0.05, `raw ECE ${choice.rawError}`);
	assert.notEqual(choice.calibration.kind, 'identity');
	assert.ok(choice.heldOut);
	const best = Math.min(choice.heldOut.temperature, choice.heldOut.isotonic);
	assert.ok(best < 0.05, `held-out ECE ${best}`);
	const mapped = items.map((item) => ({
		...item,
		confidence: calibrate(choice.calibration, item.confidence),
	}));
	assert.ok(expectedCalibrationError(mapped) < choice.rawError / 3);
});

test('Platt scaling recovers a source whose log-odds are off by a factor and a shift', () => {
	// True log-odds 0.5·z + 1 for a source that says z.
	const items: Scored[] = [];
	for (let z = -3; z <= 3; z += 0.25) {
		items.push(...batch(sigmoid(z), sigmoid(0.5 * z + 1), 200));
	}

	const fitted = fitPlatt(items);
	assert.ok(fitted.kind === 'platt', JSON.stringify(fitted));
	assert.ok(Math.abs(fitted.slope - 0.5) < 0.05, JSON.stringify(fitted));
	assert.ok(Math.abs(fitted.intercept - 1) < 0.1, JSON.stringify(fitted));
});

test('a source that was never wrong is calibrated up, never to certainty', () => {
	// Under-sure and right every time: the samples' built-in guess looks like this.
	const items = [...batch(0.75, 1, 30), ...batch(0.9, 1, 30)];
	const choice = chooseCalibration(items);
	assert.ok(choice.rawError > 0.05, `raw ECE ${choice.rawError}`);
	assert.notEqual(choice.calibration.kind, 'identity');
	assert.ok(choice.heldOut && choice.heldOut.platt < choice.heldOut.identity);
	const ceiling = (items.length + 1) / (items.length + 2);
	for (const confidence of [0.5, 0.75, 0.9, 0.999]) {
		const value = calibrate(choice.calibration, confidence);
		assert.ok(value > 0.9 && value <= ceiling + 1e-9, `${confidence} → ${value}`);
	}
});

test('four wrong guesses in eighty are enough to fix an under-sure source', () => {
	// Right 95% of the time, but said with 60–85%; the wrong ones at the bottom.
	const items: Scored[] = [];
	for (let index = 0; index < 80; index++) {
		items.push({confidence: 0.6 + (index % 20) * 0.0125, correct: index % 20 !== 0});
	}

	const choice = chooseCalibration(items);
	assert.ok(choice.rawError > 0.05, `raw ECE ${choice.rawError}`);
	assert.notEqual(choice.calibration.kind, 'identity');
	const mapped = items.map((item) => ({
		...item,
		confidence: calibrate(choice.calibration, item.confidence),
	}));
	const after = expectedCalibrationError(mapped);
	assert.ok(after < choice.rawError / 3, `ECE ${choice.rawError} → ${after}`);
});

test('too few checked guesses are left as they are', () => {
	const choice = chooseCalibration(batch(0.9, 0.5, 19));
	assert.equal(choice.calibration.kind, 'identity');
	assert.equal(choice.heldOut, undefined);
});

test('isotonic blocks never fall: a lone right guess above a big mixed block pools with it', () => {
	const items = [...batch(0.6, 0.8, 50), {confidence: 0.9, correct: true}];
	const fitted = fitIsotonic(items);
	assert.ok(calibrate(fitted, 0.9) >= calibrate(fitted, 0.6), JSON.stringify(fitted));
});

test('an isotonic map of many points interpolates between the two around each confidence', () => {
	const points = Array.from(
		{length: 300},
		(_, index) => [index / 300, (index / 300) ** 2] as const,
	);
	const fitted = {kind: 'isotonic', points} as const;
	for (let x = -0.01; x <= 1.01; x += 0.0007) {
		const right = points.findIndex(([px]) => px >= x);
		const [x1, y1] = points[right] ?? points[299] ?? [1, 1];
		const [x0, y0] = points[right - 1] ?? points[0] ?? [0, 0];
		const expected = right === 0 ? 0 : right === -1 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
		assert.ok(Math.abs(calibrate(fitted, x) - expected) < 1e-12, `at ${x}`);
	}
});
