/**
Which calibration a source gets: the raw confidences, or the fit that does best on held-out halves.
Pure, so the bench, the loop and the tests share it.
*/
import {fitIsotonic, fitPlatt, fitTemperature} from './calibration-fit.js';
import {
	type Calibration,
	calibrate,
	expectedCalibrationError,
	type Scored,
} from './calibration-map.js';

export {fitIsotonic, fitPlatt, fitTemperature} from './calibration-fit.js';
export {
	type Calibration,
	calibrate,
	expectedCalibrationError,
	type Scored,
} from './calibration-map.js';

/** Guesses checked by a person before any calibration is fitted. */
export const minimumItems = 20;

/** Isotonic regression has a free value per block, so it waits for more guesses than temperature. */
export const minimumIsotonicItems = 40;

/** Above this ECE a source is calibrated before its confidences are trusted (issue #14). */
export const calibrationTolerance = 0.05;

export type CalibrationChoice = {
	readonly calibration: Calibration;
	/** ECE of the raw confidences on all items. */
	readonly rawError: number;
	/**
	Two-fold cross-validated ECE (fit on one half, measured on the other) of the raw confidences
	and of each method; undefined when nothing was fitted. Infinity for a method with too few items.
	*/
	readonly heldOut:
		| {
				readonly identity: number;
				readonly temperature: number;
				readonly platt: number;
				readonly isotonic: number;
		  }
		| undefined;
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

const identity = (): Calibration => ({kind: 'identity'});

/**
Keeps the raw confidences when their ECE is within tolerance or fewer than 20 guesses were checked.
Otherwise fits temperature, Platt scaling and isotonic (isotonic only from 40 items, as it
overfits a few) and keeps whichever of them and the raw confidences has the lowest held-out ECE,
refitted on all items. Few or no wrong guesses are no reason to stay raw: Platt's targets and the smoothed blocks
keep a fit from claiming certainty it has not seen.
*/
export function chooseCalibration(items: readonly Scored[]): CalibrationChoice {
	const rawError = expectedCalibrationError(items);
	if (rawError <= calibrationTolerance || items.length < minimumItems) {
		return {calibration: identity(), rawError, heldOut: undefined};
	}

	const heldOut = {
		identity: twoFold(items, identity),
		temperature: twoFold(items, fitTemperature),
		platt: twoFold(items, fitPlatt),
		isotonic:
			items.length >= minimumIsotonicItems ? twoFold(items, fitIsotonic) : Number.POSITIVE_INFINITY,
	};
	// In this order, so a tie keeps the simpler map.
	const candidates = [
		[heldOut.identity, identity],
		[heldOut.temperature, fitTemperature],
		[heldOut.platt, fitPlatt],
		[heldOut.isotonic, fitIsotonic],
	] as const;
	let [bestError, bestFit]: readonly [number, (items: readonly Scored[]) => Calibration] =
		candidates[0];
	for (const [error, fit] of candidates) {
		if (error < bestError) {
			bestError = error;
			bestFit = fit;
		}
	}

	const calibration = bestFit(items);
	return {calibration, rawError, heldOut};
}
