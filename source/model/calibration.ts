import {assertNever} from '../core/assert-never.js';

/**
Calibration of guess confidences: a guess said with 90% should be right 9 times in 10. Pure, so the
bench, the loop and the tests share it. Inputs are top-label confidences and whether the guess was
right (a person's decision agreed).
*/
export type Scored = {readonly confidence: number; readonly correct: boolean};

export type Calibration =
	| {readonly kind: 'identity'}
	/** `sigmoid(logit(c) / temperature)`: Guo et al. 2017, on the top label's log-odds. */
	| {readonly kind: 'temperature'; readonly temperature: number}
	/** A non-decreasing map by pool-adjacent-violators, linear between its points. */
	| {readonly kind: 'isotonic'; readonly points: ReadonlyArray<readonly [number, number]>};

/** Wrong and right guesses needed before a calibration is fitted. */
export const minimumEach = 5;

/** Above this ECE a source is calibrated before its confidences are trusted (issue #14). */
export const calibrationTolerance = 0.05;

const clampProbability = (value: number) => Math.min(1 - 1e-6, Math.max(1e-6, value));
const logit = (value: number) => {
	const p = clampProbability(value);
	return Math.log(p / (1 - p));
};
const sigmoid = (value: number) => 1 / (1 + Math.exp(-value));

/**
Expected calibration error over equal-width confidence bins (Naeini et al. 2015; Guo et al. 2017):
the bins' gaps between mean confidence and accuracy, weighted by how many items each holds.
*/
export function expectedCalibrationError(items: readonly Scored[], bins = 10): number {
	if (items.length === 0) {
		return 0;
	}

	const sums = Array.from({length: bins}, () => ({count: 0, confidence: 0, correct: 0}));
	for (const item of items) {
		const index = Math.min(bins - 1, Math.max(0, Math.floor(item.confidence * bins)));
		const bin = sums[index];
		if (bin) {
			bin.count++;
			bin.confidence += item.confidence;
			bin.correct += item.correct ? 1 : 0;
		}
	}

	let error = 0;
	for (const bin of sums) {
		if (bin.count > 0) {
			error +=
				(bin.count / items.length) * Math.abs(bin.correct / bin.count - bin.confidence / bin.count);
		}
	}

	return error;
}

export function calibrate(calibration: Calibration, confidence: number): number {
	switch (calibration.kind) {
		case 'identity': {
			return confidence;
		}

		case 'temperature': {
			return sigmoid(logit(confidence) / calibration.temperature);
		}

		case 'isotonic': {
			return interpolate(calibration.points, confidence);
		}

		default: {
			return assertNever(calibration);
		}
	}
}

function interpolate(points: ReadonlyArray<readonly [number, number]>, x: number): number {
	const first = points[0];
	const last = points.at(-1);
	if (!first || !last) {
		return x;
	}

	if (x <= first[0]) {
		return first[1];
	}

	for (let index = 1; index < points.length; index++) {
		const [x1, y1] = points[index] ?? last;
		const [x0, y0] = points[index - 1] ?? first;
		if (x <= x1) {
			return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
		}
	}

	return last[1];
}

function negativeLogLikelihood(items: readonly Scored[], temperature: number): number {
	let total = 0;
	for (const item of items) {
		const p = clampProbability(sigmoid(logit(item.confidence) / temperature));
		total -= Math.log(item.correct ? p : 1 - p);
	}

	return total;
}

/** The temperature with the least log-loss: golden-section search on log T in [e^-4, e^4]. */
export function fitTemperature(items: readonly Scored[]): Calibration {
	let low = -4;
	let high = 4;
	const ratio = (Math.sqrt(5) - 1) / 2;
	const loss = (logT: number) => negativeLogLikelihood(items, Math.exp(logT));
	for (let step = 0; step < 80; step++) {
		const left = high - ratio * (high - low);
		const right = low + ratio * (high - low);
		if (loss(left) <= loss(right)) {
			high = right;
		} else {
			low = left;
		}
	}

	return {kind: 'temperature', temperature: Math.exp((low + high) / 2)};
}

/**
Isotonic regression by pool-adjacent-violators (Zadrozny & Elkan 2002). Each block's accuracy is
Laplace-smoothed ((right + 1) / (n + 2)), so a block of a few all-right items never claims 100%:
that matters when the result gates auto-accept.
*/
export function fitIsotonic(items: readonly Scored[]): Calibration {
	const sorted = [...items].sort((left, right) => left.confidence - right.confidence);
	const blocks: Array<{x: number; right: number; count: number}> = [];
	for (const item of sorted) {
		blocks.push({x: item.confidence, right: item.correct ? 1 : 0, count: 1});
		while (blocks.length > 1) {
			const last = blocks.at(-1);
			const before = blocks.at(-2);
			if (!last || !before || before.right / before.count <= last.right / last.count) {
				break;
			}

			blocks.pop();
			blocks.pop();
			const count = before.count + last.count;
			blocks.push({
				x: (before.x * before.count + last.x * last.count) / count,
				right: before.right + last.right,
				count,
			});
		}
	}

	return {
		kind: 'isotonic',
		points: blocks.map((block) => [block.x, (block.right + 1) / (block.count + 2)] as const),
	};
}

export type CalibrationChoice = {
	readonly calibration: Calibration;
	/** ECE of the raw confidences on all items. */
	readonly rawError: number;
	/** Two-fold cross-validated ECE of each method (fit on one half, measured on the other). */
	readonly heldOut: {readonly temperature: number; readonly isotonic: number} | undefined;
};

function twoFold(items: readonly Scored[], fit: (items: readonly Scored[]) => Calibration): number {
	const halves = [
		items.filter((_, index) => index % 2 === 0),
		items.filter((_, index) => index % 2 === 1),
	];
	let error = 0;
	for (const [train, test] of [
		[halves[0] ?? [], halves[1] ?? []],
		[halves[1] ?? [], halves[0] ?? []],
	] as const) {
		const calibration = fit(train);
		const mapped = test.map((item) => ({
			...item,
			confidence: calibrate(calibration, item.confidence),
		}));
		error += expectedCalibrationError(mapped) * (test.length / items.length);
	}

	return error;
}

/**
Keeps the raw confidences when their ECE is within tolerance or there are fewer than five wrong
(or right) guesses to learn from; otherwise fits temperature and
isotonic, keeps the one whose held-out ECE is lower (isotonic only from 40 items, as it overfits a
few), and refits it on all items.
*/
export function chooseCalibration(items: readonly Scored[]): CalibrationChoice {
	const rawError = expectedCalibrationError(items);
	const wrong = items.filter((item) => !item.correct).length;
	// Without a few errors (and a few hits) there is nothing to fit: all right would make every
	// guess certain. The raw confidences stay until the evidence is there.
	if (
		rawError <= calibrationTolerance ||
		wrong < minimumEach ||
		items.length - wrong < minimumEach
	) {
		return {calibration: {kind: 'identity'}, rawError, heldOut: undefined};
	}

	const heldOut = {
		temperature: twoFold(items, fitTemperature),
		isotonic: items.length >= 40 ? twoFold(items, fitIsotonic) : Number.POSITIVE_INFINITY,
	};
	const calibration =
		heldOut.isotonic < heldOut.temperature ? fitIsotonic(items) : fitTemperature(items);
	return {calibration, rawError, heldOut};
}
