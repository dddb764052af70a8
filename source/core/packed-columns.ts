/**
Number columns as typed arrays: one to eight bytes a value instead of a JS array's eight or more,
and the form a snapshot writes as binary blocks (state-blocks). Packing never changes a value: a
column that is not all plain numbers of the kind asked for stays as it was.
*/

export type PackedColumn = Uint8Array | Int32Array | Float64Array;

/** A column as decoding reads it: a JS array, or a typed array (a snapshot's block). */
export function isColumn(value: unknown): value is ArrayLike<unknown> {
	return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

export const isPacked = (column: unknown): column is PackedColumn =>
	column instanceof Uint8Array || column instanceof Int32Array || column instanceof Float64Array;

/** Whole numbers from 0 to 2^31 - 1 in one or four bytes each, instead of eight in a JS array. */
export function compactNumbers<Value>(
	column: ArrayLike<Value>,
): ArrayLike<Value> | Uint8Array | Int32Array {
	if (column instanceof Uint8Array || column instanceof Int32Array) return column;
	let max = 0;
	for (let row = 0; row < column.length; row++) {
		const value = column[row];
		if (
			typeof value !== 'number' ||
			!Number.isInteger(value) ||
			value < 0 ||
			value > 0x7f_ff_ff_ff
		) {
			return column;
		}

		max = Math.max(max, value);
	}

	return max <= 0xff
		? Uint8Array.from(column as ArrayLike<number>)
		: Int32Array.from(column as ArrayLike<number>);
}

/** Finite numbers (times, fractions) as eight bytes each; any other value leaves it as it is. */
export function floatNumbers<Value>(column: ArrayLike<Value>): ArrayLike<Value> | Float64Array {
	if (isPacked(column)) return column;
	for (let row = 0; row < column.length; row++) {
		const value = column[row];
		if (typeof value !== 'number' || !Number.isFinite(value)) return column;
	}

	return Float64Array.from(column as ArrayLike<number>);
}
