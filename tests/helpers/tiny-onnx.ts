/**
Builds a tiny ONNX classifier by hand (protobuf wire format), so the --model path is tested on a
real model without shipping one: mean colour per channel, then a 3×2 matrix, giving two logits.
*/
function varint(value: number): number[] {
	const bytes: number[] = [];
	let rest = value;
	while (rest > 0x7f) {
		bytes.push((rest & 0x7f) | 0x80);
		rest = Math.floor(rest / 128);
	}

	bytes.push(rest);
	return bytes;
}

const key = (field: number, wireType: number) => varint((field << 3) | wireType);
const int = (field: number, value: number) => [...key(field, 0), ...varint(value)];
const bytes = (field: number, data: readonly number[]) => [
	...key(field, 2),
	...varint(data.length),
	...data,
];
const text = (field: number, value: string) => bytes(field, [...Buffer.from(value, 'utf8')]);

function valueInfo(name: string, dims: readonly number[]): number[] {
	const shape = dims.flatMap((dim) => bytes(1, int(1, dim)));
	const tensorType = [...int(1, 1), ...bytes(2, shape)];
	return [...text(1, name), ...bytes(2, bytes(1, tensorType))];
}

function node(
	op: string,
	inputs: readonly string[],
	output: string,
	attributes: number[][] = [],
): number[] {
	return [
		...inputs.flatMap((input) => text(1, input)),
		...text(2, output),
		...text(3, `${op}-node`),
		...text(4, op),
		...attributes.flatMap((attribute) => bytes(5, attribute)),
	];
}

function floatTensor(name: string, dims: readonly number[], values: readonly number[]): number[] {
	const raw = Buffer.alloc(values.length * 4);
	for (const [index, value] of values.entries()) {
		raw.writeFloatLE(value, index * 4);
	}

	return [
		...dims.flatMap((dim) => int(1, dim)),
		...int(2, 1),
		...text(8, name),
		...bytes(9, [...raw]),
	];
}

/** `weights` is 3×2, row per input channel (R, G, B), column per class. */
export function tinyClassifier(size: number, weights: readonly number[]): Uint8Array {
	const axes = [...text(1, 'axes'), ...int(20, 7), ...int(8, 2), ...int(8, 3)];
	const keepDims = [...text(1, 'keepdims'), ...int(20, 2), ...int(3, 0)];
	const graph = [
		...bytes(1, node('ReduceMean', ['input'], 'means', [axes, keepDims])),
		...bytes(1, node('MatMul', ['means', 'weights'], 'logits')),
		...text(2, 'tiny'),
		...bytes(5, floatTensor('weights', [3, 2], weights)),
		...bytes(11, valueInfo('input', [1, 3, size, size])),
		...bytes(12, valueInfo('logits', [1, 2])),
	];
	const model = [
		...int(1, 7),
		...text(2, 'imgsift-tests'),
		...bytes(7, graph),
		...bytes(8, int(2, 13)),
	];
	return Uint8Array.from(model);
}
