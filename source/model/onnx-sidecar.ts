import {readFile} from 'node:fs/promises';
import {UserError} from '../shared/user-error.js';

/** What a model needs besides its weights: `model.onnx.json` (or `model.json`) beside it. */
export type ModelSidecar = {
	/** Class names in output order. */
	readonly labels: readonly string[];
	/** [width, height] of the input. */
	readonly inputSize: readonly [number, number];
	readonly channelOrder: 'rgb' | 'bgr';
	readonly layout: 'nchw' | 'nhwc';
	/** Per channel, in the model's channel order, on pixels scaled to 0..1. */
	readonly mean: readonly [number, number, number];
	readonly std: readonly [number, number, number];
	/** Whether the output is already probabilities (else softmax is applied). */
	readonly output: 'logits' | 'probabilities';
};

export const sidecarExample = {
	labels: ['photo', 'screenshot'],
	inputSize: [224, 224],
	channelOrder: 'rgb',
	layout: 'nchw',
	mean: [0.485, 0.456, 0.406],
	std: [0.229, 0.224, 0.225],
	output: 'logits',
};

export function sidecarCandidates(modelFile: string): string[] {
	return [`${modelFile}.json`, modelFile.replace(/\.onnx$/i, '.json')];
}

const isTriple = (value: unknown): value is [number, number, number] =>
	Array.isArray(value) && value.length === 3 && value.every((item) => Number.isFinite(item));

/** Why a parsed sidecar is unusable, or undefined when it is fine. */
export function sidecarProblem(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null) {
		return 'it is not a JSON object';
	}

	const sidecar = value as Record<string, unknown>;
	const labels = sidecar['labels'];
	if (
		!Array.isArray(labels) ||
		labels.length < 2 ||
		!labels.every((label) => typeof label === 'string')
	) {
		return '"labels" must list at least two class names';
	}

	const size = sidecar['inputSize'];
	if (
		!Array.isArray(size) ||
		size.length !== 2 ||
		!size.every((side) => Number.isInteger(side) && side > 0)
	) {
		return '"inputSize" must be [width, height]';
	}

	if (sidecar['channelOrder'] !== 'rgb' && sidecar['channelOrder'] !== 'bgr') {
		return '"channelOrder" must be "rgb" or "bgr"';
	}

	if (sidecar['layout'] !== 'nchw' && sidecar['layout'] !== 'nhwc') {
		return '"layout" must be "nchw" or "nhwc"';
	}

	if (
		!isTriple(sidecar['mean']) ||
		!isTriple(sidecar['std']) ||
		sidecar['std'].some((value) => value === 0)
	) {
		return '"mean" and "std" must each be three numbers (std not 0)';
	}

	return sidecar['output'] === 'logits' || sidecar['output'] === 'probabilities'
		? undefined
		: '"output" must be "logits" or "probabilities"';
}

export async function readSidecar(modelFile: string): Promise<ModelSidecar> {
	const candidates = sidecarCandidates(modelFile);
	for (const file of candidates) {
		let text: string;
		try {
			text = await readFile(file, 'utf8');
		} catch {
			continue;
		}

		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch (error) {
			throw new UserError(
				`${file} is not valid JSON. Fix it; an example: ${JSON.stringify(sidecarExample)}`,
				{
					cause: error,
				},
			);
		}

		const problem = sidecarProblem(value);
		if (problem !== undefined) {
			throw new UserError(`${file}: ${problem}. An example: ${JSON.stringify(sidecarExample)}`);
		}

		return value as ModelSidecar;
	}

	throw new UserError(
		`--model needs a sidecar JSON beside the model (${candidates.join(' or ')}) with its labels and input. For example: ${JSON.stringify(sidecarExample)}`,
	);
}

/** The model's input tensor data from RGB pixels (3 bytes per pixel, row-major). */
export function tensorFromPixels(pixels: Uint8Array, sidecar: ModelSidecar): Float32Array {
	const [width, height] = sidecar.inputSize;
	const plane = width * height;
	const data = new Float32Array(plane * 3);
	const order = sidecar.channelOrder === 'rgb' ? [0, 1, 2] : [2, 1, 0];
	for (let pixel = 0; pixel < plane; pixel++) {
		for (let channel = 0; channel < 3; channel++) {
			const value = (pixels[pixel * 3 + (order[channel] ?? 0)] ?? 0) / 255;
			const normalized = (value - (sidecar.mean[channel] ?? 0)) / (sidecar.std[channel] ?? 1);
			data[sidecar.layout === 'nchw' ? channel * plane + pixel : pixel * 3 + channel] = normalized;
		}
	}

	return data;
}

export function softmax(values: readonly number[]): number[] {
	const top = Math.max(...values);
	const exps = values.map((value) => Math.exp(value - top));
	const total = exps.reduce((sum, value) => sum + value, 0);
	return exps.map((value) => value / total);
}
