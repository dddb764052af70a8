/**
Bits set in a 32-bit word. Pure, and apart from the hashes that use it: the check command's
options read the Hamming index's limits at start-up, and importing them must not load sharp
(~29 MB of resident memory for every command, status and commit included).
*/
export function popCount32(value: number): number {
	let bits = value - ((value >>> 1) & 0x55555555);
	bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
	return (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
