/**
Where a decision came from, beyond the key: a grid page (the guess it confirmed or corrected) or
the auto-accept policy. Optional on decide records, so older journals and tools read them unchanged.
*/
export type GridOrigin = {
	readonly kind: 'grid';
	/** The page's number in its session, from 1. */
	readonly page: number;
	/** The class the page (the model) guessed for the item. */
	readonly guessed: string;
	/** `confirmed`: the person left the cell unmarked; `corrected`: they gave another class. */
	readonly outcome: 'confirmed' | 'corrected';
	/** Set when the item was picked by the audit of auto-accept: a check of the policy. */
	readonly audit?: true;
};

export type AutoOrigin = {
	readonly kind: 'auto';
	/** The calibrated probability of the guess that was accepted. */
	readonly probability: number;
	/** The `--auto-accept` threshold in force. */
	readonly threshold: number;
};

/**
A single-view decision on an item the audit of auto-accept picked: shown as a normal item, flagged,
so the person's key checks the guess auto-accept would have taken.
*/
export type SingleAuditOrigin = {
	readonly kind: 'single';
	/** The class the model guessed, at least the threshold sure. */
	readonly guessed: string;
	readonly audit: true;
};

export type DecisionOrigin = GridOrigin | AutoOrigin | SingleAuditOrigin;

/** Whether a decision checked a would-be auto-accept (on a grid page or in the single view). */
export function isAuditOrigin(
	origin: DecisionOrigin | undefined,
): origin is (GridOrigin | SingleAuditOrigin) & {audit: true} {
	return (origin?.kind === 'grid' || origin?.kind === 'single') && origin.audit === true;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isProbability = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;

/** True when a parsed value is a valid origin. */
export function isDecisionOrigin(value: unknown): value is DecisionOrigin {
	if (!isObject(value)) {
		return false;
	}

	if (value['kind'] === 'grid') {
		return (
			Number.isSafeInteger(value['page']) &&
			(value['page'] as number) >= 1 &&
			typeof value['guessed'] === 'string' &&
			value['guessed'] !== '' &&
			(value['outcome'] === 'confirmed' || value['outcome'] === 'corrected') &&
			(value['audit'] === undefined || value['audit'] === true)
		);
	}

	if (value['kind'] === 'single') {
		return (
			typeof value['guessed'] === 'string' && value['guessed'] !== '' && value['audit'] === true
		);
	}

	return (
		value['kind'] === 'auto' &&
		isProbability(value['probability']) &&
		isProbability(value['threshold'])
	);
}

/** Decisions a person made (or checked), as opposed to ones the auto-accept policy made. */
export function isHumanOrigin(origin: DecisionOrigin | undefined): boolean {
	return origin?.kind !== 'auto';
}
