/** The fits that map a source's confidences to calibrated probabilities. Pure. */
import {type Calibration, logit, type Scored, sigmoid} from './calibration-map.js';

/**
Platt's targets (Platt 1999): a right guess counts as (right + 1) / (right + 2), a wrong one as
1 / (wrong + 2), not 1 and 0. So a source that was never wrong on n guesses is fitted to be about
(n + 1) / (n + 2) sure, never certain: with 0/1 targets its temperature would run to zero.
*/
function plattTargets(items: readonly Scored[]): {right: number; wrong: number} {
	const right = items.filter((item) => item.correct).length;
	const wrong = items.length - right;
	return {right: (right + 1) / (right + 2), wrong: 1 / (wrong + 2)};
}

/** log(1 + e^f) − t·f: the cross-entropy of a logit f against a target t, without overflow. */
function logitLoss(f: number, target: number): number {
	const softplus = f > 0 ? f + Math.log1p(Math.exp(-f)) : Math.log1p(Math.exp(f));
	return softplus - target * f;
}

/** Each guess's log-odds and Platt target, read once: a fit evaluates its loss many times. */
function logitsAndTargets(items: readonly Scored[]): {logits: Float64Array; targets: Float64Array} {
	const {right, wrong} = plattTargets(items);
	const logits = new Float64Array(items.length);
	const targets = new Float64Array(items.length);
	for (const [index, item] of items.entries()) {
		logits[index] = logit(item.confidence);
		targets[index] = item.correct ? right : wrong;
	}

	return {logits, targets};
}

/** The mean log-loss of `sigmoid(slope · z + intercept)` against the targets. */
function meanLoss(
	{logits, targets}: {logits: Float64Array; targets: Float64Array},
	slope: number,
	intercept: number,
): number {
	let total = 0;
	for (let index = 0; index < logits.length; index++) {
		total += logitLoss(slope * (logits[index] ?? 0) + intercept, targets[index] ?? 0);
	}

	return total / Math.max(1, logits.length);
}

/**
The temperature with the least log-loss against Platt's targets: golden-section search on log T in
[e^-4, e^4], to within 1e-9 of log T. It is defined even when every guess was right (or wrong).
*/
export function fitTemperature(items: readonly Scored[]): Calibration {
	let low = -4;
	let high = 4;
	const ratio = (Math.sqrt(5) - 1) / 2;
	const data = logitsAndTargets(items);
	const loss = (logT: number) => meanLoss(data, Math.exp(-logT), 0);
	for (let step = 0; step < 50; step++) {
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
Platt scaling: the slope and intercept with the least log-loss against Platt's targets, by
Newton's method with a backtracking line search (Lin, Lin & Weng 2007). The slope may not be
negative: a map that made surer guesses less probable would be no calibration. When the best
slope is negative, the fit is the constant that matches the targets' mean.
*/
export function fitPlatt(items: readonly Scored[]): Calibration {
	const data = logitsAndTargets(items);
	const {logits, targets} = data;
	const count = Math.max(1, logits.length);
	let slope = 1;
	let intercept = 0;
	let current = meanLoss(data, slope, intercept);
	for (let iteration = 0; iteration < 100; iteration++) {
		// Gradient and Hessian of the mean loss; a tiny ridge keeps the Hessian invertible.
		let gradSlope = 0;
		let gradIntercept = 0;
		let hSlope = 1e-12;
		let hBoth = 0;
		let hIntercept = 1e-12;
		for (let index = 0; index < logits.length; index++) {
			const z = logits[index] ?? 0;
			const p = sigmoid(slope * z + intercept);
			const residual = (p - (targets[index] ?? 0)) / count;
			const weight = (p * (1 - p)) / count;
			gradSlope += residual * z;
			gradIntercept += residual;
			hSlope += weight * z * z;
			hBoth += weight * z;
			hIntercept += weight;
		}

		if (Math.abs(gradSlope) < 1e-9 && Math.abs(gradIntercept) < 1e-9) {
			break;
		}

		const det = hSlope * hIntercept - hBoth * hBoth;
		const stepSlope = -(hIntercept * gradSlope - hBoth * gradIntercept) / det;
		const stepIntercept = -(hSlope * gradIntercept - hBoth * gradSlope) / det;
		const descent = gradSlope * stepSlope + gradIntercept * stepIntercept;
		let step = 1;
		let next = meanLoss(data, slope + stepSlope, intercept + stepIntercept);
		while (next > current + 1e-4 * step * descent && step > 1e-6) {
			step /= 2;
			next = meanLoss(data, slope + step * stepSlope, intercept + step * stepIntercept);
		}

		// No step lowers the loss any more: as close to the minimum as doubles tell.
		if (next > current + 1e-4 * step * descent) {
			break;
		}

		slope += step * stepSlope;
		intercept += step * stepIntercept;
		current = next;
	}

	if (slope < 0) {
		const mean = targets.reduce((sum, target) => sum + target, 0) / count;
		return {kind: 'platt', slope: 0, intercept: logit(mean)};
	}

	return {kind: 'platt', slope, intercept};
}

const smoothed = (block: {right: number; count: number}) => (block.right + 1) / (block.count + 2);

/**
Isotonic regression by pool-adjacent-violators (Zadrozny & Elkan 2002). Each block's accuracy is
Laplace-smoothed ((right + 1) / (n + 2)), so a block of a few all-right items never claims 100%:
that matters when the result gates auto-accept. Blocks pool until their smoothed values rise
strictly, so a run of right guesses is one block (one all-right guess alone would say 2/3, below a
big block under it) and the map never decreases.
*/
export function fitIsotonic(items: readonly Scored[]): Calibration {
	const sorted = [...items].sort((left, right) => left.confidence - right.confidence);
	const blocks: Array<{x: number; right: number; count: number}> = [];
	for (const item of sorted) {
		blocks.push({x: item.confidence, right: item.correct ? 1 : 0, count: 1});
		while (blocks.length > 1) {
			const last = blocks.at(-1);
			const before = blocks.at(-2);
			if (!last || !before || smoothed(before) < smoothed(last)) {
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
		points: blocks.map((block) => [block.x, smoothed(block)] as const),
	};
}
