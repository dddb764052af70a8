import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import sharp from 'sharp';
import {loadOnnxRuntime, OnnxGuessSource, onnxInstallCommand} from '../../source/model/onnx.js';
import {readSidecar, sidecarProblem, tensorFromPixels} from '../../source/model/onnx-sidecar.js';
import {makeTempDir} from '../helpers/temp-dir.js';
import {tinyClassifier} from '../helpers/tiny-onnx.js';

const sidecar = {
	labels: ['dark', 'bright'],
	inputSize: [4, 4],
	channelOrder: 'rgb',
	layout: 'nchw',
	mean: [0.5, 0.5, 0.5],
	std: [0.25, 0.25, 0.25],
	output: 'logits',
};

async function runtimeMissing(): Promise<string | false> {
	try {
		await loadOnnxRuntime();
		return false;
	} catch {
		return `onnxruntime-node is not installed (optional): ${onnxInstallCommand()}`;
	}
}

test('a tiny ONNX model built here classifies bright and dark images', async (t) => {
	const missing = await runtimeMissing();
	if (missing) {
		t.skip(missing);
		return;
	}

	const dir = await makeTempDir(t);
	const model = path.join(dir, 'tiny.onnx');
	await writeFile(model, tinyClassifier(4, [-1, 1, -1, 1, -1, 1]));
	await writeFile(`${model}.json`, JSON.stringify(sidecar));
	const plain = (name: string, value: number) =>
		sharp({
			create: {width: 40, height: 30, channels: 3, background: {r: value, g: value, b: value}},
		})
			.png()
			.toFile(path.join(dir, name));
	await plain('white.png', 250);
	await plain('black.png', 5);
	await writeFile(path.join(dir, 'broken.png'), 'not an image');
	const source = await OnnxGuessSource.open(dir, model);
	t.after(async () => source.close());
	assert.equal(source.view('white.png').status, 'pending', 'nothing is computed until asked');
	const white = await source.guess('white.png');
	const black = await source.guess('black.png');
	assert.equal(white.status === 'ready' && white.guess.label, 'bright');
	assert.equal(black.status === 'ready' && black.guess.label, 'dark');
	assert.ok(white.status === 'ready' && white.guess.confidence > 0.99);
	assert.equal(white.status === 'ready' && white.guess.source, 'model tiny.onnx');
	assert.deepEqual(source.view('white.png'), white, 'the view is cached');
	assert.equal((await source.guess('broken.png')).status, 'none');
});

test('without the runtime, --model says exactly how to install it', async (t) => {
	const missing = await runtimeMissing();
	if (!missing) {
		t.skip('onnxruntime-node is installed here, so the missing-package message cannot be seen');
		return;
	}

	await assert.rejects(loadOnnxRuntime(), (error: Error) => {
		assert.match(error.message, /npm install --no-save --ignore-scripts onnxruntime-node/);
		return true;
	});
});

test('the sidecar is checked, with an example in the message', async (t) => {
	const dir = await makeTempDir(t);
	const model = path.join(dir, 'm.onnx');
	await assert.rejects(readSidecar(model), /sidecar JSON beside the model/);
	await writeFile(path.join(dir, 'm.json'), JSON.stringify({...sidecar, layout: 'chw'}));
	await assert.rejects(readSidecar(model), /"layout" must be/);
	assert.equal(sidecarProblem(sidecar), undefined);
	assert.match(sidecarProblem({...sidecar, labels: ['one']}) ?? '', /at least two/);
});

test("pixels become a normalized tensor in the model's channel order and layout", () => {
	const pixels = Uint8Array.from([255, 0, 51, 0, 255, 0]);
	const base = {...sidecar, inputSize: [2, 1], mean: [0, 0, 0], std: [1, 1, 1]} as const;
	const nchw = tensorFromPixels(pixels, {
		...base,
		channelOrder: 'rgb',
		layout: 'nchw',
		output: 'logits',
	});
	assert.deepEqual(
		[...nchw].map((value) => Math.round(value * 10) / 10),
		[1, 0, 0, 1, 0.2, 0],
	);
	const bgrNhwc = tensorFromPixels(pixels, {
		...base,
		channelOrder: 'bgr',
		layout: 'nhwc',
		output: 'logits',
	});
	assert.deepEqual(
		[...bgrNhwc].map((value) => Math.round(value * 10) / 10),
		[0.2, 0, 1, 0, 1, 0],
	);
});
