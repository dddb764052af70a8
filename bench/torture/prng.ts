/** A small seeded PRNG (mulberry32): the same seed replays the same keys and kill points. */
export type Random = {
	/** A float in [0, 1). */
	next(): number;
	/** A whole number from `min` to `max`, both included. */
	between(min: number, max: number): number;
	/** One of `choices`, each with its weight. */
	pick<T>(choices: ReadonlyArray<readonly [T, number]>): T;
};

export function seededRandom(seed: number): Random {
	let a = seed >>> 0;
	const next = (): number => {
		a = (a + 0x6d_2b_79_f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};

	return {
		next,
		between: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick(choices) {
			const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
			let roll = next() * total;
			for (const [choice, weight] of choices) {
				roll -= weight;
				if (roll < 0) {
					return choice;
				}
			}

			const last = choices.at(-1);
			if (last === undefined) {
				throw new Error('pick needs at least one choice');
			}

			return last[0];
		},
	};
}
