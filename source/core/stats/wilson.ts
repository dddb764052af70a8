/** The normal quantile for a two-sided 95% interval. */
export const z95 = 1.959_963_984_540_054;

export type Interval = {readonly low: number; readonly high: number};

/**
Wilson score interval for a proportion of `successes` out of `trials` (Wilson 1927). Unlike the
normal approximation it stays inside [0, 1] and is useful at 0 and n. No trials: the whole range.
*/
export function wilsonInterval(successes: number, trials: number, z = z95): Interval {
	if (trials <= 0) {
		return {low: 0, high: 1};
	}

	const p = Math.min(1, Math.max(0, successes / trials));
	const z2 = z * z;
	const denominator = 1 + z2 / trials;
	const center = (p + z2 / (2 * trials)) / denominator;
	const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
	return {low: Math.max(0, center - half), high: Math.min(1, center + half)};
}
