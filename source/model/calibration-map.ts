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
	/**
	`sigmoid(slope · logit(c) + intercept)`: Platt scaling (Platt 1999), temperature's two-parameter
	form. The intercept lets it move every confidence up or down, which a temperature cannot.
	*/
	| {readonly kind: 'platt'; readonly slope: number; readonly intercept: number}
	/** A non-decreasing map by pool-adjacent-violators, linear between its points. */
	| {readonly kind: 'isotonic'; readonly points: ReadonlyArray<readonly [number, number]>};

export const clampProbability = (value: number) => Math.min(1 - 1e-6, Math.max(1e-6, value));
export const logit = (value: number) => {
	const p = clampProbability(value);
	return Math.log(p / (1 - p));
};
export const sigmoid = (value: number) => 1 / (1 + Math.exp(-value));

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

		case 'platt': {
			return sigmoid(calibration.slope * logit(confidence) + calibration.intercept);
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

	if (x > last[0]) {
		return last[1];
	}

	// Binary search for the first point at or right of x: a fit may hold hundreds of points, and
	// auto-accept maps every checked guess at each key.
	let low = 1;
	let high = points.length - 1;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if ((points[middle]?.[0] ?? 0) < x) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}

	const [x1, y1] = points[low] ?? last;
	const [x0, y0] = points[low - 1] ?? first;
	return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}
