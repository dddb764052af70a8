/**
`new Date(ms).toISOString()`, about 8× faster for the years 0000–9999: a resumed 100k-decision
snapshot makes each decision's time when the decision is read, so every pass over the decisions
paid 60–70 ms for toISOString alone. The string is made flat in one call (no concatenation), so
a kept time costs what toISOString's did.
*/
const dayMs = 86_400_000;
/** 10000-01-01T00:00:00.000Z: from there toISOString writes a six-digit year. */
const endOfFourDigitYears = 253_402_300_800_000;

let cachedDay = Number.NaN;
let dayCodes: number[] = [];

/** The character code of the decimal digit `value % 10`. */
const digit = (value: number) => 48 + (value % 10);

export function isoTime(ms: number): string {
	if (!Number.isInteger(ms) || ms < 0 || ms >= endOfFourDigitYears) {
		return new Date(ms).toISOString();
	}

	const day = Math.floor(ms / dayMs);
	if (day !== cachedDay) {
		// "YYYY-MM-DDT" of this day: consecutive decisions share it.
		dayCodes = Array.from(new Date(day * dayMs).toISOString().slice(0, 11), (char) =>
			char.charCodeAt(0),
		);
		cachedDay = day;
	}

	const inDay = ms - day * dayMs;
	const hours = Math.floor(inDay / 3_600_000);
	const minutes = Math.floor(inDay / 60_000) % 60;
	const seconds = Math.floor(inDay / 1000) % 60;
	const milliseconds = inDay % 1000;
	const [y1, y2, y3, y4, , m1, m2, , d1, d2] = dayCodes as [
		number,
		number,
		number,
		number,
		number,
		number,
		number,
		number,
		number,
		number,
	];
	return String.fromCharCode(
		y1,
		y2,
		y3,
		y4,
		45,
		m1,
		m2,
		45,
		d1,
		d2,
		84,
		digit(Math.floor(hours / 10)),
		digit(hours),
		58,
		digit(Math.floor(minutes / 10)),
		digit(minutes),
		58,
		digit(Math.floor(seconds / 10)),
		digit(seconds),
		46,
		digit(Math.floor(milliseconds / 100)),
		digit(Math.floor(milliseconds / 10)),
		digit(milliseconds),
		90,
	);
}
